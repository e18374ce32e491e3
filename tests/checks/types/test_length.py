"""Check type `length`: each platform counts as it does, and the hit starts at the overflow."""

import pytest
from pydantic import ValidationError

from leitplanke.checks.draft import Draft, Platform
from leitplanke.checks.types import parse_check
from leitplanke.checks.types.length import PLATFORM_LIMITS, Counting, measure

FAMILY = "👨‍👩‍👧"  # one grapheme cluster of five code points
FLAG = "🇩🇪"  # one grapheme cluster of two regional indicators
LONG_URL = "https://www.berlin.de/" + "a" * 100

MEASURES = [
    ("graphemes: a family emoji is one", "a" + FAMILY, Counting.GRAPHEMES, 2),
    ("graphemes: combining accent joins its letter", "e\u0301", Counting.GRAPHEMES, 1),
    ("code points", "a" + FAMILY, Counting.CODE_POINTS, 6),
    ("utf-8 bytes: umlaut is two", "ä", Counting.UTF8_BYTES, 2),
    ("mastodon: URL counts 23", "x " + LONG_URL, Counting.MASTODON, 25),
    ("mastodon: URL without scheme counts in full", "x berlin.de", Counting.MASTODON, 11),
    (
        "mastodon: remote mention counts its user only",
        "@presse@social.berlin.de",
        Counting.MASTODON,
        7,
    ),
    ("mastodon: emoji sequence is one", FAMILY, Counting.MASTODON, 1),
    ("x: latin and umlauts weigh one", "Straße ä", Counting.X_WEIGHTED, 8),
    ("x: CJK weighs two", "日本", Counting.X_WEIGHTED, 4),
    ("x: an emoji weighs two, however long", FAMILY + FLAG, Counting.X_WEIGHTED, 4),
    ("x: keycap emoji weighs two", "1\ufe0f\u20e3", Counting.X_WEIGHTED, 2),
    ("x: any URL weighs 23", LONG_URL + " bit.ly/x", Counting.X_WEIGHTED, 47),
    ("x: decomposed umlaut normalised", "a\u0308", Counting.X_WEIGHTED, 1),
    ("threads: emoji counts its UTF-8 bytes", "👍a", Counting.THREADS, 5),
]


@pytest.mark.parametrize(
    ("case", "text", "counting", "want"), MEASURES, ids=[c[0] for c in MEASURES]
)
def test_measure_counts_as_the_platform_does(case, text, counting, want):
    assert measure(text, counting) == want


@pytest.mark.parametrize("platform", list(Platform))
def test_text_at_the_limit_passes_and_one_more_fails(platform):
    limit, _ = PLATFORM_LIMITS[platform]
    check = parse_check({"type": "length"})
    assert check.run(Draft(text="a" * limit, platform=platform)) == []
    (hit,) = check.run(Draft(text="a" * (limit + 1), platform=platform))
    assert (hit.start, hit.end) == (limit, limit + 1)
    assert str(limit) in hit.message and str(limit + 1) in hit.message


def test_hit_starts_where_the_limit_is_passed():
    text = "a" * 290 + FAMILY + "b" * 20  # Bluesky: the family emoji is the 291st grapheme
    (hit,) = parse_check({"type": "length"}).run(Draft(text=text, platform="bluesky"))
    assert hit.start == 300 + len(FAMILY) - 1 and hit.end == len(text)


def test_url_straddling_the_limit_is_where_the_overflow_starts():
    text = "a" * 270 + " " + LONG_URL
    (hit,) = parse_check({"type": "length"}).run(Draft(text=text, platform="x"))
    assert text[hit.start : hit.end] == LONG_URL


def test_platform_parameter_overrides_the_drafts():
    check = parse_check({"type": "length", "platform": "x"})
    assert check.run(Draft(text="a" * 281, platform="facebook"))


def test_limits_parameter_replaces_a_platform_default():
    check = parse_check({"type": "length", "limits": {"mastodon": 1000}})
    assert check.run(Draft(text="a" * 900, platform="mastodon")) == []
    assert check.run(Draft(text="a" * 1001, platform="mastodon"))


def test_draft_without_platform_is_not_measured():
    assert parse_check({"type": "length"}).run(Draft(text="a" * 100_000)) == []


@pytest.mark.parametrize(
    "spec",
    [{"platform": "myspace"}, {"limits": {"x": 0}}, {"limits": {"tiktok": 10}}],
    ids=["unknown platform", "limit zero", "limit of unknown platform"],
)
def test_invalid_length_specs_are_rejected(spec):
    with pytest.raises(ValidationError):
        parse_check({"type": "length", **spec})
