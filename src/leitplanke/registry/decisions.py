"""The decision records of a presence: its latest one, and the one that approved it.

Decision records are written, signed and made immutable by the decision process
(`leitplanke.assessments`); the registry only reads them. A presence may be approved when its
latest record has an approving outcome: a later rejection outweighs an earlier approval.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from leitplanke.assessments.evaluation import Outcome
from leitplanke.assessments.tables import DecisionRecord

# Outcomes of a decision record that allow a planned presence to go ahead.
APPROVING_OUTCOMES: frozenset[str] = frozenset({Outcome.APPROVED, Outcome.APPROVED_WITH_CONDITIONS})


def latest_decision(session: Session, presence_id: int) -> DecisionRecord | None:
    """The presence's most recently signed decision record, if it has any."""
    return session.scalars(
        select(DecisionRecord)
        .where(DecisionRecord.presence_id == presence_id)
        .order_by(DecisionRecord.signed_at.desc(), DecisionRecord.id.desc())
        .limit(1)
    ).first()


def approving_decision(session: Session, presence_id: int) -> DecisionRecord | None:
    """The most recently signed record that approved the presence, if one did."""
    return session.scalars(
        select(DecisionRecord)
        .where(
            DecisionRecord.presence_id == presence_id,
            DecisionRecord.outcome.in_(sorted(APPROVING_OUTCOMES)),
        )
        .order_by(DecisionRecord.signed_at.desc(), DecisionRecord.id.desc())
        .limit(1)
    ).first()
