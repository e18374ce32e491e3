"""Pydantic models of the decision questionnaire (Klärungsprozess) a rulebook may carry.

The questionnaire is data: steps of questions, each citing the rules it applies; answer options
carry consequences (blocker, condition, recommendation) with a German reason and the rules it
cites. Checks that span questions (unique IDs, conditions pointing at earlier questions, cited
rules and platforms existing) are run by the loader, with positions; see `references.py`.
"""

from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from leitplanke.rulebook.fields import ElementId, Line, Prose, RuleId, SourceModel

YES = "ja"
NO = "nein"
YES_NO_LABEL: dict[str, str] = {YES: "Ja", NO: "Nein"}

Unit = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class ConsequenceKind(StrEnum):
    """What an answer means for the planned presence."""

    BLOCKER = "blocker"  # not permissible as planned
    CONDITION = "condition"  # permissible once the condition is met before the start
    RECOMMENDATION = "recommendation"  # advice, not a precondition


CONSEQUENCE_LABEL: dict[ConsequenceKind, str] = {
    ConsequenceKind.BLOCKER: "Ausschlussgrund",
    ConsequenceKind.CONDITION: "Auflage",
    ConsequenceKind.RECOMMENDATION: "Empfehlung",
}


class AnswerType(StrEnum):
    """How a question is answered."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    TEXT = "text"
    NUMBER = "number"


CHOICE_TYPES = frozenset({AnswerType.SINGLE_CHOICE, AnswerType.MULTIPLE_CHOICE, AnswerType.YES_NO})


class Consequence(SourceModel):
    """What follows from an answer, with the German reason and the rules it rests on."""

    kind: ConsequenceKind
    text: Prose = Field(description="German reason shown in the result.")
    rules: list[RuleId] = Field(min_length=1, description="IDs of the rules the reason cites.")


class Option(SourceModel):
    """One answer option of a choice question; yes/no questions have the options `ja`, `nein`."""

    id: ElementId
    label: Line | None = Field(default=None, description="German label; 'Ja'/'Nein' by default.")
    help: Prose | None = None
    platform: ElementId | None = Field(
        default=None, description="ID of the platform in the catalogue this option stands for."
    )
    consequences: list[Consequence] = Field(default_factory=list)


class NumberRange(SourceModel):
    """Numeric answers from `at_least` (inclusive) to `below` (exclusive) and what they mean."""

    at_least: float | None = None
    below: float | None = None
    consequences: list[Consequence] = Field(min_length=1)

    @model_validator(mode="after")
    def _bounds_are_ordered(self) -> Self:
        if self.at_least is None and self.below is None:
            raise ValueError("at_least oder below angeben")
        if self.at_least is not None and self.below is not None and self.at_least >= self.below:
            raise ValueError("at_least muss kleiner als below sein")
        return self

    def holds(self, value: float) -> bool:
        """Whether the value lies in the range."""
        return (self.at_least is None or value >= self.at_least) and (
            self.below is None or value < self.below
        )


class Condition(SourceModel):
    """A question is shown only when an earlier choice question has one of these answers."""

    question: ElementId
    any_of: list[ElementId] = Field(min_length=1)


class Question(SourceModel):
    """One question with its help text, the rules it applies and what its answers mean."""

    id: ElementId = Field(description="Stable ID; answers are stored under it.")
    text: Line
    help: Prose | None = None
    type: AnswerType
    required: bool = True
    rules: list[RuleId] = Field(min_length=1, description="IDs of the rules the question applies.")
    show_if: Condition | None = None
    options: list[Option] = Field(default_factory=list)
    minimum: float | None = None
    maximum: float | None = None
    unit: Unit | None = None
    ranges: list[NumberRange] = Field(default_factory=list)
    max_length: int | None = Field(default=None, ge=1, le=20_000)

    @model_validator(mode="after")
    def _fields_fit_the_type(self) -> Self:
        if self.type in CHOICE_TYPES:
            self._check_options()
        elif self.options:
            raise ValueError(f"Fragen vom Typ {self.type} haben keine options")
        if self.type != AnswerType.NUMBER and (
            self.ranges or self.minimum is not None or self.maximum is not None or self.unit
        ):
            raise ValueError("minimum, maximum, unit und ranges gibt es nur bei number")
        if self.type != AnswerType.TEXT and self.max_length is not None:
            raise ValueError("max_length gibt es nur bei text")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError("minimum liegt über maximum")
        return self

    def _check_options(self) -> None:
        ids = [option.id for option in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError("eine Option ist doppelt genannt")
        if self.type == AnswerType.YES_NO:
            unknown = [i for i in ids if i not in YES_NO_LABEL]
            if unknown:
                raise ValueError(f"Ja/Nein-Fragen kennen nur die Optionen ja und nein: {unknown}")
            return
        if len(self.options) < 2:
            raise ValueError("Auswahlfragen brauchen mindestens zwei Optionen")
        unlabelled = [option.id for option in self.options if option.label is None]
        if unlabelled:
            raise ValueError(f"Optionen ohne label: {', '.join(unlabelled)}")

    @property
    def choices(self) -> tuple[Option, ...]:
        """The answer options with labels; for yes/no questions always `ja` and `nein`."""
        if self.type != AnswerType.YES_NO:
            return tuple(self.options)
        written = {option.id: option for option in self.options}
        return tuple(
            written.get(key, Option(id=key)).model_copy(update={"label": label})
            for key, label in YES_NO_LABEL.items()
        )

    def choice(self, option_id: str) -> Option:
        """The answer option with this ID; KeyError if there is none."""
        for option in self.choices:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


class Step(SourceModel):
    """One step of the guided questionnaire: a topic with its questions."""

    id: ElementId
    title: Line
    description: Prose | None = None
    questions: list[Question] = Field(min_length=1)


class SignOff(SourceModel):
    """Who signs the result of the questionnaire, and on which rules that rests."""

    role: Line = Field(description="German name of the signing role.")
    text: Prose | None = None
    rules: list[RuleId] = Field(min_length=1)


class Questionnaire(SourceModel):
    """The decision questionnaire: steps of questions, from purpose to exit strategy."""

    title: Line
    description: Prose | None = None
    sign_off: SignOff
    steps: list[Step] = Field(min_length=1)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question in order, across steps."""
        return tuple(question for step in self.steps for question in step.questions)

    def question(self, question_id: str) -> Question:
        """The question with this ID; KeyError if there is none."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def step_of(self, question_id: str) -> Step:
        """The step the question belongs to; KeyError if there is none."""
        for step in self.steps:
            if any(question.id == question_id for question in step.questions):
                return step
        raise KeyError(question_id)

    def cited_rule_ids(self) -> frozenset[str]:
        """Every rule ID the questionnaire names: applied by questions or cited by consequences."""
        cited = set(self.sign_off.rules)
        for question in self.questions:
            cited.update(question.rules)
            consequences = [c for o in question.options for c in o.consequences]
            consequences += [c for r in question.ranges for c in r.consequences]
            for consequence in consequences:
                cited.update(consequence.rules)
        return frozenset(cited)
