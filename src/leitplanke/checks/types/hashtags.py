"""Check type `hashtags`: multi-word hashtags in CamelCase for screen readers, and not too many.

Whether a hashtag joins several words cannot be told reliably without a dictionary, so the check
takes a simple, robust stand-in: a hashtag of at least `min_length` letters written entirely in
lower case (`#grundsteuerreformberlin`) or entirely in capitals (`#WICHTIGEINFO`) is reported, with
reduced confidence. A hashtag with any capital inside or only a capital first letter
(`#Bürgerbeteiligung`, a single German noun) is left alone.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from leitplanke.checks.draft import Draft
from leitplanke.checks.finding import Hit
from leitplanke.checks.types.base import CheckConfig
from leitplanke.checks.urls import find_urls

_HASHTAG = re.compile(r"(?<![\w#&/=@])[#＃](\w+)")


@dataclass(frozen=True)
class Hashtag:
    """A hashtag in the text: its span (with the `#`) and its name (without)."""

    start: int
    end: int
    name: str


def find_hashtags(text: str) -> list[Hashtag]:
    """The hashtags of `text` outside URLs; a hashtag needs at least one letter."""
    urls = find_urls(text)
    starts = [url.start for url in urls]
    tags: list[Hashtag] = []
    for match in _HASHTAG.finditer(text):
        before = bisect_right(starts, match.start()) - 1  # the last URL starting at or before
        inside_url = before >= 0 and match.start() < urls[before].end
        if not inside_url and any(char.isalpha() for char in match.group(1)):
            tags.append(Hashtag(match.start(), match.end(), match.group(1)))
    return tags


class HashtagsCheck(CheckConfig):
    """Reports long hashtags without word capitals and hashtags beyond `max_count`."""

    type: Literal["hashtags"] = "hashtags"
    camel_case: bool = Field(default=True, description="Report long one-case hashtags.")
    min_length: int = Field(
        default=12, ge=2, description="Letters from which a one-case hashtag is reported."
    )
    max_count: int | None = Field(default=None, ge=0, description="Most hashtags in one draft.")
    allowed: list[str] = Field(
        default_factory=list, description="Hashtags never reported for their case (without #)."
    )

    def run(self, draft: Draft) -> list[Hit]:
        """A hit per hard-to-read hashtag and one for the hashtags beyond the maximum."""
        hashtags = find_hashtags(draft.text)
        allowed = {name.lstrip("#").casefold() for name in self.allowed}
        hits: list[Hit] = []
        if self.camel_case:
            for tag in hashtags:
                letters = [char for char in tag.name if char.isalpha()]
                one_case = all(c.islower() for c in letters) or all(c.isupper() for c in letters)
                if (
                    len(letters) >= self.min_length
                    and one_case
                    and tag.name.casefold() not in allowed
                ):
                    hits.append(
                        Hit(
                            tag.start,
                            tag.end,
                            f"Hashtag „#{tag.name}“ ohne Großbuchstaben an den Wortanfängen ist "
                            "für Screenreader schwer lesbar",
                            "Jedes Wort mit großem Anfangsbuchstaben schreiben, z. B. "
                            "#BerlinerVerwaltung statt #berlinerverwaltung.",
                            kind="camel_case",
                            confidence=0.7,
                        )
                    )
        if self.max_count is not None and len(hashtags) > self.max_count:
            first, last = hashtags[self.max_count], hashtags[-1]
            hits.append(
                Hit(
                    first.start,
                    last.end,
                    f"{len(hashtags)} Hashtags, höchstens {self.max_count} vorgesehen",
                    f"Auf die {self.max_count} wichtigsten Hashtags beschränken."
                    if self.max_count
                    else "Keine Hashtags verwenden.",
                    kind="too_many",
                )
            )
        return [self.worded(hit) for hit in hits]
