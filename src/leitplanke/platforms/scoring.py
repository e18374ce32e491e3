"""Weighted scores of the catalogue's platforms, with each criterion's contribution.

A criterion contributes `weight × score / max_score` points; the total is the sum of points over
the sum of weights, as a percentage (0–100). A rating without score ("nicht bewertbar") counts
0 points — the conservative reading — and marks the platform's score as not complete. Weights
come from the catalogue; a comparison page may pass its own (what-if) weights.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from pydantic import BaseModel, ConfigDict

from leitplanke.rulebook.catalogue import Criterion, Platform, PlatformCatalogue


class CriterionScore(BaseModel):
    """One criterion of one platform: its rating, the source, and the points it contributes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion_id: str
    title: str
    weight: float
    score: int | None
    max_score: int
    level_label: str | None
    value: str
    source: str
    checked: date
    note: str | None
    points: float
    max_points: float


class PlatformScore(BaseModel):
    """A platform's total score and its per-criterion contributions, in catalogue order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    platform_id: str
    name: str
    operator: str
    total: float
    points: float
    max_points: float
    criteria: tuple[CriterionScore, ...]

    @property
    def complete(self) -> bool:
        """Every criterion has a score."""
        return all(criterion.score is not None for criterion in self.criteria)

    @property
    def unassessed(self) -> tuple[str, ...]:
        """IDs of the criteria rated as not assessable."""
        return tuple(c.criterion_id for c in self.criteria if c.score is None)


def catalogue_weights(catalogue: PlatformCatalogue) -> dict[str, float]:
    """The weights the rulebook gives the criteria, by criterion ID."""
    return {criterion.id: float(criterion.weight) for criterion in catalogue.criteria}


def score_platforms(
    catalogue: PlatformCatalogue, weights: Mapping[str, float] | None = None
) -> tuple[PlatformScore, ...]:
    """Scores of every platform in catalogue order; `weights` override the catalogue's.

    Raises ValueError (German message) for weights of unknown criteria or below zero.
    """
    effective = _effective_weights(catalogue, weights)
    return tuple(_score(catalogue, platform, effective) for platform in catalogue.platforms)


def score_platform(
    catalogue: PlatformCatalogue, platform_id: str, weights: Mapping[str, float] | None = None
) -> PlatformScore:
    """The score of one platform; KeyError if the catalogue has no such platform."""
    effective = _effective_weights(catalogue, weights)
    return _score(catalogue, catalogue.platform(platform_id), effective)


def rank_platforms(scores: Iterable[PlatformScore]) -> tuple[PlatformScore, ...]:
    """Scores ordered best first; equal totals by name."""
    return tuple(sorted(scores, key=lambda score: (-score.total, score.name.casefold())))


def _effective_weights(
    catalogue: PlatformCatalogue, weights: Mapping[str, float] | None
) -> dict[str, float]:
    effective = catalogue_weights(catalogue)
    for criterion_id, weight in (weights or {}).items():
        if criterion_id not in effective:
            raise ValueError(f"Unbekanntes Kriterium „{criterion_id}“")
        if not weight >= 0:  # also rejects NaN
            raise ValueError(f"Gewicht für „{criterion_id}“ muss mindestens 0 sein")
        effective[criterion_id] = float(weight)
    return effective


def _score(
    catalogue: PlatformCatalogue, platform: Platform, weights: Mapping[str, float]
) -> PlatformScore:
    criteria = tuple(
        _criterion_score(criterion, platform, weights[criterion.id])
        for criterion in catalogue.criteria
    )
    points = sum(c.points for c in criteria)
    max_points = sum(c.max_points for c in criteria)
    return PlatformScore(
        platform_id=platform.id,
        name=platform.name,
        operator=platform.operator,
        total=100 * points / max_points if max_points else 0.0,
        points=points,
        max_points=max_points,
        criteria=criteria,
    )


def _criterion_score(criterion: Criterion, platform: Platform, weight: float) -> CriterionScore:
    rating = platform.ratings[criterion.id]
    score = rating.score
    return CriterionScore(
        criterion_id=criterion.id,
        title=criterion.title,
        weight=weight,
        score=score,
        max_score=criterion.max_score,
        level_label=None if score is None else criterion.level(score).label,
        value=rating.value,
        source=str(rating.source),
        checked=rating.checked,
        note=rating.note,
        points=0.0 if score is None else weight * score / criterion.max_score,
        max_points=weight,
    )
