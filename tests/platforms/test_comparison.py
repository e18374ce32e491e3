"""The ranked comparison: shared ranks, the weights applied beside the rulebook's, CSV."""

import csv
import io

import pytest

from leitplanke.platforms.comparison import CSV_COLUMNS, compare_platforms, comparison_csv
from tests.platforms.test_scoring import catalogue

# (note, ratings by platform, what-if weights, expected (platform, rank) best first)
RANKS = [
    ("distinct totals", {"p": (4, 2), "q": (2, 1), "r": (0, 0)}, None, "p1 q2 r3"),
    ("a tie shares the rank", {"p": (2, 1), "q": (2, 1), "r": (0, 0)}, None, "p1 q1 r3"),
    ("weights turn the order", {"p": (4, 0), "q": (0, 2)}, {"a": 0}, "q1 p2"),
    ("all weights zero tie everyone", {"p": (4, 2), "q": (0, 0)}, {"a": 0, "b": 0}, "p1 q1"),
]


@pytest.mark.parametrize(("note", "ratings", "weights", "want"), RANKS, ids=[c[0] for c in RANKS])
def test_platforms_are_ranked_best_first_and_equal_totals_share_a_rank(
    note, ratings, weights, want
):
    comparison = compare_platforms(catalogue(**ratings), weights)
    assert " ".join(f"{p.platform_id}{p.rank}" for p in comparison.platforms) == want


def test_the_weights_applied_are_shown_beside_the_rulebooks_with_their_share():
    rulebook = compare_platforms(catalogue(p=(4, 2)))
    assert not rulebook.what_if
    assert [(w.criterion_id, w.weight, w.share) for w in rulebook.weights] == [
        ("a", 3.0, 75.0),
        ("b", 1.0, 25.0),
    ]
    changed = compare_platforms(catalogue(p=(4, 2)), {"b": 3}, rulebook_version="1.0.0")
    assert changed.what_if
    assert changed.rulebook_version == "1.0.0"
    assert [(w.rulebook_weight, w.weight, w.share) for w in changed.weights] == [
        (3.0, 3.0, 50.0),
        (1.0, 3.0, 50.0),
    ]
    assert not compare_platforms(catalogue(p=(4, 2)), {"a": 3}).what_if


def test_a_ranked_platform_carries_its_source_data_and_contributions():
    platform = compare_platforms(catalogue(p=(None, 1))).platform("p")
    assert (platform.url, platform.complete, platform.unassessed) == (
        "https://example.org/",
        False,
        ("a",),
    )
    assert [c.points for c in platform.criteria] == [0.0, 0.5]
    with pytest.raises(KeyError):
        compare_platforms(catalogue(p=(1, 1))).platform("q")


def test_the_bad_weights_of_scoring_are_rejected_here_too():
    with pytest.raises(ValueError, match="Unbekanntes Kriterium"):
        compare_platforms(catalogue(p=(1, 1)), {"c": 1})


def test_csv_has_a_header_and_a_row_per_platform_and_criterion():
    text = comparison_csv(compare_platforms(catalogue(q=(0, 0), p=(None, 2))))
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(CSV_COLUMNS)
    table = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert [(r["rank"], r["platform_id"], r["criterion_id"]) for r in table] == [
        ("1", "p", "a"),
        ("1", "p", "b"),
        ("2", "q", "a"),
        ("2", "q", "b"),
    ]
    assert (table[0]["score"], table[0]["level_label"], table[0]["complete"]) == ("", "", "false")
    assert (table[1]["score"], table[1]["level_label"]) == ("2", "Stufe 2")
    assert table[1]["points"] == "1.0"
    assert table[0]["note"] == "unklar, siehe Quelle"
    assert table[0]["checked"] == "2026-11-25"
