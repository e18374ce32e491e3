"""Weighted platform scores: totals, per-criterion contributions, what-if weights, gaps."""

import math
from typing import Any

import pytest

import leitplanke.platforms as platforms
from leitplanke.platforms import (
    catalogue_weights,
    rank_platforms,
    score_platform,
    score_platforms,
)
from leitplanke.rulebook.catalogue import PlatformCatalogue


def rating(score: int | None, note: str | None = None) -> dict[str, Any]:
    return {
        "score": score,
        "value": "Befund in Worten",
        "source": "https://example.org/quelle",
        "checked": "2026-11-25",
        "note": note,
    }


def catalogue(**ratings: tuple[int | None, int | None]) -> PlatformCatalogue:
    """A catalogue with criteria `a` (weight 3, scale 0–4) and `b` (weight 1, scale 0–2)."""
    scale = [{"score": s, "label": f"Stufe {s}"} for s in range(5)]
    return PlatformCatalogue.model_validate(
        {
            "title": "Testkatalog",
            "criteria": [
                {
                    "id": "a",
                    "title": "Kriterium A",
                    "description": "Beschreibung A",
                    "weight": 3,
                    "levels": scale,
                },
                {
                    "id": "b",
                    "title": "Kriterium B",
                    "description": "Beschreibung B",
                    "weight": 1,
                    "levels": scale[:3],
                },
            ],
            "platforms": [
                {
                    "id": platform_id,
                    "name": f"Plattform {platform_id}",
                    "operator": "Betreiber GmbH",
                    "url": "https://example.org/",
                    "ratings": {
                        "a": rating(a, None if a is not None else "unklar, siehe Quelle"),
                        "b": rating(b, None if b is not None else "unklar, siehe Quelle"),
                    },
                }
                for platform_id, (a, b) in ratings.items()
            ],
        }
    )


# (note, ratings of a and b, expected total in percent)
TOTALS = [
    ("best on both", (4, 2), 100.0),
    ("worst on both", (0, 0), 0.0),
    ("best on the heavy criterion only", (4, 0), 75.0),
    ("best on the light criterion only", (0, 2), 25.0),
    ("half on both", (2, 1), 50.0),
    ("not assessable counts zero", (None, 2), 25.0),
]


@pytest.mark.parametrize(("note", "scores", "total"), TOTALS, ids=[case[0] for case in TOTALS])
def test_total_is_the_weighted_share_of_the_best_possible(note, scores, total):
    (score,) = score_platforms(catalogue(p=scores))
    assert math.isclose(score.total, total)
    assert math.isclose(score.points, sum(c.points for c in score.criteria))
    assert score.max_points == 4


def test_each_criterion_shows_its_contribution_source_and_date():
    (score,) = score_platforms(catalogue(p=(2, 1)))
    a, b = score.criteria
    assert (a.criterion_id, a.weight, a.score, a.max_score, a.points) == ("a", 3, 2, 4, 1.5)
    assert (b.points, b.max_points, b.level_label) == (0.5, 1, "Stufe 1")
    assert a.source == "https://example.org/quelle"
    assert a.checked.isoformat() == "2026-11-25"


def test_unassessed_criteria_are_listed_and_mark_the_score_incomplete():
    (score,) = score_platforms(catalogue(p=(None, 1)))
    assert not score.complete
    assert score.unassessed == ("a",)
    assert score.criteria[0].level_label is None
    assert score.criteria[0].note == "unklar, siehe Quelle"


def test_what_if_weights_override_the_catalogue():
    scores = score_platforms(catalogue(p=(4, 0), q=(0, 2)), weights={"a": 0})
    assert [s.total for s in scores] == [0.0, 100.0]
    assert catalogue_weights(catalogue(p=(4, 0))) == {"a": 3.0, "b": 1.0}


def test_all_weights_zero_scores_zero_instead_of_dividing_by_zero():
    (score,) = score_platforms(catalogue(p=(4, 2)), weights={"a": 0, "b": 0})
    assert score.total == 0.0


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"c": 1}, "Unbekanntes Kriterium „c“"),
        ({"a": -1}, "Gewicht für „a“ muss mindestens 0 sein"),
        ({"a": float("nan")}, "Gewicht für „a“ muss mindestens 0 sein"),
    ],
)
def test_bad_weights_are_rejected_with_a_german_message(weights, message):
    with pytest.raises(ValueError, match=message):
        score_platforms(catalogue(p=(1, 1)), weights=weights)


def test_ranking_puts_the_best_first_and_orders_ties_by_name():
    scores = score_platforms(catalogue(zeta=(2, 1), alpha=(2, 1), best=(4, 2)))
    assert [s.platform_id for s in rank_platforms(scores)] == ["best", "alpha", "zeta"]


def test_one_platform_can_be_scored_alone_and_unknown_ones_are_key_errors():
    cat = catalogue(p=(4, 2), q=(0, 0))
    assert score_platform(cat, "q").total == 0.0
    with pytest.raises(KeyError):
        score_platform(cat, "r")


def test_bundled_catalogue_scores_every_platform_between_0_and_100(bundled_rulebook):
    scores = score_platforms(bundled_rulebook.platforms)
    assert len(scores) >= 11
    for score in scores:
        assert 0 <= score.total <= 100
        assert [c.criterion_id for c in score.criteria] == [
            c.id for c in bundled_rulebook.platforms.criteria
        ]


def test_bundled_catalogue_ranks_the_fediverse_first(bundled_rulebook):
    ranked = rank_platforms(score_platforms(bundled_rulebook.platforms))
    assert {ranked[0].platform_id, ranked[1].platform_id} == {"mastodon", "peertube"}


def test_public_names_are_listed_and_importable():
    assert sorted(platforms.__all__) == sorted(
        [
            "CriterionScore",
            "PlatformScore",
            "catalogue_weights",
            "rank_platforms",
            "score_platform",
            "score_platforms",
        ]
    )
    for name in platforms.__all__:
        assert getattr(platforms, name) is not None
