"""The comparison of the catalogue's platforms: ranked scores under the weights applied.

Built on `score_platforms`: platforms best first, equal totals sharing a rank, each with its
per-criterion contributions, and the weights that were applied beside the rulebook's. The
models are the comparison's JSON; `comparison_csv` is the same as a table, one row per platform
and criterion.
"""

import csv
import io
import math
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from leitplanke.platforms.scoring import (
    CriterionScore,
    PlatformScore,
    catalogue_weights,
    rank_platforms,
    score_platforms,
)
from leitplanke.rulebook.catalogue import PlatformCatalogue


class AppliedWeight(BaseModel):
    """A criterion's weight in the rulebook and in this comparison, and its share of the total."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion_id: str
    title: str
    rulebook_weight: float
    weight: float
    share: float  # percent of the sum of the weights applied


class RankedPlatform(BaseModel):
    """A platform's place in the comparison, its total and each criterion's contribution."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rank: int
    platform_id: str
    name: str
    operator: str
    url: str
    note: str | None
    total: float
    points: float
    max_points: float
    complete: bool
    unassessed: tuple[str, ...]
    criteria: tuple[CriterionScore, ...]


class PlatformComparison(BaseModel):
    """Every platform of the catalogue, best first, under the weights applied."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    note: str | None
    rulebook_version: str | None
    what_if: bool  # weights other than the rulebook's were applied
    weights: tuple[AppliedWeight, ...]
    platforms: tuple[RankedPlatform, ...]

    def platform(self, platform_id: str) -> RankedPlatform:
        """The platform with this ID; KeyError if the comparison has none."""
        for platform in self.platforms:
            if platform.platform_id == platform_id:
                return platform
        raise KeyError(platform_id)


def compare_platforms(
    catalogue: PlatformCatalogue,
    weights: Mapping[str, float] | None = None,
    *,
    rulebook_version: str | None = None,
) -> PlatformComparison:
    """The ranked comparison; `weights` override the catalogue's (ValueError as in scoring)."""
    ranked = rank_platforms(score_platforms(catalogue, weights))
    rulebook = catalogue_weights(catalogue)
    applied = {c.criterion_id: c.weight for c in ranked[0].criteria}
    weight_sum = sum(applied.values())
    return PlatformComparison(
        title=catalogue.title,
        note=catalogue.note,
        rulebook_version=rulebook_version,
        what_if=applied != rulebook,
        weights=tuple(
            AppliedWeight(
                criterion_id=criterion.id,
                title=criterion.title,
                rulebook_weight=rulebook[criterion.id],
                weight=applied[criterion.id],
                share=100 * applied[criterion.id] / weight_sum if weight_sum else 0.0,
            )
            for criterion in catalogue.criteria
        ),
        platforms=tuple(
            _ranked(catalogue, score, rank)
            for score, rank in zip(ranked, ranks(ranked), strict=True)
        ),
    )


def ranks(ranked: tuple[PlatformScore, ...]) -> list[int]:
    """Competition ranks of scores ordered best first: equal totals share a rank (1, 1, 3)."""
    places: list[int] = []
    for index, score in enumerate(ranked):
        tied = index > 0 and math.isclose(score.total, ranked[index - 1].total, abs_tol=1e-9)
        places.append(places[-1] if tied else index + 1)
    return places


def _ranked(catalogue: PlatformCatalogue, score: PlatformScore, rank: int) -> RankedPlatform:
    platform = catalogue.platform(score.platform_id)
    return RankedPlatform(
        rank=rank,
        platform_id=score.platform_id,
        name=score.name,
        operator=score.operator,
        url=str(platform.url),
        note=platform.note,
        total=score.total,
        points=score.points,
        max_points=score.max_points,
        complete=score.complete,
        unassessed=score.unassessed,
        criteria=score.criteria,
    )


CSV_COLUMNS: tuple[str, ...] = (
    "rank",
    "platform_id",
    "platform",
    "operator",
    "total",
    "complete",
    "criterion_id",
    "criterion",
    "weight",
    "score",
    "max_score",
    "level_label",
    "points",
    "max_points",
    "value",
    "source",
    "checked",
    "note",
)


def comparison_csv(comparison: PlatformComparison) -> str:
    """The comparison as CSV (RFC 4180, header row): one row per platform and criterion, best
    platform first; a rating without score leaves `score` and `level_label` empty."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for platform in comparison.platforms:
        for criterion in platform.criteria:
            writer.writerow(
                [
                    platform.rank,
                    platform.platform_id,
                    platform.name,
                    platform.operator,
                    platform.total,
                    "true" if platform.complete else "false",
                    criterion.criterion_id,
                    criterion.title,
                    criterion.weight,
                    "" if criterion.score is None else criterion.score,
                    criterion.max_score,
                    criterion.level_label or "",
                    criterion.points,
                    criterion.max_points,
                    criterion.value,
                    criterion.source,
                    criterion.checked.isoformat(),
                    criterion.note or "",
                ]
            )
    return buffer.getvalue()
