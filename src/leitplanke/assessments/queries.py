"""Reading the decision process: assessments, their records, the presences that may start one,
and the questionnaire of the rulebook version an assessment answers."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from leitplanke.assessments.errors import AssessmentError, ErrorKind
from leitplanke.assessments.evaluation import Assessment, evaluate
from leitplanke.assessments.tables import AssessmentStatus, DecisionRecord, PresenceAssessment
from leitplanke.registry.tables import Authority, Presence, PresenceStatus
from leitplanke.rulebook.model import Rulebook
from leitplanke.rulebook.questionnaire import Questionnaire
from leitplanke.rulebook.versions import RulebookHistory

__all__ = [
    "AssessmentSummary",
    "Evaluated",
    "evaluate_stored",
    "get_assessment",
    "get_presence",
    "get_record",
    "list_assessments",
    "open_assessment_of",
    "questionnaire_of",
    "record_of",
    "startable_presences",
]

LARGEST_ID = 2**31 - 1  # an ID beyond any integer column: not found, without asking the database


def get_assessment(
    session: Session, assessment_id: int, *, for_update: bool = False
) -> PresenceAssessment:
    """The assessment; NOT_FOUND (field `id`) if there is none. `for_update` locks its row
    until the transaction ends, where the database can, so two writers take turns."""
    statement = select(PresenceAssessment).where(PresenceAssessment.id == assessment_id)
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    found = session.scalars(statement).first() if 0 < assessment_id <= LARGEST_ID else None
    if found is None:
        raise AssessmentError(
            ErrorKind.NOT_FOUND, "id", f"Die Klärung Nr. {assessment_id} gibt es nicht."
        )
    return found


def get_presence(session: Session, presence_id: int, *, for_update: bool = False) -> Presence:
    """The presence; NOT_FOUND (field `presence_id`) if there is none."""
    statement = select(Presence).where(Presence.id == presence_id)
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    found = session.scalars(statement).first() if 0 < presence_id <= LARGEST_ID else None
    if found is None:
        raise AssessmentError(
            ErrorKind.NOT_FOUND, "presence_id", f"Die Präsenz Nr. {presence_id} gibt es nicht."
        )
    return found


def get_record(session: Session, record_id: int) -> DecisionRecord:
    """The decision record; NOT_FOUND (field `id`) if there is none."""
    found = session.get(DecisionRecord, record_id) if 0 < record_id <= LARGEST_ID else None
    if found is None:
        raise AssessmentError(
            ErrorKind.NOT_FOUND, "id", f"Die Entscheidung Nr. {record_id} gibt es nicht."
        )
    return found


def record_of(session: Session, assessment_id: int) -> DecisionRecord | None:
    """The signed record of the assessment, if it is signed."""
    return session.scalars(
        select(DecisionRecord).where(DecisionRecord.assessment_id == assessment_id)
    ).first()


def open_assessment_of(session: Session, presence_id: int) -> PresenceAssessment | None:
    """The presence's assessment in progress, if it has one."""
    return session.scalars(
        select(PresenceAssessment)
        .where(
            PresenceAssessment.presence_id == presence_id,
            PresenceAssessment.status == AssessmentStatus.OPEN,
        )
        .order_by(PresenceAssessment.id)
        .limit(1)
    ).first()


def questionnaire_of(history: RulebookHistory, version: str) -> tuple[Rulebook, Questionnaire]:
    """The rulebook version an assessment answers, and its questionnaire; CONFLICT (field
    `rulebook_version`) if the app does not have that version or it has no questionnaire."""
    try:
        rulebook = history.version(version)
    except KeyError:
        raise AssessmentError(
            ErrorKind.CONFLICT,
            "rulebook_version",
            f"Die Version {version} des Regelwerks, auf der die Klärung beruht, ist nicht "
            "verfügbar.",
        ) from None
    if rulebook.questionnaire is None:
        raise AssessmentError(
            ErrorKind.CONFLICT,
            "rulebook_version",
            f"Die Version {version} des Regelwerks enthält keinen Klärungsprozess.",
        )
    return rulebook, rulebook.questionnaire


@dataclass(frozen=True)
class Evaluated:
    """An assessment with the rulebook version it answers, its questionnaire and its result."""

    row: PresenceAssessment
    rulebook: Rulebook
    questionnaire: Questionnaire
    result: Assessment
    current_version: str

    @property
    def outdated(self) -> bool:
        """The assessment answers an older version of the rulebook than the current one."""
        return self.rulebook.meta.version != self.current_version


def evaluate_stored(history: RulebookHistory, row: PresenceAssessment) -> Evaluated:
    """The stored answers evaluated against the questionnaire of the version stored with them."""
    rulebook, questionnaire = questionnaire_of(history, row.rulebook_version)
    result = evaluate(questionnaire, row.answers)
    return Evaluated(row, rulebook, questionnaire, result, history.current.meta.version)


@dataclass(frozen=True)
class AssessmentSummary:
    """One line of the list of assessments."""

    id: int
    presence_id: int
    presence_name: str
    platform: str
    handle: str
    authority_name: str
    status: AssessmentStatus
    rulebook_version: str
    updated_at: datetime
    record_id: int | None


def list_assessments(session: Session) -> list[AssessmentSummary]:
    """Every assessment, open ones first, then by the time of the last change, newest first."""
    rows = session.execute(
        select(PresenceAssessment, Presence, Authority, DecisionRecord.id)
        .join(Presence, Presence.id == PresenceAssessment.presence_id)
        .join(Authority, Authority.id == Presence.authority_id)
        .outerjoin(DecisionRecord, DecisionRecord.assessment_id == PresenceAssessment.id)
        .order_by(
            PresenceAssessment.status,
            PresenceAssessment.updated_at.desc(),
            PresenceAssessment.id.desc(),
        )
    ).all()
    return [
        AssessmentSummary(
            id=assessment.id,
            presence_id=presence.id,
            presence_name=presence.name,
            platform=presence.platform,
            handle=presence.handle,
            authority_name=authority.name,
            status=assessment.status,
            rulebook_version=assessment.rulebook_version,
            updated_at=assessment.updated_at,
            record_id=record_id,
        )
        for assessment, presence, authority, record_id in rows
    ]


def startable_presences(session: Session) -> Sequence[Presence]:
    """Planned presences without an assessment in progress, by authority and name."""
    in_progress = select(PresenceAssessment.presence_id).where(
        PresenceAssessment.status == AssessmentStatus.OPEN
    )
    return session.scalars(
        select(Presence)
        .join(Authority, Authority.id == Presence.authority_id)
        .where(Presence.status == PresenceStatus.PLANNED, Presence.id.not_in(in_progress))
        .order_by(Authority.name, Presence.name, Presence.id)
    ).all()
