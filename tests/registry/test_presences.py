"""Writing presences: validated, in the caller's scope, versioned, and all or nothing."""

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from leitplanke.accounts.roles import Role
from leitplanke.audit.tables import AuditEntry
from leitplanke.database.engine import transaction
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.presences import create_presence, set_team, update_presence
from leitplanke.registry.schemas import PresenceUpdate, StatusChange, TeamUpdate
from leitplanke.registry.scope import PUBLIC, Scope
from leitplanke.registry.status import change_status
from leitplanke.registry.tables import Presence, PresenceMember, PresenceStatus, TeamRole
from tests.registry.conftest import (
    ADMIN,
    ANNA,
    PLATFORMS,
    World,
    add_presence,
    presence_input,
    sign_decision,
)


def count(session: Session, table: type) -> int:
    return session.scalar(select(func.count()).select_from(table)) or 0


def test_a_new_presence_is_planned_at_version_one_with_its_handle_key(sessions, world):
    presence_id = add_presence(sessions, world, handle="@SenatsKanzlei@Berlin.Social")
    with sessions() as session:
        presence = session.get(Presence, presence_id)
        assert presence is not None
        assert presence.status is PresenceStatus.PLANNED
        assert presence.version == 1
        assert presence.handle == "@SenatsKanzlei@Berlin.Social"
        assert presence.handle_key == "senatskanzlei@berlin.social"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("@senatskanzlei@berlin.social", "@senatskanzlei@berlin.social"),
        ("@senatskanzlei@berlin.social", "senatskanzlei@berlin.social"),
        ("@senatskanzlei@berlin.social", "@SenatsKanzlei@BERLIN.social"),
        ("berlin", "@Berlin"),
        ("@Berlin", "BERLIN"),
    ],
)
def test_a_handle_taken_on_the_platform_is_a_conflict_whatever_its_case_or_at(
    sessions, world, first, second
):
    add_presence(sessions, world, handle=first)
    with sessions() as session, pytest.raises(RegistryError) as raised:
        create_presence(
            session, ANNA, ADMIN, presence_input(world, handle=second), platforms=PLATFORMS
        )
    assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, "handle")
    assert "schon eingetragen" in raised.value.message


def test_the_same_handle_on_another_platform_is_another_account(sessions, world):
    add_presence(sessions, world, handle="@berlin")
    add_presence(sessions, world, handle="@berlin", platform="instagram")
    with sessions() as session:
        assert count(session, Presence) == 2


@pytest.mark.parametrize(
    ("changes", "kind", "field"),
    [
        ({"platform": "myspace"}, ErrorKind.INVALID, "platform"),
        ({"authority_id": 999}, ErrorKind.INVALID, "authority_id"),
        ({"unit_id": 999}, ErrorKind.INVALID, "unit_id"),
        ({"responsible_id": 999}, ErrorKind.INVALID, "responsible_id"),
        ({"contact_id": 999}, ErrorKind.INVALID, "contact_id"),
    ],
)
def test_unknown_platforms_and_ids_name_the_field(sessions, world, changes, kind, field):
    with sessions() as session, pytest.raises(RegistryError) as raised:
        create_presence(session, ANNA, ADMIN, presence_input(world, **changes), platforms=PLATFORMS)
    assert (raised.value.kind, raised.value.field) == (kind, field)


@pytest.mark.parametrize(
    ("field", "other"),
    [
        ("unit_id", "district_office"),
        ("responsible_id", "lena"),
        ("contact_id", "lena"),
    ],
)
def test_units_and_people_of_another_authority_are_refused(sessions, world, field, other):
    data = presence_input(world, **{field: getattr(world, other)})
    with sessions() as session, pytest.raises(RegistryError) as raised:
        create_presence(session, ANNA, ADMIN, data, platforms=PLATFORMS)
    assert (raised.value.kind, raised.value.field) == (ErrorKind.INVALID, field)
    assert "gehört nicht zur Behörde" in raised.value.message


def test_an_editor_writes_presences_of_their_own_authority(sessions, world):
    with transaction(sessions) as session:
        presence = create_presence(
            session,
            ANNA,
            world.editor_of(world.senate),
            presence_input(world),
            platforms=PLATFORMS,
        )
        assert presence.id is not None


@pytest.mark.parametrize(
    "scope",
    [
        Scope(Role.EDITOR, None),
        Scope(Role.REVIEWER),
        Scope(Role.DATA_PROTECTION_OFFICER),
        Scope(Role.STAFF),
        PUBLIC,
    ],
    ids=["editor-without-authority", "reviewer", "dpo", "staff", "public"],
)
def test_roles_without_the_registry_permission_may_not_create(sessions, world, scope):
    with sessions() as session, pytest.raises(RegistryError) as raised:
        create_presence(session, ANNA, scope, presence_input(world), platforms=PLATFORMS)
    assert raised.value.kind is ErrorKind.FORBIDDEN


def test_an_editor_of_another_authority_may_not_create_or_change(sessions, world):
    presence_id = add_presence(sessions, world)
    outsider = world.editor_of(world.district)
    with sessions() as session:
        with pytest.raises(RegistryError) as raised:
            create_presence(session, ANNA, outsider, presence_input(world), platforms=PLATFORMS)
        assert (raised.value.kind, raised.value.field) == (ErrorKind.FORBIDDEN, "authority_id")
        for write in (
            lambda: update_presence(
                session,
                ANNA,
                outsider,
                presence_id,
                PresenceUpdate(version=1, name="Übernommen"),
                platforms=PLATFORMS,
            ),
            lambda: set_team(session, ANNA, outsider, presence_id, TeamUpdate(version=1)),
            lambda: change_status(
                session,
                ANNA,
                outsider,
                presence_id,
                StatusChange(status=PresenceStatus.CLOSED, version=1),
            ),
        ):
            with pytest.raises(RegistryError) as raised:
                write()
            assert (raised.value.kind, raised.value.field) == (ErrorKind.FORBIDDEN, "id")


def test_an_editor_may_not_move_a_presence_to_another_authority(sessions, world):
    presence_id = add_presence(sessions, world, unit_id=None, responsible_id=None, contact_id=None)
    with sessions() as session, pytest.raises(RegistryError) as raised:
        update_presence(
            session,
            ANNA,
            world.editor_of(world.senate),
            presence_id,
            PresenceUpdate(version=1, authority_id=world.district),
            platforms=PLATFORMS,
        )
    assert (raised.value.kind, raised.value.field) == (ErrorKind.FORBIDDEN, "authority_id")


def test_an_update_changes_only_the_fields_given_and_counts_the_version(sessions, world):
    presence_id = add_presence(sessions, world)
    with transaction(sessions) as session:
        presence = update_presence(
            session,
            ANNA,
            ADMIN,
            presence_id,
            PresenceUpdate(version=1, name="Berlin – Senatskanzlei", contact_id=None),
            platforms=PLATFORMS,
        )
        assert presence.version == 2
    with sessions() as session:
        presence = session.get(Presence, presence_id)
        assert presence is not None
        assert (presence.name, presence.contact_id, presence.version) == (
            "Berlin – Senatskanzlei",
            None,
            2,
        )
        assert presence.purpose == "Informationen der Senatskanzlei."


def test_an_update_without_a_difference_writes_no_version(sessions, world):
    presence_id = add_presence(sessions, world)
    with transaction(sessions) as session:
        entries = count(session, AuditEntry)
        presence = update_presence(
            session,
            ANNA,
            ADMIN,
            presence_id,
            PresenceUpdate(version=1, name="Senatskanzlei Berlin"),
            platforms=PLATFORMS,
        )
        assert presence.version == 1
        assert count(session, AuditEntry) == entries


def test_an_update_against_an_old_version_is_a_conflict(sessions, world):
    presence_id = add_presence(sessions, world)
    with transaction(sessions) as session:
        update_presence(
            session,
            ANNA,
            ADMIN,
            presence_id,
            PresenceUpdate(version=1, name="Erste Änderung"),
            platforms=PLATFORMS,
        )
    with sessions() as session, pytest.raises(RegistryError) as raised:
        update_presence(
            session,
            ANNA,
            ADMIN,
            presence_id,
            PresenceUpdate(version=1, name="Zweite Änderung"),
            platforms=PLATFORMS,
        )
    assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, "version")
    assert "Version 2" in raised.value.message


def test_an_update_may_not_take_the_handle_of_another_presence(sessions, world):
    add_presence(sessions, world, handle="@berlin@berlin.social")
    presence_id = add_presence(sessions, world, handle="@pankow@berlin.social")
    with sessions() as session, pytest.raises(RegistryError) as raised:
        update_presence(
            session,
            ANNA,
            ADMIN,
            presence_id,
            PresenceUpdate(version=1, handle="Berlin@Berlin.Social"),
            platforms=PLATFORMS,
        )
    assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, "handle")


def test_an_update_may_change_the_case_of_its_own_handle(sessions, world):
    presence_id = add_presence(sessions, world, handle="@berlin")
    with transaction(sessions) as session:
        presence = update_presence(
            session,
            ANNA,
            ADMIN,
            presence_id,
            PresenceUpdate(version=1, handle="@Berlin"),
            platforms=PLATFORMS,
        )
        assert (presence.handle, presence.handle_key) == ("@Berlin", "berlin")


def test_an_update_to_an_unknown_platform_names_the_platform(sessions, world):
    presence_id = add_presence(sessions, world)
    with sessions() as session, pytest.raises(RegistryError) as raised:
        update_presence(
            session,
            ANNA,
            ADMIN,
            presence_id,
            PresenceUpdate(version=1, platform="myspace"),
            platforms=PLATFORMS,
        )
    assert (raised.value.kind, raised.value.field) == (ErrorKind.INVALID, "platform")


def test_moving_to_another_authority_checks_the_people_that_stay(sessions, world):
    presence_id = add_presence(sessions, world, unit_id=None, contact_id=None)
    with sessions() as session, pytest.raises(RegistryError) as raised:
        update_presence(
            session,
            ANNA,
            ADMIN,
            presence_id,
            PresenceUpdate(version=1, authority_id=world.district),
            platforms=PLATFORMS,
        )
    assert (raised.value.kind, raised.value.field) == (ErrorKind.INVALID, "responsible_id")
    with transaction(sessions) as session:
        presence = update_presence(
            session,
            ANNA,
            ADMIN,
            presence_id,
            PresenceUpdate(version=1, authority_id=world.district, responsible_id=world.lena),
            platforms=PLATFORMS,
        )
        assert presence.authority_id == world.district


def test_moving_to_another_authority_needs_a_team_of_that_authority(sessions, world):
    presence_id = add_presence(sessions, world, unit_id=None, responsible_id=None, contact_id=None)
    with transaction(sessions) as session:
        set_team(session, ANNA, ADMIN, presence_id, TeamUpdate(version=1, editor_ids=[world.max]))
    with sessions() as session, pytest.raises(RegistryError) as raised:
        update_presence(
            session,
            ANNA,
            ADMIN,
            presence_id,
            PresenceUpdate(version=2, authority_id=world.district),
            platforms=PLATFORMS,
        )
    assert (raised.value.kind, raised.value.field) == (ErrorKind.INVALID, "authority_id")


def test_a_listed_presence_keeps_its_url_imprint_and_responsible_person(sessions, world):
    presence_id = add_presence(sessions, world)
    sign_decision(sessions, presence_id, "approved")
    with transaction(sessions) as session:
        for version, status in ((1, PresenceStatus.APPROVED), (2, PresenceStatus.ACTIVE)):
            change_status(
                session, ANNA, ADMIN, presence_id, StatusChange(status=status, version=version)
            )
    with sessions() as session, pytest.raises(RegistryError) as raised:
        update_presence(
            session,
            ANNA,
            ADMIN,
            presence_id,
            PresenceUpdate(version=3, imprint_url=""),
            platforms=PLATFORMS,
        )
    assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, "imprint_url")


def test_the_team_is_replaced_as_a_whole(sessions, world):
    presence_id = add_presence(sessions, world)
    with transaction(sessions) as session:
        set_team(
            session,
            ANNA,
            ADMIN,
            presence_id,
            TeamUpdate(version=1, deputy_ids=[world.max], editor_ids=[world.erika, world.max]),
        )
    with transaction(sessions) as session:
        presence = set_team(
            session,
            ANNA,
            ADMIN,
            presence_id,
            TeamUpdate(version=2, deputy_ids=[world.erika], editor_ids=[world.max]),
        )
        assert presence.version == 3
    with sessions() as session:
        members = session.execute(
            select(PresenceMember.person_id, PresenceMember.role).order_by(
                PresenceMember.role, PresenceMember.person_id
            )
        ).all()
        assert [tuple(member) for member in members] == [
            (world.erika, TeamRole.DEPUTY),
            (world.max, TeamRole.EDITOR),
        ]


@pytest.mark.parametrize(
    ("team", "field"),
    [
        ({"deputy_ids": [999]}, "deputy_ids[0]"),
        ({"editor_ids": ["erika", "lena"]}, "editor_ids[1]"),
    ],
)
def test_team_members_must_exist_and_belong_to_the_authority(sessions, world, team, field):
    presence_id = add_presence(sessions, world)
    ids = {
        name: [getattr(world, item) if isinstance(item, str) else item for item in items]
        for name, items in team.items()
    }
    with sessions() as session, pytest.raises(RegistryError) as raised:
        set_team(session, ANNA, ADMIN, presence_id, TeamUpdate(version=1, **ids))
    assert (raised.value.kind, raised.value.field) == (ErrorKind.INVALID, field)


def test_an_unknown_presence_is_not_found(sessions, world):
    with sessions() as session, pytest.raises(RegistryError) as raised:
        update_presence(
            session, ANNA, ADMIN, 999, PresenceUpdate(version=1, name="x"), platforms=PLATFORMS
        )
    assert (raised.value.kind, raised.value.field) == (ErrorKind.NOT_FOUND, "id")


def test_a_refused_write_leaves_the_session_unchanged(sessions, world):
    presence_id = add_presence(sessions, world)
    with sessions() as session:
        with pytest.raises(RegistryError):
            update_presence(
                session,
                ANNA,
                ADMIN,
                presence_id,
                PresenceUpdate(version=1, name="Neu", responsible_id=world.lena),
                platforms=PLATFORMS,
            )
        assert not session.new and not session.dirty and not session.deleted
        session.commit()
    with sessions() as session:
        presence = session.get(Presence, presence_id)
        assert presence is not None
        assert (presence.name, presence.version) == ("Senatskanzlei Berlin", 1)


def test_an_error_after_the_write_keeps_nothing_of_the_transaction(
    sessions: sessionmaker[Session], world: World
):
    with sessions() as session:
        before = (count(session, Presence), count(session, AuditEntry))

    def fail_after_writing() -> None:
        with transaction(sessions) as session:
            create_presence(session, ANNA, ADMIN, presence_input(world), platforms=PLATFORMS)
            create_presence(session, ANNA, ADMIN, presence_input(world), platforms=PLATFORMS)

    with pytest.raises(RegistryError):
        fail_after_writing()
    with sessions() as session:
        assert (count(session, Presence), count(session, AuditEntry)) == before


def test_two_editors_changing_the_same_version_at_once_conflict(sessions, world, database):
    """The second writer waits for the first one's row lock, then sees the newer version."""
    if database.dialect.name == "sqlite":
        pytest.skip("SQLite has no row locks: the second writer fails at the database lock")
    presence_id = add_presence(sessions, world)
    first = sessions()
    first.begin()
    update_presence(
        first,
        ANNA,
        ADMIN,
        presence_id,
        PresenceUpdate(version=1, name="Erste"),
        platforms=PLATFORMS,
    )
    outcome: list[BaseException | int] = []

    def second_writer() -> None:
        try:
            with transaction(sessions) as session:
                change = PresenceUpdate(version=1, name="Zweite")
                presence = update_presence(
                    session, ANNA, ADMIN, presence_id, change, platforms=PLATFORMS
                )
                outcome.append(presence.version)
        except RegistryError as error:
            outcome.append(error)

    thread = threading.Thread(target=second_writer)
    thread.start()
    thread.join(timeout=1)
    assert thread.is_alive()  # waiting for the first writer's lock
    first.commit()
    first.close()
    thread.join(timeout=30)
    [error] = outcome
    assert isinstance(error, RegistryError)
    assert (error.kind, error.field) == (ErrorKind.CONFLICT, "version")
    with sessions() as session:
        presence = session.get(Presence, presence_id)
        assert presence is not None
        assert (presence.name, presence.version) == ("Erste", 2)
