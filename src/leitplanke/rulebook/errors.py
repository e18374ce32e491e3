"""Errors in rulebook source files, each pointing at file, line, column and field."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class SourceError:
    """One problem in a source file, located as precisely as the source allows."""

    file: Path
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class RulebookError(Exception):
    """A rulebook could not be loaded; carries every error found, not just the first."""

    def __init__(self, errors: Iterable[SourceError]) -> None:
        self.errors = tuple(sorted(errors))
        super().__init__("\n".join(str(error) for error in self.errors))
