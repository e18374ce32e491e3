"""Reading answers to the questionnaire: each raw value normalised, each invalid one named.

Raw answers map question IDs to what a form or a JSON body holds: an option ID (or `true` /
`false` for yes/no questions), a list of option IDs, a text, a number (also as text, with a
decimal comma). A missing key, `None`, an empty text or an empty list mean "not answered".
Normalised answers are valid raw answers, so every function here accepts either.
"""

import math
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from leitplanke.rulebook.questionnaire import NO, YES, AnswerType, Question, Questionnaire

AnswerValue = str | tuple[str, ...] | int | float
"""A normalised answer: option ID or text, option IDs in questionnaire order, or a number."""

DEFAULT_MAX_TEXT = 20_000
_NUMBER = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+)?$")


class AnswerError(BaseModel):
    """An answer that cannot be used, with a German message that names the question."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    question_id: str
    message: str


class AnswerSheet(BaseModel):
    """Raw answers read against a questionnaire: the usable ones, normalised, and the errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    answers: dict[str, AnswerValue]
    errors: tuple[AnswerError, ...]


class _InvalidAnswerError(Exception):
    """An answer does not fit its question; the message completes „Frage „…“: “."""


def read_answers(questionnaire: Questionnaire, raw: Mapping[Any, Any]) -> AnswerSheet:
    """Normalise every answer; unknown questions and invalid answers become errors."""
    known = {question.id: question for question in questionnaire.questions}
    answers: dict[str, AnswerValue] = {}
    errors: list[AnswerError] = []
    for key, value in raw.items():
        question = known.get(key) if isinstance(key, str) else None
        if question is None:
            errors.append(AnswerError(question_id=str(key), message=f"Unbekannte Frage „{key}“"))
            continue
        try:
            answer = normalise_answer(question, value)
        except _InvalidAnswerError as error:
            message = f"Frage „{question.id}“: {error}"
            errors.append(AnswerError(question_id=question.id, message=message))
            continue
        if answer is not None:
            answers[question.id] = answer
    order = {question_id: i for i, question_id in enumerate(known)}
    ordered = dict(sorted(answers.items(), key=lambda item: order[item[0]]))
    return AnswerSheet(answers=ordered, errors=tuple(errors))


def validate_answers(
    questionnaire: Questionnaire, raw: Mapping[Any, Any]
) -> tuple[AnswerError, ...]:
    """The errors in the raw answers, in the order of the answers; empty if all are usable."""
    return read_answers(questionnaire, raw).errors


def normalise_answer(question: Question, value: object) -> AnswerValue | None:
    """The normalised answer, None if unanswered; raises _InvalidAnswerError if it does not fit."""
    if value is None or (isinstance(value, str | list | tuple) and not _filled(value)):
        return None
    if question.type == AnswerType.TEXT:
        return _text(question, value)
    if question.type == AnswerType.NUMBER:
        return _number(question, value)
    if question.type == AnswerType.MULTIPLE_CHOICE:
        return _options(question, value)
    if question.type == AnswerType.YES_NO and isinstance(value, bool):
        return YES if value else NO
    return _option(question, value)


def _filled(value: str | list[Any] | tuple[Any, ...]) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def _text(question: Question, value: object) -> str:
    if not isinstance(value, str):
        raise _InvalidAnswerError("Text erwartet")
    text = value.strip()
    limit = question.max_length or DEFAULT_MAX_TEXT
    if len(text) > limit:
        raise _InvalidAnswerError(f"Text zu lang ({len(text)} Zeichen, höchstens {limit})")
    return text


def _number(question: Question, value: object) -> int | float:
    number: float
    try:
        if isinstance(value, bool):
            raise _InvalidAnswerError("Zahl erwartet")
        if isinstance(value, int | float):
            number = float(value)
        elif isinstance(value, str) and _NUMBER.match(value.strip()):
            number = float(value.strip().replace(",", "."))
        else:
            raise _InvalidAnswerError("Zahl erwartet")
    except OverflowError:
        raise _InvalidAnswerError("Zahl zu groß") from None
    if not math.isfinite(number):
        raise _InvalidAnswerError("endliche Zahl erwartet")
    if question.minimum is not None and number < question.minimum:
        raise _InvalidAnswerError(
            f"Wert {format_number(number)} liegt unter {format_number(question.minimum)}"
        )
    if question.maximum is not None and number > question.maximum:
        raise _InvalidAnswerError(
            f"Wert {format_number(number)} liegt über {format_number(question.maximum)}"
        )
    return int(number) if number.is_integer() else number


def _option(question: Question, value: object) -> str:
    allowed = [option.id for option in question.choices]
    if not isinstance(value, str):
        raise _InvalidAnswerError(f"eine Option erwartet (erlaubt: {', '.join(allowed)})")
    if value not in allowed:
        raise _InvalidAnswerError(f"unbekannte Option „{value}“ (erlaubt: {', '.join(allowed)})")
    return value


def _options(question: Question, value: object) -> tuple[str, ...] | None:
    allowed = [option.id for option in question.choices]
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list | tuple):
        raise _InvalidAnswerError(f"Liste von Optionen erwartet (erlaubt: {', '.join(allowed)})")
    if not values:
        return None
    for item in values:
        if not isinstance(item, str):
            raise _InvalidAnswerError(
                f"Liste von Optionen erwartet (erlaubt: {', '.join(allowed)})"
            )
        if item not in allowed:
            raise _InvalidAnswerError(f"unbekannte Option „{item}“ (erlaubt: {', '.join(allowed)})")
    if len(set(values)) != len(values):
        raise _InvalidAnswerError("eine Option ist doppelt gewählt")
    return tuple(option for option in allowed if option in values)


def format_number(number: float) -> str:
    """A number in German notation: `2`, `2,5`."""
    value = float(number)
    if value.is_integer():
        return str(int(value))
    return repr(value).replace(".", ",")
