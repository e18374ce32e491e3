"""Decision records of a presence: the latest one, and the latest one that approved it."""

from datetime import timedelta

from leitplanke.database.base import now
from leitplanke.registry.decisions import approving_decision, latest_decision
from tests.registry.conftest import add_presence, sign_decision


def test_a_presence_without_records_has_no_decision(sessions, world):
    presence_id = add_presence(sessions, world)
    with sessions() as session:
        assert latest_decision(session, presence_id) is None
        assert approving_decision(session, presence_id) is None


def test_the_approving_decision_is_the_latest_approval_not_the_latest_record(sessions, world):
    presence_id = add_presence(sessions, world)
    start = now() - timedelta(days=10)
    sign_decision(sessions, presence_id, "approved", start)
    conditions = sign_decision(
        sessions, presence_id, "approved_with_conditions", start + timedelta(days=1)
    )
    rejection = sign_decision(sessions, presence_id, "rejected", start + timedelta(days=2))
    with sessions() as session:
        latest = latest_decision(session, presence_id)
        approving = approving_decision(session, presence_id)
    assert latest is not None and latest.id == rejection
    assert approving is not None and approving.id == conditions
