"""Cutting a draft's text at its findings' spans: table of (text, spans, expected segments)."""

import pytest

from leitplanke.checks.highlight import segments

CASES = [
    ("no spans", "abc", [], [("abc", (), ())]),
    ("one span", "abcdef", [(1, 3)], [("a", (), ()), ("bc", (1,), (1,)), ("def", (), ())]),
    (
        "overlap",
        "abcdef",
        [(0, 4), (2, 6)],
        [("ab", (1,), ()), ("cd", (1, 2), (1,)), ("ef", (2,), (2,))],
    ),
    (
        "nested",
        "abcd",
        [(0, 4), (1, 2)],
        [("a", (1,), ()), ("b", (1, 2), (2,)), ("cd", (1,), (1,))],
    ),
    ("same span", "ab", [(0, 2), (0, 2)], [("ab", (1, 2), (1, 2))]),
    ("whole draft left out", "ab", [(0, 0), (1, 2)], [("a", (), ()), ("b", (2,), (2,))]),
    ("empty span elsewhere", "ab", [(1, 1)], [("a", (), (1,)), ("b", (), ())]),
    ("span beyond the text", "ab", [(1, 9)], [("a", (), ()), ("b", (1,), (1,))]),
]


@pytest.mark.parametrize(("case", "text", "spans", "want"), CASES, ids=[c[0] for c in CASES])
def test_segments_cover_the_text_and_name_covering_and_ending_findings(case, text, spans, want):
    got = segments(text, spans)
    assert [(s.text, s.covered_by, s.ends) for s in got] == want
    assert "".join(s.text for s in got) == text
