"""Files holding one draft: plain text or Markdown (the whole file is the text), JSON or YAML."""

import json
from pathlib import Path
from typing import BinaryIO

from leitplanke.checks.input.source import (
    Defaults,
    DraftInputError,
    Location,
    SourcedDraft,
    unreadable,
    validate_draft,
)
from leitplanke.rulebook.errors import RulebookError
from leitplanke.rulebook.yaml_source import PositionIndex, read_yaml

MAX_FILE_BYTES = 1_048_576  # a draft's text is at most 100,000 characters; 1 MiB leaves room


def too_large(file: str) -> DraftInputError:
    """The error for a single-draft file above MAX_FILE_BYTES."""
    return DraftInputError.at(file, 1, f"Datei zu groß (mehr als {MAX_FILE_BYTES} Bytes)")


def decode(data: bytes, file: str) -> str:
    """UTF-8 text without a byte order mark; DraftInputError naming the line of a bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DraftInputError.at(
            file, line, "nicht UTF-8-kodiert (bitte als UTF-8 speichern)"
        ) from None


def _first_line(_: Location) -> tuple[int, int]:
    return 1, 1


def read_text_draft(stream: BinaryIO, file: str, defaults: Defaults) -> SourcedDraft:
    """The whole file (or standard input) as the draft's text."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise too_large(file)
    draft = validate_draft({"text": decode(data, file)}, file, _first_line, defaults)
    return SourcedDraft(draft, file, whole_file=True)


def read_json_draft(path: Path, defaults: Defaults) -> SourcedDraft:
    """A JSON object with the fields of a draft; errors name the line of the field."""
    file = str(path)
    data = _read_file(path)
    try:
        value = json.loads(decode(data, file))
    except json.JSONDecodeError as error:
        message = f"kein gültiges JSON: {error.msg}"
        raise DraftInputError.at(file, error.lineno, message, column=error.colno) from None
    except (ValueError, RecursionError) as error:
        raise DraftInputError.at(file, 1, f"kein gültiges JSON: {error}") from None
    # JSON is YAML, so the YAML position index finds the line of a field in a JSON file too.
    return SourcedDraft(validate_draft(value, file, PositionIndex(path).position, defaults), file)


def read_yaml_draft(path: Path, defaults: Defaults) -> SourcedDraft:
    """A YAML mapping with the fields of a draft; errors name the line of the field."""
    file = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise too_large(file)
        value = read_yaml(path)
    except OSError as error:
        raise unreadable(file, error) from None
    except RulebookError as error:
        raise DraftInputError(error.errors) from None
    return SourcedDraft(validate_draft(value, file, PositionIndex(path).position, defaults), file)


def _read_file(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise unreadable(str(path), error) from None
    if len(data) > MAX_FILE_BYTES:
        raise too_large(str(path))
    return data
