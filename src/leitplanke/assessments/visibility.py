"""Which questions the answers so far make visible and required, and which steps are complete.

A question with `show_if` is visible when the question it names is visible and its answer is one
of the listed options (for multiple choice: one of them is chosen). Answers to hidden questions
are kept but do not count. Every function accepts raw or normalised answers.
"""

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from leitplanke.assessments.answers import AnswerValue, read_answers
from leitplanke.rulebook.questionnaire import Question, Questionnaire


class StepProgress(BaseModel):
    """How far one step is answered: its visible questions, the answered and the missing ones."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    step_id: str
    title: str
    question_ids: tuple[str, ...]
    answered: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def shown(self) -> bool:
        """The step has at least one visible question."""
        return bool(self.question_ids)

    @property
    def complete(self) -> bool:
        """Every visible required question of the step has a usable answer."""
        return not self.missing


def visible_questions(
    questionnaire: Questionnaire, answers: Mapping[Any, Any]
) -> tuple[Question, ...]:
    """The questions to show, in order, given the answers so far."""
    return shown_questions(questionnaire, read_answers(questionnaire, answers).answers)


def required_questions(
    questionnaire: Questionnaire, answers: Mapping[Any, Any]
) -> tuple[Question, ...]:
    """The visible questions that must be answered."""
    return tuple(q for q in visible_questions(questionnaire, answers) if q.required)


def missing_questions(
    questionnaire: Questionnaire, answers: Mapping[Any, Any]
) -> tuple[Question, ...]:
    """The visible required questions without a usable answer."""
    usable = read_answers(questionnaire, answers).answers
    return tuple(
        q for q in shown_questions(questionnaire, usable) if q.required and q.id not in usable
    )


def step_progress(
    questionnaire: Questionnaire, answers: Mapping[Any, Any]
) -> tuple[StepProgress, ...]:
    """Progress of every step, in order; a step without visible questions is complete."""
    usable = read_answers(questionnaire, answers).answers
    return progress_of(questionnaire, usable)


def shown_questions(
    questionnaire: Questionnaire, usable: Mapping[str, AnswerValue]
) -> tuple[Question, ...]:
    """The visible questions given normalised answers (as `read_answers` returns them)."""
    shown: dict[str, Question] = {}
    for question in questionnaire.questions:
        condition = question.show_if
        if condition is None or (
            condition.question in shown
            and _holds(usable.get(condition.question), frozenset(condition.any_of))
        ):
            shown[question.id] = question
    return tuple(shown.values())


def progress_of(
    questionnaire: Questionnaire, usable: Mapping[str, AnswerValue]
) -> tuple[StepProgress, ...]:
    """Progress of every step given normalised answers."""
    shown = {question.id for question in shown_questions(questionnaire, usable)}
    progress = []
    for step in questionnaire.steps:
        visible = [q for q in step.questions if q.id in shown]
        progress.append(
            StepProgress(
                step_id=step.id,
                title=step.title,
                question_ids=tuple(q.id for q in visible),
                answered=tuple(q.id for q in visible if q.id in usable),
                missing=tuple(q.id for q in visible if q.required and q.id not in usable),
            )
        )
    return tuple(progress)


def _holds(answer: AnswerValue | None, any_of: frozenset[str]) -> bool:
    if isinstance(answer, str):
        return answer in any_of
    if isinstance(answer, tuple):
        return not any_of.isdisjoint(answer)
    return False
