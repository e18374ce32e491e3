"""The result of the questionnaire: outcome and reasons, each citing rules and its answer.

The outcome follows from the consequences of the visible answers: any blocker rejects the
presence (no later answer lifts it, only a changed one); otherwise missing or invalid answers
leave it incomplete; otherwise conditions approve it with conditions; otherwise it is approved.
Recommendations never change the outcome.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from leitplanke.assessments.answers import AnswerError, AnswerValue, format_number, read_answers
from leitplanke.assessments.visibility import StepProgress, progress_of, shown_questions
from leitplanke.rulebook.questionnaire import (
    CHOICE_TYPES,
    CONSEQUENCE_LABEL,
    AnswerType,
    Consequence,
    ConsequenceKind,
    Question,
    Questionnaire,
)


class Outcome(StrEnum):
    """The result of a questionnaire."""

    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    REJECTED = "rejected"
    INCOMPLETE = "incomplete"


OUTCOME_LABEL: dict[Outcome, str] = {
    Outcome.APPROVED: "Der Auftritt kann eingerichtet werden.",
    Outcome.APPROVED_WITH_CONDITIONS: "Der Auftritt kann mit Auflagen eingerichtet werden.",
    Outcome.REJECTED: "Der Auftritt kann so nicht eingerichtet werden.",
    Outcome.INCOMPLETE: "Der Klärungsprozess ist noch nicht abgeschlossen.",
}


class Reason(BaseModel):
    """One consequence of one answer: what it means, the rules it cites, where it came from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ConsequenceKind
    kind_label: str
    text: str
    rule_ids: tuple[str, ...]
    step_id: str
    question_id: str
    question_text: str
    answer: str
    answer_label: str


class Assessment(BaseModel):
    """The evaluated questionnaire: outcome, reasons, progress and what is still missing."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    outcome: Outcome
    outcome_label: str
    complete: bool
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]
    errors: tuple[AnswerError, ...]
    ignored: tuple[str, ...]
    steps: tuple[StepProgress, ...]
    applied_rule_ids: tuple[str, ...]
    answers: dict[str, AnswerValue]

    @property
    def blockers(self) -> tuple[Reason, ...]:
        """Reasons that reject the presence as planned."""
        return self._of(ConsequenceKind.BLOCKER)

    @property
    def conditions(self) -> tuple[Reason, ...]:
        """Conditions to meet before the start."""
        return self._of(ConsequenceKind.CONDITION)

    @property
    def recommendations(self) -> tuple[Reason, ...]:
        """Advice that does not change the outcome."""
        return self._of(ConsequenceKind.RECOMMENDATION)

    @property
    def next_step_id(self) -> str | None:
        """The first step with a missing answer; None if every step is complete."""
        return next((step.step_id for step in self.steps if not step.complete), None)

    def _of(self, kind: ConsequenceKind) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if reason.kind == kind)


def evaluate(questionnaire: Questionnaire, raw_answers: Mapping[Any, Any]) -> Assessment:
    """Evaluate raw answers: never raises on bad input, reports it in `errors` instead."""
    sheet = read_answers(questionnaire, raw_answers)
    shown = shown_questions(questionnaire, sheet.answers)
    shown_ids = {question.id for question in shown}
    reasons: list[Reason] = []
    applied: dict[str, None] = {}
    for question in shown:
        applied.update(dict.fromkeys(question.rules))
        answer = sheet.answers.get(question.id)
        if answer is None:
            continue
        step_id = questionnaire.step_of(question.id).id
        for answer_id, label, consequence in _consequences(question, answer):
            applied.update(dict.fromkeys(consequence.rules))
            reasons.append(
                Reason(
                    kind=consequence.kind,
                    kind_label=CONSEQUENCE_LABEL[consequence.kind],
                    text=consequence.text,
                    rule_ids=tuple(consequence.rules),
                    step_id=step_id,
                    question_id=question.id,
                    question_text=question.text,
                    answer=answer_id,
                    answer_label=label,
                )
            )
    missing = tuple(q.id for q in shown if q.required and q.id not in sheet.answers)
    complete = not missing and not sheet.errors
    outcome = _outcome(reasons, complete)
    return Assessment(
        outcome=outcome,
        outcome_label=OUTCOME_LABEL[outcome],
        complete=complete,
        reasons=tuple(reasons),
        missing=missing,
        errors=sheet.errors,
        ignored=tuple(key for key in sheet.answers if key not in shown_ids),
        steps=progress_of(questionnaire, sheet.answers),
        applied_rule_ids=tuple(applied),
        answers={key: value for key, value in sheet.answers.items() if key in shown_ids},
    )


def _consequences(question: Question, answer: AnswerValue) -> list[tuple[str, str, Consequence]]:
    """(answer ID, answer label, consequence) for every consequence the answer triggers."""
    if question.type == AnswerType.NUMBER and isinstance(answer, int | float):
        label = format_number(answer) + (f" {question.unit}" if question.unit else "")
        return [
            (format_number(answer), label, consequence)
            for number_range in question.ranges
            if number_range.holds(answer)
            for consequence in number_range.consequences
        ]
    chosen = (answer,) if isinstance(answer, str) else answer
    if question.type not in CHOICE_TYPES or not isinstance(chosen, tuple):
        return []
    return [
        (option.id, option.label or option.id, consequence)
        for option in question.choices
        if option.id in chosen
        for consequence in option.consequences
    ]


def _outcome(reasons: list[Reason], complete: bool) -> Outcome:
    kinds = {reason.kind for reason in reasons}
    if ConsequenceKind.BLOCKER in kinds:
        return Outcome.REJECTED
    if not complete:
        return Outcome.INCOMPLETE
    if ConsequenceKind.CONDITION in kinds:
        return Outcome.APPROVED_WITH_CONDITIONS
    return Outcome.APPROVED
