"""Check type `pattern`: regular expressions or word lists, with exceptions."""

import re
from typing import Literal, Self

from pydantic import Field, PrivateAttr, model_validator

from leitplanke.checks.draft import Draft
from leitplanke.checks.finding import Hit
from leitplanke.checks.types.base import CheckConfig


class PatternCheck(CheckConfig):
    """Reports every match of `patterns` (regexes) or `words` (whole words) not in `exceptions`."""

    type: Literal["pattern"] = "pattern"
    patterns: list[str] = Field(default_factory=list, description="Regular expressions.")
    words: list[str] = Field(default_factory=list, description="Words or phrases, whole words.")
    exceptions: list[str] = Field(
        default_factory=list,
        description="Regexes; a match that one of them covers is not reported.",
    )
    ignore_case: bool = True

    _pattern: re.Pattern[str] = PrivateAttr()
    _exceptions: list[re.Pattern[str]] = PrivateAttr()

    @model_validator(mode="after")
    def _compile(self) -> Self:
        if not self.patterns and not self.words:
            raise ValueError("pattern braucht `patterns` oder `words`")
        flags = re.IGNORECASE if self.ignore_case else 0
        alternatives = [f"(?:{pattern})" for pattern in self.patterns]
        alternatives += [rf"\b{re.escape(word)}\b" for word in self.words]
        try:
            self._pattern = re.compile("|".join(alternatives), flags)
            self._exceptions = [re.compile(pattern, flags) for pattern in self.exceptions]
        except re.error as error:
            raise ValueError(f"ungültiger regulärer Ausdruck: {error}") from None
        return self

    def run(self, draft: Draft) -> list[Hit]:
        """Every non-empty match that no exception covers."""
        covered = [
            (match.start(), match.end())
            for exception in self._exceptions
            for match in exception.finditer(draft.text)
        ]
        return [
            self.worded(Hit(match.start(), match.end(), f"„{match.group()}“ vermeiden"))
            for match in self._pattern.finditer(draft.text)
            if match.end() > match.start()
            and not any(start <= match.start() and match.end() <= end for start, end in covered)
        ]
