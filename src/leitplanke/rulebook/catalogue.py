"""Pydantic models of the platform catalogue: weighted criteria with scales, sourced ratings.

Each criterion defines its scale (levels 0, 1, …, each with a German meaning) and its weight;
each platform rates every criterion with a score on that scale, the finding in words, the source
and the date it was checked. Checks that span entries (every criterion rated, scores on the
scale, unique IDs, cited rules existing) are run by the loader; see `references.py`.
"""

from datetime import date
from typing import Annotated, Self

from pydantic import AnyHttpUrl, Field, StringConstraints, model_validator

from leitplanke.rulebook.fields import ElementId, Line, Prose, RuleId, SourceModel

PlatformId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,47}$")]
MAX_WEIGHT = 10


class ScaleLevel(SourceModel):
    """One step of a criterion's scale and what it means."""

    score: int = Field(ge=0, le=10)
    label: Line


class Criterion(SourceModel):
    """A criterion platforms are compared by, with its weight and scale."""

    id: ElementId
    title: Line
    description: Prose
    weight: int = Field(
        ge=0, le=MAX_WEIGHT, description="Weight in the total score; 0 shows without scoring."
    )
    levels: list[ScaleLevel] = Field(min_length=2, description="The scale, from 0 upwards.")
    rules: list[RuleId] = Field(default_factory=list, description="Rules that ask for it.")

    @model_validator(mode="after")
    def _levels_count_up_from_zero(self) -> Self:
        scores = [level.score for level in self.levels]
        if scores != list(range(len(scores))):
            raise ValueError("levels müssen bei 0 beginnen und lückenlos aufsteigen (0, 1, 2, …)")
        return self

    @property
    def max_score(self) -> int:
        """The highest score on the scale."""
        return self.levels[-1].score

    def level(self, score: int) -> ScaleLevel:
        """The level with this score; KeyError if the scale has none."""
        for level in self.levels:
            if level.score == score:
                return level
        raise KeyError(score)


class Rating(SourceModel):
    """How one platform fares on one criterion, with the source of the finding."""

    score: int | None = Field(description="Score on the criterion's scale; null: not assessable.")
    value: Prose = Field(description="The finding in German words.")
    source: AnyHttpUrl
    checked: date = Field(description="When the finding was last compared with the source.")
    note: Prose | None = Field(default=None, description="Doubts and limits of the finding.")

    @model_validator(mode="after")
    def _unassessed_rating_says_why(self) -> Self:
        if self.score is None and self.note is None:
            raise ValueError("ohne score ist eine note nötig, die erklärt, warum")
        return self


class Platform(SourceModel):
    """A platform in the catalogue with its ratings, keyed by criterion ID."""

    id: PlatformId
    name: Line
    operator: Line = Field(description="Operating company or body and its seat.")
    url: AnyHttpUrl
    note: Prose | None = None
    joint_controllership: bool = Field(
        default=False,
        description=(
            "The operator evaluates visitors of an authority's presence (page statistics), so "
            "the authority is joint controller (Art. 26 GDPR, CJEU C-210/16): the registry asks "
            "for the agreement before the presence goes public."
        ),
    )
    ratings: dict[ElementId, Rating]


class PlatformCatalogue(SourceModel):
    """The platform catalogue: criteria with weights and scales, and the rated platforms."""

    title: Line
    note: Prose | None = Field(default=None, description="Status and limits of the catalogue.")
    criteria: list[Criterion] = Field(min_length=1)
    platforms: list[Platform] = Field(min_length=1)

    def platform(self, platform_id: str) -> Platform:
        """The platform with this ID; KeyError if there is none."""
        for platform in self.platforms:
            if platform.id == platform_id:
                return platform
        raise KeyError(platform_id)

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this ID; KeyError if there is none."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def cited_rule_ids(self) -> frozenset[str]:
        """Every rule ID the criteria name."""
        return frozenset(rule_id for criterion in self.criteria for rule_id in criterion.rules)


def joint_controller_platforms(catalogue: "PlatformCatalogue | None") -> frozenset[str]:
    """The IDs of the platforms whose presences need an Art. 26 agreement."""
    if catalogue is None:
        return frozenset()
    return frozenset(
        platform.id for platform in catalogue.platforms if platform.joint_controllership
    )
