"""The decision process as web pages: a step's form read into raw answers, and its fields.

A step's form is a plain POST form that works without JavaScript. It shows the step's visible
questions; a question whose condition an answer of this step fulfils appears after saving,
on the same step again. An unchecked box or radio group sends nothing, so every question the
form showed and did not send counts as cleared.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from leitplanke.accounts.sessions import SignedIn
from leitplanke.assessments.answers import AnswerError, format_number
from leitplanke.assessments.errors import AssessmentError, ErrorKind
from leitplanke.assessments.queries import (
    Evaluated,
    evaluate_stored,
    get_assessment,
    get_presence,
    record_of,
)
from leitplanke.assessments.records import answer_label
from leitplanke.assessments.service import can_edit, can_sign
from leitplanke.assessments.tables import AssessmentStatus, DecisionRecord, PresenceAssessment
from leitplanke.publish.html_site import SiteLinks
from leitplanke.registry.tables import Authority, Presence
from leitplanke.rulebook.questionnaire import AnswerType, Question
from leitplanke.rulebook.versions import RulebookHistory
from leitplanke.web.dependencies import relative_root
from leitplanke.web.registry_view import STATUS_OF, scope_of

MAX_FORM_BYTES = 1024 * 1024  # Starlette's limit for one field; a step's form is far smaller
CONTROL_FIELDS = frozenset({"csrf_token", "version", "aktion", "bestaetigung"})
LATER = "spaeter"  # the value of `aktion` of „Speichern und später fortsetzen“

TYPE_HINT: dict[AnswerType, str] = {
    AnswerType.MULTIPLE_CHOICE: "Mehrere Antworten möglich.",
}


def status_of(error: AssessmentError) -> int:
    """The HTTP status code of a refusal."""
    return STATUS_OF[error.kind]


def path_of(request: Request, path: str) -> str:
    """An absolute path of the app (behind any root path), for redirects."""
    return str(request.scope.get("root_path", "")) + path


def form_too_large(request: Request) -> bool:
    """Whether the request announces a body beyond MAX_FORM_BYTES (or none at all)."""
    length = request.headers.get("content-length")
    return length is None or not length.isdigit() or int(length) > MAX_FORM_BYTES


def posted_version(form: FormData) -> int | None:
    """The assessment version the form was made from; None if missing or no number."""
    value = form.get("version")
    if not isinstance(value, str) or not value.isdigit() or len(value) > 9:
        return None
    return int(value)


def raw_answers(form: FormData, shown: Sequence[Question]) -> dict[str, Any]:
    """The step's answers as the form sent them: each field by name (a list where sent more
    than once, always a list for multiple choice), and None for each shown question it did
    not send. Control fields (token, version, action) are left out."""
    multiple = {q.id for q in shown if q.type == AnswerType.MULTIPLE_CHOICE}
    raw: dict[str, Any] = {}
    for key in dict.fromkeys(form.keys()):
        if key in CONTROL_FIELDS:
            continue
        values = form.getlist(key)
        raw[key] = list(values) if key in multiple or len(values) > 1 else values[0]
    for question in shown:
        raw.setdefault(question.id, None)
    return raw


@dataclass(frozen=True)
class QuestionField:
    """One question of a step's form: what it shows, what is chosen or typed, its error."""

    question: Question
    text: str = ""
    chosen: frozenset[str] = frozenset()
    error: str | None = None
    answer: str | None = None  # the stored answer in words, for reading
    new: bool = False

    @property
    def name(self) -> str:
        """The field's name and the suffix of its element IDs."""
        return self.question.id

    @property
    def grouped(self) -> bool:
        """Radio buttons or checkboxes in a fieldset."""
        return self.question.type in {
            AnswerType.SINGLE_CHOICE,
            AnswerType.MULTIPLE_CHOICE,
            AnswerType.YES_NO,
        }

    @property
    def input_type(self) -> str:
        """`radio` or `checkbox` for choices."""
        return "checkbox" if self.question.type == AnswerType.MULTIPLE_CHOICE else "radio"

    @property
    def hint(self) -> str | None:
        """What the form says about the expected answer."""
        question = self.question
        parts = [question.help] if question.help else []
        if question.type in TYPE_HINT:
            parts.append(TYPE_HINT[question.type])
        if question.type == AnswerType.NUMBER:
            parts.append(_number_hint(question))
        if question.type == AnswerType.TEXT and question.max_length:
            parts.append(f"Höchstens {question.max_length} Zeichen.")
        return " ".join(parts) or None


def problem_of(error: AnswerError) -> str:
    """What is wrong with the answer, without the question's ID in front (the form shows the
    question itself)."""
    prefix = f"Frage „{error.question_id}“: "
    return error.message.removeprefix(prefix)


def _number_hint(question: Question) -> str:
    bounds = []
    if question.minimum is not None:
        bounds.append(f"mindestens {format_number(question.minimum)}")
    if question.maximum is not None:
        bounds.append(f"höchstens {format_number(question.maximum)}")
    unit = f" (in {question.unit})" if question.unit else ""
    limits = f", {' und '.join(bounds)}" if bounds else ""
    return f"Eine Zahl{unit}{limits}; Dezimalstellen mit Komma."


def _text_of(value: Any) -> str:
    if value is None or isinstance(value, list | tuple):
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    return value if isinstance(value, str) else ""


def _chosen_of(value: Any) -> frozenset[str]:
    values = value if isinstance(value, list | tuple) else [value]
    return frozenset(item for item in values if isinstance(item, str))


def question_fields(
    shown: Sequence[Question],
    values: Mapping[str, Any],
    stored: Mapping[str, Any],
    errors: Sequence[AnswerError] = (),
    new: Sequence[str] = (),
) -> list[QuestionField]:
    """The form's fields: `values` fill them (stored answers, or what was sent with errors),
    `stored` (normalised) gives each answer in words."""
    messages: dict[str, str] = {}
    for error in errors:
        messages.setdefault(error.question_id, problem_of(error))
    fields = []
    for question in shown:
        value = values.get(question.id)
        kept = stored.get(question.id)
        fields.append(
            QuestionField(
                question=question,
                text=_text_of(value),
                chosen=_chosen_of(value),
                error=messages.get(question.id),
                answer=answer_label(question, kept) if kept is not None else None,
                new=question.id in new,
            )
        )
    return fields


@dataclass(frozen=True)
class FormErrors:
    """Errors for the error summary: message by the ID of the element they link to (None: no
    field on the page)."""

    items: list[tuple[str | None, str]] = field(default_factory=list)

    @classmethod
    def of(cls, errors: Sequence[AnswerError], shown: Sequence[Question]) -> "FormErrors":
        """The answer errors, each linked to its question where the page shows it and named
        by the question's text there."""
        texts = {question.id: question.text for question in shown}
        return cls(
            [
                (e.question_id, f"„{texts[e.question_id]}“: {problem_of(e)}")
                if e.question_id in texts
                else (None, e.message)
                for e in errors
            ]
        )

    def for_field(self, name: str) -> str | None:
        """The first message linked to the field `name`, if any."""
        return next((message for target, message in self.items if target == name), None)

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class AssessmentPage:
    """What every page of one assessment shows: the assessment evaluated, its presence and
    authority, its record once signed, and what the viewer may do with it."""

    evaluated: Evaluated
    presence: Presence
    authority: Authority
    record: DecisionRecord | None
    editable: bool
    signable: bool
    rule_links: SiteLinks

    @property
    def row(self) -> PresenceAssessment:
        """The stored assessment."""
        return self.evaluated.row

    def context(self) -> dict[str, Any]:
        """The template context."""
        evaluated = self.evaluated
        return {
            "assessment": self.row,
            "evaluated": evaluated,
            "questionnaire": evaluated.questionnaire,
            "result": evaluated.result,
            "presence": self.presence,
            "authority": self.authority,
            "record": self.record,
            "editable": self.editable,
            "signable": self.signable,
            "rule_links": self.rule_links,
            "step_titles": {step.id: step.title for step in evaluated.questionnaire.steps},
        }


def assessment_page(
    request: Request, session: Session, history: RulebookHistory, who: SignedIn, assessment_id: int
) -> AssessmentPage:
    """The assessment and all its pages need; AssessmentError if it is unknown (NOT_FOUND) or
    its rulebook version is not available (CONFLICT)."""
    row = get_assessment(session, assessment_id)
    evaluated = evaluate_stored(history, row)
    presence = get_presence(session, row.presence_id)
    authority = session.get(Authority, presence.authority_id)
    if authority is None:  # pragma: no cover - a foreign key guarantees it
        raise AssessmentError(ErrorKind.NOT_FOUND, "id", "Die Behörde der Präsenz fehlt.")
    scope = scope_of(who)
    is_open = row.status == AssessmentStatus.OPEN
    version = row.rulebook_version if evaluated.outdated else None
    return AssessmentPage(
        evaluated=evaluated,
        presence=presence,
        authority=authority,
        record=record_of(session, row.id),
        editable=is_open and can_edit(scope, presence.authority_id),
        signable=is_open and can_sign(scope),
        rule_links=SiteLinks(relative_root(request), version=version),
    )
