"""Where a draft came from, and the user-data error for input that cannot be read as drafts."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from leitplanke.checks.draft import Draft
from leitplanke.rulebook.errors import SourceError
from leitplanke.rulebook.messages import field_name, german_message

STDIN = "<stdin>"

Location = tuple[int | str, ...]
Placer = Callable[[Location], tuple[int, int]]
Defaults = Mapping[str, str]
"""Values of draft fields (`platform`, `audience`) for drafts that leave them unset."""

NO_DEFAULTS: Defaults = MappingProxyType({})


class DraftInputError(Exception):
    """Input that is not a draft: unreadable file, bad JSON, CSV or YAML, or an unfitting field.

    A user-data error, told apart from internal errors: it carries every problem found, each with
    file, line, column and field.
    """

    def __init__(self, errors: Iterable[SourceError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(error) for error in self.errors))

    @classmethod
    def at(
        cls, file: str, line: int, message: str, *, column: int = 1, field: str = ""
    ) -> "DraftInputError":
        """One problem at one place."""
        return cls([SourceError(Path(file), line, column, field, message)])


def unreadable(file: str, error: OSError) -> DraftInputError:
    """The error for a file that cannot be opened, in German."""
    if isinstance(error, FileNotFoundError):
        reason = "Datei nicht gefunden"
    elif isinstance(error, IsADirectoryError):
        reason = "ist ein Ordner, keine Datei"
    elif isinstance(error, PermissionError):
        reason = "keine Berechtigung zum Lesen"
    else:
        reason = f"Datei nicht lesbar ({error.strerror or error})"
    return DraftInputError.at(file, 1, reason)


@dataclass(frozen=True)
class SourcedDraft:
    """A draft with where it came from.

    `line` is the line of the record in a batch file (JSON Lines, CSV), None when the draft is a
    whole file. `whole_file` says that the draft's text is the file itself, so that positions in
    the text are positions in the file.
    """

    draft: Draft
    file: str
    line: int | None = None
    whole_file: bool = False

    @property
    def fragment(self) -> str | None:
        """What names the draft within its file: None when the draft is the whole file.

        The draft's ID, else `L<line>` for a record of a batch, else `text` (the text field of
        a JSON or YAML draft). Positions in the draft's text are file positions only when the
        draft has no fragment.
        """
        if self.whole_file:
            return None
        if self.draft.id:
            return self.draft.id
        return f"L{self.line}" if self.line is not None else "text"

    @property
    def name(self) -> str:
        """How reports name the draft: its file, with `#<fragment>` unless it is the whole file."""
        return self.file if self.fragment is None else f"{self.file}#{self.fragment}"


def draft_errors(error: ValidationError, file: str, place: Placer) -> list[SourceError]:
    """Pydantic's errors about a draft as German source errors; `place` locates a field."""
    errors = []
    for detail in error.errors():
        location: Location = tuple(detail["loc"])
        line, column = place(location)
        message = german_message(detail)
        errors.append(SourceError(Path(file), line, column, field_name(location), message))
    return errors


def validate_draft(data: Any, file: str, place: Placer, defaults: Defaults = NO_DEFAULTS) -> Draft:
    """`data` as a Draft, fields it leaves unset taken from `defaults`; DraftInputError if not."""
    if isinstance(data, dict):
        unset = {name: value for name, value in defaults.items() if data.get(name) is None}
        data = {**data, **unset}
    try:
        return Draft.model_validate(data)
    except ValidationError as error:
        raise DraftInputError(draft_errors(error, file, place)) from None
