"""What a check reports: hits inside a check type, findings with rule context for the user."""

from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from leitplanke.rulebook.vocabulary import Level


class Severity(StrEnum):
    """How serious a finding is; follows the rule's obligation level."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_OF_LEVEL: dict[Level, Severity] = {
    Level.MUSS: Severity.ERROR,
    Level.SOLL: Severity.WARNING,
    Level.KANN: Severity.INFO,
}


@dataclass(frozen=True)
class Hit:
    """One place a check type objects to: a character span of the draft text and why.

    A hit about the draft as a whole (e.g. an image without alternative text) has the empty
    span 0–0.
    """

    start: int
    end: int
    message: str
    fix: str | None = None
    kind: str | None = None
    confidence: float = 1.0
    sensitive: bool = False


class Finding(BaseModel):
    """A hit in the context of its rule: what the user sees in every output format."""

    model_config = ConfigDict(frozen=True)

    rule_id: str
    rule_title: str
    level: Severity
    check_type: str
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    matched: str
    fix: str | None
    kind: str | None
    confidence: float
    sensitive: bool
    legal_basis: list[str]
    rule_url: str

    def masked(self) -> str:
        """The matched text as it may appear in logs: personal data is masked."""
        if not self.sensitive or len(self.matched) <= 2:
            return "*" * len(self.matched) if self.sensitive else self.matched
        return self.matched[0] + "*" * (len(self.matched) - 2) + self.matched[-1]


class LineIndex:
    """Converts character offsets of a text to 1-based line and column numbers."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column (both 1-based) of the character at `offset`."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
