"""Check type `length`: the text fits the platform's limit, counted the way the platform counts.

| platform | limit | how the platform counts |
| --- | --- | --- |
| Mastodon | 500 | grapheme clusters; each http(s) URL counts 23, `@user@server` counts as `@user` |
| Bluesky | 300 | grapheme clusters (`app.bsky.feed.post` text, maxGraphemes) |
| X | 280 | twitter-text config v3 weights after NFC: see below |
| Threads | 500 | characters, an emoji as many as its UTF-8 bytes |
| Instagram | 2,200 | characters (code points) of the caption |
| Facebook | 63,206 | characters (code points) |
| LinkedIn | 3,000 | characters (code points) of the post commentary |
| YouTube | 5,000 | UTF-8 bytes of the video description (YouTube Data API) |

X weighs a code point in U+0000–U+10FF and in three ranges of punctuation 1, any other 2; an emoji
(even a sequence of several code points) 2 and every URL, with or without scheme, 23.

Mastodon servers may raise the limit and X Premium allows 25,000: `limits` overrides a number.
"""

import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Literal

import regex
from pydantic import Field

from leitplanke.checks.draft import Draft, Platform
from leitplanke.checks.finding import Hit
from leitplanke.checks.types.base import CheckConfig
from leitplanke.checks.urls import find_urls


class Counting(StrEnum):
    """Ways platforms count the length of a text."""

    GRAPHEMES = "graphemes"
    CODE_POINTS = "code_points"
    UTF8_BYTES = "utf8_bytes"
    MASTODON = "mastodon"
    X_WEIGHTED = "x_weighted"
    THREADS = "threads"


PLATFORM_LIMITS: dict[Platform, tuple[int, Counting]] = {
    Platform.MASTODON: (500, Counting.MASTODON),
    Platform.BLUESKY: (300, Counting.GRAPHEMES),
    Platform.X: (280, Counting.X_WEIGHTED),
    Platform.THREADS: (500, Counting.THREADS),
    Platform.INSTAGRAM: (2_200, Counting.CODE_POINTS),
    Platform.FACEBOOK: (63_206, Counting.CODE_POINTS),
    Platform.LINKEDIN: (3_000, Counting.CODE_POINTS),
    Platform.YOUTUBE: (5_000, Counting.UTF8_BYTES),
}

PLATFORM_LABEL: dict[Platform, str] = {
    Platform.MASTODON: "Mastodon",
    Platform.BLUESKY: "Bluesky",
    Platform.X: "X",
    Platform.THREADS: "Threads",
    Platform.INSTAGRAM: "Instagram (Bildunterschrift)",
    Platform.FACEBOOK: "Facebook",
    Platform.LINKEDIN: "LinkedIn",
    Platform.YOUTUBE: "YouTube (Videobeschreibung)",
}

UNIT_LABEL: dict[Counting, str] = {
    Counting.GRAPHEMES: "Zeichen",
    Counting.CODE_POINTS: "Zeichen",
    Counting.UTF8_BYTES: "Byte",
    Counting.MASTODON: "Zeichen",
    Counting.X_WEIGHTED: "gewichtete Zeichen",
    Counting.THREADS: "Zeichen",
}

URL_LENGTH = 23  # Mastodon's URL_PLACEHOLDER and twitter-text's transformedURLLength

# twitter-text config v3: code point ranges of weight 1; every other code point weighs 2.
X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))

_GRAPHEME = regex.compile(r"\X")
_EMOJI = regex.compile(
    r"\p{Emoji_Presentation}|\p{Regional_Indicator}|\p{Emoji}\uFE0F|\u20E3", regex.V1
)
_REMOTE_MENTION = regex.compile(r"(?<![/\w])@\w+(@[\w.-]*\w)")

Unit = tuple[int, int, int]  # start, end, weight


def _x_weight(cluster: str) -> int:
    if _EMOJI.search(cluster):
        return 2
    return sum(
        1 if any(low <= ord(char) <= high for low, high in X_LIGHT_RANGES) else 2
        for char in unicodedata.normalize("NFC", cluster)
    )


def _weight(cluster: str, counting: Counting) -> int:
    match counting:
        case Counting.GRAPHEMES | Counting.MASTODON:
            return 1
        case Counting.CODE_POINTS:
            return len(cluster)
        case Counting.UTF8_BYTES:
            return len(cluster.encode())
        case Counting.THREADS:
            return len(cluster.encode()) if _EMOJI.search(cluster) else len(cluster)
        case Counting.X_WEIGHTED:
            return _x_weight(cluster)


def _fixed_spans(text: str, counting: Counting) -> list[Unit]:
    """Parts of the text that count a fixed amount regardless of their characters."""
    if counting is Counting.X_WEIGHTED:
        return [(url.start, url.end, URL_LENGTH) for url in find_urls(text)]
    if counting is Counting.MASTODON:
        urls = [(url.start, url.end, URL_LENGTH) for url in find_urls(text, scheme_only=True)]
        starts = [start for start, _, _ in urls]
        domains: list[Unit] = []
        for mention in _REMOTE_MENTION.finditer(text):
            start, end = mention.span(1)
            before = bisect_left(starts, end) - 1  # the last URL starting before the domain ends
            if before < 0 or urls[before][1] <= start:
                domains.append((start, end, 0))
        return sorted(urls + domains)
    return []


def units(text: str, counting: Counting) -> Iterator[Unit]:
    """The text cut into the pieces the platform counts, each with its weight, in order."""
    position = 0
    for start, end, weight in [*_fixed_spans(text, counting), (len(text), len(text), 0)]:
        for cluster in _GRAPHEME.finditer(text, position, start):
            yield cluster.start(), cluster.end(), _weight(cluster.group(), counting)
        if end > start:
            yield start, end, weight
        position = end


def measure(text: str, counting: Counting) -> int:
    """The length of `text` as a platform with this way of counting sees it."""
    return sum(weight for _, _, weight in units(text, counting))


class LengthCheck(CheckConfig):
    """Reports a text longer than its platform allows; the hit starts where the limit is passed."""

    type: Literal["length"] = "length"
    platform: Platform | None = Field(
        default=None, description="Platform to check for; default: the draft's platform."
    )
    limits: dict[Platform, Annotated[int, Field(gt=0)]] = Field(
        default_factory=dict,
        description="Limits replacing the platforms' defaults, e.g. a Mastodon server's.",
    )

    def run(self, draft: Draft) -> list[Hit]:
        """One hit from the first unit past the limit to the end of the text, or none."""
        platform = self.platform or draft.platform
        if platform is None:
            return []
        default_limit, counting = PLATFORM_LIMITS[platform]
        limit = self.limits.get(platform, default_limit)
        total = 0
        overflow: int | None = None
        for start, _, weight in units(draft.text, counting):
            total += weight
            if overflow is None and total > limit:
                overflow = start
        if overflow is None:
            return []
        unit = UNIT_LABEL[counting]
        return [
            self.worded(
                Hit(
                    overflow,
                    len(draft.text),
                    f"Zu lang für {PLATFORM_LABEL[platform]}: {total} {unit}, "
                    f"höchstens {limit} erlaubt",
                    f"Um mindestens {total - limit} {unit} kürzen oder auf mehrere Beiträge "
                    "verteilen.",
                    kind="too_long",
                )
            )
        ]
