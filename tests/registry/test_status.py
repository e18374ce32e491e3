"""The life of a presence: allowed steps, approval by a signed decision, what listing needs."""

from datetime import timedelta
from itertools import product

import pytest
from sqlalchemy import select

from leitplanke.audit.tables import AuditEntry
from leitplanke.database.base import now
from leitplanke.database.engine import transaction
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.schemas import StatusChange
from leitplanke.registry.status import change_status
from leitplanke.registry.tables import Presence, PresenceStatus
from tests.registry.conftest import (
    ADMIN,
    ANNA,
    JOINT_CONTROLLER_PLATFORMS,
    add_presence,
    sign_decision,
)

PLANNED, APPROVED, ACTIVE, SUSPENDED, CLOSED = (
    PresenceStatus.PLANNED,
    PresenceStatus.APPROVED,
    PresenceStatus.ACTIVE,
    PresenceStatus.SUSPENDED,
    PresenceStatus.CLOSED,
)
ALLOWED = {
    (PLANNED, APPROVED),
    (PLANNED, CLOSED),
    (APPROVED, ACTIVE),
    (APPROVED, CLOSED),
    (ACTIVE, SUSPENDED),
    (ACTIVE, CLOSED),
    (SUSPENDED, ACTIVE),
    (SUSPENDED, CLOSED),
}


def put_in_status(sessions, presence_id, status):
    """Sets the status directly, as if the presence had got there (test set-up only)."""
    with transaction(sessions) as session:
        presence = session.get(Presence, presence_id)
        presence.status = status


def step(sessions, presence_id, status, version, **options):
    with transaction(sessions) as session:
        change = StatusChange(status=status, version=version)
        return change_status(session, ANNA, ADMIN, presence_id, change, **options).version


@pytest.mark.parametrize(
    ("old", "new"),
    list(product(PresenceStatus, PresenceStatus)),
    ids=lambda status: status.value,
)
def test_only_the_steps_of_the_life_cycle_are_allowed(sessions, world, old, new):
    presence_id = add_presence(sessions, world)
    sign_decision(sessions, presence_id, "approved")
    put_in_status(sessions, presence_id, old)
    if (old, new) in ALLOWED:
        assert step(sessions, presence_id, new, 1) == 2
        return
    with pytest.raises(RegistryError) as raised:
        step(sessions, presence_id, new, 1)
    assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, "status")
    assert "nicht folgen" in raised.value.message


def test_approval_needs_a_decision_record(sessions, world):
    presence_id = add_presence(sessions, world)
    with pytest.raises(RegistryError) as raised:
        step(sessions, presence_id, APPROVED, 1)
    assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, "status")
    assert "unterzeichneten Entscheidung" in raised.value.message


@pytest.mark.parametrize("outcome", ["approved", "approved_with_conditions"])
def test_an_approving_decision_lets_the_presence_be_approved(sessions, world, outcome):
    presence_id = add_presence(sessions, world)
    decision_id = sign_decision(sessions, presence_id, outcome)
    assert step(sessions, presence_id, APPROVED, 1) == 2
    with sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "presence.status")
        ).one()
    assert entry.data == {
        "status": ["planned", "approved"],
        "version": [1, 2],
        "decision_record_id": [None, decision_id],
    }


def test_a_later_rejection_outweighs_an_earlier_approval(sessions, world):
    presence_id = add_presence(sessions, world)
    sign_decision(sessions, presence_id, "approved", now() - timedelta(days=2))
    sign_decision(sessions, presence_id, "rejected", now() - timedelta(days=1))
    with pytest.raises(RegistryError) as raised:
        step(sessions, presence_id, APPROVED, 1)
    assert "Ergebnis: rejected" in raised.value.message


def test_a_decision_about_another_presence_does_not_count(sessions, world):
    presence_id = add_presence(sessions, world)
    other_id = add_presence(sessions, world, handle="@pankow@berlin.social")
    sign_decision(sessions, other_id, "approved")
    with pytest.raises(RegistryError):
        step(sessions, presence_id, APPROVED, 1)


@pytest.mark.parametrize("field", ["url", "imprint_url", "privacy_notice_url", "responsible_id"])
def test_a_presence_goes_public_only_with_what_citizens_check_it_by(sessions, world, field):
    presence_id = add_presence(sessions, world, **{field: None})
    put_in_status(sessions, presence_id, APPROVED)
    with pytest.raises(RegistryError) as raised:
        step(sessions, presence_id, ACTIVE, 1)
    assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, field)


def test_a_joint_controller_platform_needs_the_agreement_before_going_public(sessions, world):
    presence_id = add_presence(sessions, world, platform="instagram", handle="senatskanzlei")
    put_in_status(sessions, presence_id, APPROVED)
    with pytest.raises(RegistryError) as raised:
        step(
            sessions,
            presence_id,
            ACTIVE,
            1,
            joint_controller_platforms=JOINT_CONTROLLER_PLATFORMS,
        )
    assert raised.value.field == "joint_controller_agreement"
    assert "Art. 26 DSGVO" in raised.value.message
    assert step(sessions, presence_id, ACTIVE, 1) == 2  # without the catalogue: not checked


def test_a_status_change_against_an_old_version_is_a_conflict(sessions, world):
    presence_id = add_presence(sessions, world)
    with pytest.raises(RegistryError) as raised:
        step(sessions, presence_id, CLOSED, 7)
    assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, "version")


def test_an_editor_changes_the_status_of_their_authoritys_presences(sessions, world):
    presence_id = add_presence(sessions, world)
    with transaction(sessions) as session:
        presence = change_status(
            session,
            ANNA,
            world.editor_of(world.senate),
            presence_id,
            StatusChange(status=CLOSED, version=1),
        )
        assert presence.status is CLOSED
