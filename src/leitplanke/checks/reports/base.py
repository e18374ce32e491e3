"""The contract of a report format: told of each checked draft in turn, then of the end."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TextIO

from leitplanke.checks.engine import CheckEngine
from leitplanke.checks.results import CheckedDraft, CheckSummary
from leitplanke.rulebook.errors import SourceError


@dataclass(frozen=True)
class ReportContext:
    """What every report may use: the engine (its rules and publication) and the masking choice."""

    engine: CheckEngine
    show_personal_data: bool = False


class Report(Protocol):
    """A report format writing to a text stream; it holds no more than one draft at a time."""

    def begin(self) -> None:
        """Called once before the first draft."""

    def add(self, checked: CheckedDraft) -> None:
        """Called with each checked draft, in input order."""

    def end(self, summary: CheckSummary, input_errors: Sequence[SourceError]) -> None:
        """Called once at the end, also when input errors stopped the run early."""


ReportFactory = Callable[[TextIO, ReportContext], Report]
