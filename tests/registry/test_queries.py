"""Reading presences: filtered lists for staff, the public list of official accounts."""

import pytest

from leitplanke.database.engine import transaction
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.presences import set_team
from leitplanke.registry.queries import (
    get_presence,
    list_presences,
    public_presence,
    public_presences,
)
from leitplanke.registry.schemas import (
    PresenceFilter,
    PresenceInternal,
    StatusChange,
    TeamUpdate,
)
from leitplanke.registry.status import change_status
from leitplanke.registry.tables import Presence, PresenceStatus
from leitplanke.registry.versions import presence_history
from tests.registry.conftest import ADMIN, ANNA, add_presence, sign_decision
from tests.registry.test_status import put_in_status


@pytest.fixture
def presences(sessions, world):
    """Four presences: name → ID."""
    return {
        "mastodon": add_presence(sessions, world),
        "instagram": add_presence(
            sessions, world, platform="instagram", handle="senatskanzlei_berlin"
        ),
        "pankow": add_presence(
            sessions,
            world,
            name="Bezirksamt Pankow",
            handle="@Pankow@berlin.social",
            purpose="Neues aus dem Bezirk (100% Pankow).",
            authority_id=world.district,
            unit_id=None,
            responsible_id=world.lena,
            contact_id=None,
        ),
        "youtube": add_presence(sessions, world, platform="youtube", handle="@SenatBerlin"),
    }


def names(found, presences):
    by_id = {presence_id: name for name, presence_id in presences.items()}
    return [by_id[presence.id] for presence in found]


@pytest.mark.parametrize(
    ("filters", "want"),
    [
        ({}, ["pankow", "instagram", "mastodon", "youtube"]),
        ({"authority_id": "district"}, ["pankow"]),
        ({"platform": "mastodon"}, ["pankow", "mastodon"]),
        ({"status": "suspended"}, ["youtube"]),
        ({"text": "PANKOW"}, ["pankow"]),
        ({"text": "@pankow"}, ["pankow"]),
        ({"text": "senatberlin"}, ["youtube"]),
        ({"text": "kanzlei_ber"}, ["instagram"]),
        ({"text": "100%"}, ["pankow"]),
        ({"text": "_"}, ["instagram"]),
        ({"text": "SKzl"}, ["instagram", "mastodon", "youtube"]),
        ({"platform": "mastodon", "text": "senats"}, ["mastodon"]),
        ({"text": "nirgends"}, []),
    ],
)
def test_presences_are_listed_by_every_filter_given(sessions, world, presences, filters, want):
    put_in_status(sessions, presences["youtube"], PresenceStatus.SUSPENDED)
    values = {
        key: getattr(world, value) if key == "authority_id" else value
        for key, value in filters.items()
    }
    with sessions() as session:
        found = list_presences(session, PresenceFilter.model_validate(values))
    assert names(found, presences) == want


def test_a_presence_is_read_with_its_people_and_team(sessions, world, presences):
    with transaction(sessions) as session:
        set_team(
            session,
            ANNA,
            ADMIN,
            presences["mastodon"],
            TeamUpdate(version=1, deputy_ids=[world.max], editor_ids=[world.erika]),
        )
    with sessions() as session:
        shown = PresenceInternal.model_validate(get_presence(session, presences["mastodon"]))
    assert shown.authority.slug == "senatskanzlei"
    assert shown.responsible is not None and shown.responsible.name == "Erika Muster"
    assert [(member.role.value, member.person.name) for member in shown.team] == [
        ("deputy", "Max Beispiel"),
        ("editor", "Erika Muster"),
    ]


def test_an_unknown_presence_is_not_found(sessions, world):
    with sessions() as session, pytest.raises(RegistryError) as raised:
        get_presence(session, 999)
    assert (raised.value.kind, raised.value.field) == (ErrorKind.NOT_FOUND, "id")


def go_public(sessions, presence_id):
    sign_decision(sessions, presence_id, "approved")
    with transaction(sessions) as session:
        for version, status in enumerate((PresenceStatus.APPROVED, PresenceStatus.ACTIVE), 1):
            change_status(
                session, ANNA, ADMIN, presence_id, StatusChange(status=status, version=version)
            )


def test_the_public_list_holds_active_and_suspended_presences_only(sessions, world, presences):
    go_public(sessions, presences["mastodon"])
    go_public(sessions, presences["pankow"])
    put_in_status(sessions, presences["youtube"], PresenceStatus.SUSPENDED)
    put_in_status(sessions, presences["instagram"], PresenceStatus.CLOSED)
    with sessions() as session:
        listed = public_presences(session)
    assert [(presence.handle, presence.status.value) for presence in listed] == [
        ("@Pankow@berlin.social", "active"),
        ("@senatskanzlei@berlin.social", "active"),
        ("@SenatBerlin", "suspended"),
    ]


def test_a_public_presence_tells_since_when_it_has_its_status(sessions, world, presences):
    go_public(sessions, presences["mastodon"])
    with sessions() as session:
        shown = public_presence(session, presences["mastodon"])
        became_active = presence_history(session, presences["mastodon"])[-1]
    assert became_active.changes["status"] == ("approved", "active")
    assert shown.status_since == became_active.at
    assert shown.authority.name == "Senatskanzlei"


@pytest.mark.parametrize("status", [PresenceStatus.PLANNED, PresenceStatus.CLOSED])
def test_a_presence_outside_the_public_list_is_not_found_publicly(sessions, world, status):
    presence_id = add_presence(sessions, world)
    put_in_status(sessions, presence_id, status)
    with sessions() as session:
        with pytest.raises(RegistryError) as raised:
            public_presence(session, presence_id)
        assert raised.value.kind is ErrorKind.NOT_FOUND
        assert session.get(Presence, presence_id) is not None
