"""Every write is a version in the audit log: who, when, which fields from what to what."""

import pytest

from leitplanke.audit.chain import Actor, verify
from leitplanke.database.engine import transaction
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.people import update_person
from leitplanke.registry.presences import set_team, update_presence
from leitplanke.registry.schemas import PersonUpdate, PresenceUpdate, StatusChange, TeamUpdate
from leitplanke.registry.status import change_status
from leitplanke.registry.tables import PresenceStatus
from leitplanke.registry.versions import history, presence_history
from tests.registry.conftest import ADMIN, ANNA, PLATFORMS, add_presence

BEN = Actor(2, "Ben Redaktion")


def test_the_history_of_a_presence_tells_who_changed_which_fields_when(sessions, world):
    presence_id = add_presence(sessions, world, contact_id=None)
    with transaction(sessions) as session:
        update_presence(
            session,
            BEN,
            world.editor_of(world.senate),
            presence_id,
            PresenceUpdate(version=1, name="Berlin", moderation_hours="Mo–Fr 9–16 Uhr"),
            platforms=PLATFORMS,
        )
        set_team(session, BEN, ADMIN, presence_id, TeamUpdate(version=2, editor_ids=[world.max]))
        change_status(
            session,
            ANNA,
            ADMIN,
            presence_id,
            StatusChange(status=PresenceStatus.CLOSED, version=3),
        )
    with sessions() as session:
        entries = presence_history(session, presence_id)
    assert [(entry.action, entry.actor_name, entry.actor_id) for entry in entries] == [
        ("presence.create", "Anna Admin", 1),
        ("presence.update", "Ben Redaktion", 2),
        ("presence.team", "Ben Redaktion", 2),
        ("presence.status", "Anna Admin", 1),
    ]
    created, updated, team, status = entries
    assert created.changes["handle"] == (None, "@senatskanzlei@berlin.social")
    assert created.changes["status"] == (None, "planned")
    assert created.changes["version"] == (None, 1)
    assert "contact_id" not in created.changes  # no value, nothing to record
    assert updated.changes == {
        "name": ("Senatskanzlei Berlin", "Berlin"),
        "moderation_hours": (None, "Mo–Fr 9–16 Uhr"),
        "version": (1, 2),
    }
    assert team.changes == {"editor_ids": ([], [world.max]), "version": (2, 3)}
    assert status.changes == {"status": ("planned", "closed"), "version": (3, 4)}
    assert all(entry.at.tzinfo is not None for entry in entries)
    assert [entry.at for entry in entries] == sorted(entry.at for entry in entries)


def test_registry_writes_keep_the_audit_chain_intact(sessions, world):
    presence_id = add_presence(sessions, world)
    with transaction(sessions) as session:
        update_person(session, BEN, ADMIN, world.erika, PersonUpdate(phone="030 9026-1"))
        update_presence(
            session,
            BEN,
            ADMIN,
            presence_id,
            PresenceUpdate(version=1, purpose="Neu."),
            platforms=PLATFORMS,
        )
    with sessions() as session:
        count, problems = verify(session)
    assert problems == []
    assert count == 10  # 2 authorities, 2 units, 3 people, 1 presence, 2 changes


def test_the_history_of_a_person_records_their_changes(sessions, world):
    with transaction(sessions) as session:
        update_person(session, BEN, ADMIN, world.erika, PersonUpdate(unit_id=None))
    with sessions() as session:
        entries = history(session, "person", world.erika)
    assert [entry.action for entry in entries] == ["person.create", "person.update"]
    assert entries[1].changes == {"unit_id": (world.press_office, None)}


def test_the_history_of_an_unknown_presence_is_not_found(sessions, world):
    with sessions() as session, pytest.raises(RegistryError) as raised:
        presence_history(session, 999)
    assert raised.value.kind is ErrorKind.NOT_FOUND
