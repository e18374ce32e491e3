"""Writing the decision process: start an assessment, save a step's answers, sign the result.

Writes take `(session, actor, scope, …)`: the session of the caller's transaction, the `Actor`
the audit log names and the caller's `Scope` (role and authority). Each checks everything
first, then writes and appends its audit entries in that transaction; the caller commits, or
rolls back after an `AssessmentError`, and nothing of the write is kept.

An assessment answers the questionnaire of the rulebook version that was current when it
started (`rulebook_version`); saving and signing evaluate it against that version, taken from
the rulebook's history, even after a newer one is published.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from leitplanke.accounts.roles import AUTHORITY_SCOPED, Permission, Role, allows
from leitplanke.accounts.tables import User
from leitplanke.assessments.answers import AnswerError, AnswerValue, read_answers
from leitplanke.assessments.errors import AssessmentError, ErrorKind
from leitplanke.assessments.evaluation import Outcome
from leitplanke.assessments.queries import (
    evaluate_stored,
    get_assessment,
    get_presence,
    open_assessment_of,
    questionnaire_of,
)
from leitplanke.assessments.records import (
    PresenceSnapshot,
    Signer,
    build_record_content,
    canonical_bytes,
    content_hash,
)
from leitplanke.assessments.signing import SigningKey
from leitplanke.assessments.tables import AssessmentStatus, DecisionRecord, PresenceAssessment
from leitplanke.assessments.visibility import shown_questions
from leitplanke.audit.chain import Actor, record
from leitplanke.database.base import now
from leitplanke.registry.scope import Scope
from leitplanke.registry.tables import Authority, Presence, PresenceStatus
from leitplanke.rulebook.model import Rulebook
from leitplanke.rulebook.questionnaire import Questionnaire, Step
from leitplanke.rulebook.versions import RulebookHistory

__all__ = [
    "StepSaved",
    "can_edit",
    "can_sign",
    "next_step_id",
    "save_step",
    "sign_assessment",
    "start_assessment",
]


def can_edit(scope: Scope, authority_id: int) -> bool:
    """Whether the caller may start and answer assessments of the authority's presences."""
    if scope.role is None or not allows(scope.role, Permission.EDIT_ASSESSMENT):
        return False
    scoped = Permission.EDIT_ASSESSMENT in AUTHORITY_SCOPED and scope.role is Role.EDITOR
    return not scoped or scope.authority_id == authority_id


def can_sign(scope: Scope) -> bool:
    """Whether the caller may sign the result of an assessment."""
    return scope.role is not None and allows(scope.role, Permission.SIGN_ASSESSMENT)


def _require_edit(scope: Scope, presence: Presence) -> None:
    if scope.role is None or not allows(scope.role, Permission.EDIT_ASSESSMENT):
        raise AssessmentError(
            ErrorKind.FORBIDDEN, None, "Ihre Rolle erlaubt es nicht, Klärungen zu bearbeiten."
        )
    if not can_edit(scope, presence.authority_id):
        raise AssessmentError(
            ErrorKind.FORBIDDEN,
            None,
            "Die Redaktion darf nur Klärungen für Präsenzen der eigenen Behörde bearbeiten.",
        )


def _flush(session: Session) -> None:
    """Writes the session's changes; a clash with a simultaneous write is a CONFLICT."""
    try:
        session.flush()
    except IntegrityError as error:
        raise AssessmentError(
            ErrorKind.CONFLICT,
            None,
            "Die Klärung wurde gleichzeitig an anderer Stelle geändert; bitte neu laden und "
            "erneut versuchen.",
        ) from error


def start_assessment(
    session: Session, actor: Actor, scope: Scope, presence_id: int, history: RulebookHistory
) -> PresenceAssessment:
    """Starts the assessment of a planned presence on the current rulebook version.

    NOT_FOUND for an unknown presence; FORBIDDEN unless the caller may edit assessments of its
    authority; CONFLICT if it is not planned, already has an assessment in progress, or the
    rulebook has no questionnaire.
    """
    presence = get_presence(session, presence_id, for_update=True)
    _require_edit(scope, presence)
    if presence.status != PresenceStatus.PLANNED:
        raise AssessmentError(
            ErrorKind.CONFLICT,
            "presence_id",
            "Ein Klärungsprozess wird nur für geplante Präsenzen durchlaufen.",
        )
    rulebook = history.current
    _, questionnaire = questionnaire_of(history, rulebook.meta.version)
    running = open_assessment_of(session, presence.id)
    if running is not None:
        raise AssessmentError(
            ErrorKind.CONFLICT,
            "presence_id",
            f"Für diese Präsenz läuft bereits die Klärung Nr. {running.id}; setzen Sie sie fort.",
        )
    assessment = PresenceAssessment(
        presence_id=presence.id,
        rulebook_version=rulebook.meta.version,
        answers={},
        current_step=questionnaire.steps[0].id,
        status=AssessmentStatus.OPEN,
        created_by_id=actor.id,
        version=1,
    )
    session.add(assessment)
    _flush(session)
    record(
        session,
        actor,
        "assessment.start",
        "assessment",
        assessment.id,
        {"presence_id": presence.id, "rulebook_version": rulebook.meta.version},
    )
    return assessment


@dataclass(frozen=True)
class StepSaved:
    """A saved step: the assessment, questions of the step the answers made visible, and the
    step to go on with (None after the last)."""

    assessment: PresenceAssessment
    newly_shown: tuple[str, ...]
    next_step_id: str | None


def _step(questionnaire: Questionnaire, step_id: str) -> Step:
    for step in questionnaire.steps:
        if step.id == step_id:
            return step
    raise AssessmentError(ErrorKind.NOT_FOUND, "step", "Diesen Schritt hat der Fragebogen nicht.")


ECHO_LIMIT = 60  # characters of an unknown key repeated in a message


def _foreign_keys(raw: Mapping[Any, Any], step: Step) -> tuple[AnswerError, ...]:
    """Errors for keys that are no question of the step."""
    own = {question.id for question in step.questions}
    return tuple(
        AnswerError(
            question_id=str(key)[:ECHO_LIMIT],
            message=f"Frage „{str(key)[:ECHO_LIMIT]}“ gehört nicht zum Schritt „{step.title}“",
        )
        for key in raw
        if key not in own
    )


def next_step_id(
    questionnaire: Questionnaire, answers: Mapping[str, Any], after: str
) -> str | None:
    """The first step after `after` with a visible question, given the answers; None if none."""
    shown = {question.id for question in shown_questions(questionnaire, answers)}
    ids = [step.id for step in questionnaire.steps]
    for step in questionnaire.steps[ids.index(after) + 1 :]:
        if any(question.id in shown for question in step.questions):
            return step.id
    return None


def _stored(value: AnswerValue) -> Any:
    return list(value) if isinstance(value, tuple) else value


def save_step(
    session: Session,
    actor: Actor,
    scope: Scope,
    assessment_id: int,
    step_id: str,
    raw_answers: Mapping[Any, Any],
    expected_version: int,
    history: RulebookHistory,
) -> StepSaved:
    """Saves the answers to one step; the answers of the other steps stay as they are.

    `raw_answers` maps question IDs of the step to raw answers (see `read_answers`); an empty
    one (None, "", []) removes the stored answer, a question not named keeps it. NOT_FOUND for
    an unknown assessment or step; FORBIDDEN as for starting; CONFLICT if the assessment is
    signed or changed since `expected_version`; INVALID, naming the first question at fault and
    listing all in `answer_errors`, if an answer does not fit or a key is no question of the
    step. Nothing is stored after an error.
    """
    assessment = get_assessment(session, assessment_id, for_update=True)
    presence = get_presence(session, assessment.presence_id)
    _require_edit(scope, presence)
    if assessment.status == AssessmentStatus.SIGNED:
        raise AssessmentError(
            ErrorKind.CONFLICT, None, "Die Klärung ist gezeichnet und wird nicht mehr geändert."
        )
    if expected_version != assessment.version:
        raise AssessmentError(
            ErrorKind.CONFLICT,
            "version",
            f"Die Klärung wurde inzwischen geändert (jetzt Version {assessment.version}); "
            "bitte laden Sie die Seite neu und geben Sie Ihre Antworten erneut ein.",
        )
    _, questionnaire = questionnaire_of(history, assessment.rulebook_version)
    step = _step(questionnaire, step_id)
    foreign = _foreign_keys(raw_answers, step)
    own_ids = {question.id for question in step.questions}
    own = {key: value for key, value in raw_answers.items() if key in own_ids}
    sheet = read_answers(questionnaire, own)
    problems = foreign + sheet.errors
    if problems:
        raise AssessmentError(
            ErrorKind.INVALID, problems[0].question_id, problems[0].message, problems
        )
    before = dict(assessment.answers)
    after = dict(before)
    for question_id in own:
        if question_id in sheet.answers:
            after[question_id] = _stored(sheet.answers[question_id])
        else:
            after.pop(question_id, None)
    usable_before = read_answers(questionnaire, before).answers
    usable_after = read_answers(questionnaire, after).answers
    shown_before = {q.id for q in shown_questions(questionnaire, usable_before)}
    in_step = {question.id for question in step.questions}
    newly_shown = tuple(
        question.id
        for question in shown_questions(questionnaire, usable_after)
        if question.id in in_step and question.id not in shown_before
    )
    following = next_step_id(questionnaire, usable_after, step.id)
    changes = {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }
    old_version = assessment.version
    assessment.answers = after
    assessment.current_step = step.id if newly_shown or following is None else following
    assessment.version = old_version + 1
    assessment.updated_at = now()
    _flush(session)
    record(
        session,
        actor,
        "assessment.save",
        "assessment",
        assessment.id,
        {"step": step.id, "answers": changes, "version": [old_version, assessment.version]},
    )
    return StepSaved(assessment, newly_shown, following)


def _snapshot(session: Session, presence: Presence, rulebook: Rulebook) -> PresenceSnapshot:
    authority = session.get(Authority, presence.authority_id)
    platform_name = None
    if rulebook.platforms is not None:
        try:
            platform_name = rulebook.platforms.platform(presence.platform).name
        except KeyError:
            platform_name = None
    return PresenceSnapshot(
        id=presence.id,
        name=presence.name,
        platform=presence.platform,
        platform_name=platform_name,
        handle=presence.handle,
        url=presence.url,
        authority_id=presence.authority_id,
        authority_name=authority.name if authority else "",
        authority_short_name=authority.short_name if authority else None,
    )


def sign_assessment(
    session: Session,
    actor: Actor,
    scope: Scope,
    assessment_id: int,
    history: RulebookHistory,
    key: SigningKey,
    *,
    expected_version: int | None = None,
) -> DecisionRecord:
    """Signs the result of a complete assessment: writes its immutable decision record.

    The record holds the presence as it is now, every visible answer, the outcome with its
    reasons and rule IDs, the rulebook version with its URI, the signer and the time, as
    canonical JSON with its SHA-256 and Ed25519 signature. A rejecting outcome is signed too:
    the record of the refusal. NOT_FOUND for an unknown assessment; FORBIDDEN unless the role
    may sign (and for the system, which is nobody); CONFLICT if it is signed already, changed
    since `expected_version`, still incomplete, or its presence is no longer planned.
    """
    assessment = get_assessment(session, assessment_id, for_update=True)
    if not can_sign(scope):
        raise AssessmentError(
            ErrorKind.FORBIDDEN, None, "Ihre Rolle erlaubt es nicht, Klärungen zu zeichnen."
        )
    signer = session.get(User, actor.id) if actor.id is not None else None
    if signer is None:
        raise AssessmentError(
            ErrorKind.FORBIDDEN, None, "Zeichnen kann nur eine angemeldete Person."
        )
    if assessment.status == AssessmentStatus.SIGNED:
        raise AssessmentError(ErrorKind.CONFLICT, None, "Die Klärung ist bereits gezeichnet.")
    if expected_version is not None and expected_version != assessment.version:
        raise AssessmentError(
            ErrorKind.CONFLICT,
            "version",
            f"Die Klärung wurde inzwischen geändert (jetzt Version {assessment.version}); "
            "bitte prüfen Sie das Ergebnis erneut, bevor Sie zeichnen.",
        )
    evaluated = evaluate_stored(history, assessment)
    result = evaluated.result
    if not result.complete or result.outcome == Outcome.INCOMPLETE:
        missing = ", ".join((*result.missing, *(e.question_id for e in result.errors)))
        raise AssessmentError(
            ErrorKind.CONFLICT,
            None,
            f"Die Klärung ist noch nicht vollständig (offen: {missing}); gezeichnet wird nur "
            "ein vollständiges Ergebnis.",
        )
    presence = get_presence(session, assessment.presence_id, for_update=True)
    if presence.status != PresenceStatus.PLANNED:
        raise AssessmentError(
            ErrorKind.CONFLICT,
            None,
            "Die Präsenz ist nicht mehr geplant; die Klärung kann nicht mehr gezeichnet werden.",
        )
    signed_at = now().replace(microsecond=0)
    content = build_record_content(
        assessment_id=assessment.id,
        presence=_snapshot(session, presence, evaluated.rulebook),
        rulebook=evaluated.rulebook,
        questionnaire=evaluated.questionnaire,
        result=result,
        signer=Signer(signer.id, signer.username, signer.display_name, signer.role),
        signed_at=signed_at,
    )
    data = canonical_bytes(content)
    decision = DecisionRecord(
        assessment_id=assessment.id,
        presence_id=presence.id,
        rulebook_version=assessment.rulebook_version,
        outcome=result.outcome.value,
        content=data.decode("utf-8"),
        content_hash=content_hash(data),
        signature=key.sign(data),
        key_id=key.key_id,
        signed_by_id=signer.id,
        signed_by_name=signer.display_name,
        signed_at=signed_at,
    )
    session.add(decision)
    old_version = assessment.version
    assessment.status = AssessmentStatus.SIGNED
    assessment.version = old_version + 1
    assessment.updated_at = signed_at
    _flush(session)
    record(
        session,
        actor,
        "assessment.sign",
        "assessment",
        assessment.id,
        {
            "status": [AssessmentStatus.OPEN.value, AssessmentStatus.SIGNED.value],
            "version": [old_version, assessment.version],
            "decision_record_id": [None, decision.id],
        },
    )
    record(
        session,
        actor,
        "decision_record.create",
        "decision_record",
        decision.id,
        {
            "assessment_id": assessment.id,
            "presence_id": presence.id,
            "outcome": decision.outcome,
            "rulebook_version": decision.rulebook_version,
            "content_hash": decision.content_hash,
            "key_id": decision.key_id,
        },
    )
    return decision
