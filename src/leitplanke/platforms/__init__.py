"""The platform catalogue in use: weighted scores and comparisons of the rated platforms."""

from leitplanke.platforms.scoring import (
    CriterionScore,
    PlatformScore,
    catalogue_weights,
    rank_platforms,
    score_platform,
    score_platforms,
)

__all__ = [
    "CriterionScore",
    "PlatformScore",
    "catalogue_weights",
    "rank_platforms",
    "score_platform",
    "score_platforms",
]
