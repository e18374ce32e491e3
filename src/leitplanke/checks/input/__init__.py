"""Reading drafts from files and standard input, one draft at a time.

The kind of a file follows its name: `.json` and `.yaml`/`.yml` hold one draft, `.jsonl`/`.ndjson`
and `.csv` are batches (one draft a line or record), anything else (`.txt`, `.md`, …) is the
text of one draft. `-` is standard input: plain text, or JSON Lines when read as a batch. With
`batch=True` every file is a batch: CSV if it ends in `.csv`, JSON Lines otherwise.
"""

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from leitplanke.checks.input.documents import read_json_draft, read_text_draft, read_yaml_draft
from leitplanke.checks.input.lines import read_csv, read_jsonl
from leitplanke.checks.input.source import STDIN, DraftInputError, SourcedDraft, unreadable

__all__ = ["STDIN", "DraftInputError", "InputKind", "SourcedDraft", "input_kind", "read_drafts"]


class InputKind(StrEnum):
    """How a file holds drafts."""

    TEXT = "text"
    JSON = "json"
    YAML = "yaml"
    JSONL = "jsonl"
    CSV = "csv"

    @property
    def is_batch(self) -> bool:
        """Whether a file of this kind holds many drafts."""
        return self in (InputKind.JSONL, InputKind.CSV)


_BY_SUFFIX: dict[str, InputKind] = {
    ".json": InputKind.JSON,
    ".yaml": InputKind.YAML,
    ".yml": InputKind.YAML,
    ".jsonl": InputKind.JSONL,
    ".ndjson": InputKind.JSONL,
    ".csv": InputKind.CSV,
}


def input_kind(name: str, *, batch: bool = False) -> InputKind:
    """The kind of the file `name` (`-` for standard input)."""
    suffix = "" if name == "-" else Path(name).suffix.lower()
    if batch:
        return InputKind.CSV if suffix == ".csv" else InputKind.JSONL
    return _BY_SUFFIX.get(suffix, InputKind.TEXT)


def read_drafts(
    names: Iterable[str],
    *,
    batch: bool = False,
    platform: str | None = None,
    audience: str | None = None,
) -> Iterator[SourcedDraft]:
    """Every draft of the named files in order; `platform` and `audience` fill in unset fields.

    Raises DraftInputError (a user-data error, naming file, line and field) at the first input
    that cannot be read as drafts.
    """
    given = {"platform": platform, "audience": audience}
    defaults = {field: value for field, value in given.items() if value is not None}
    for name in names:
        kind = input_kind(name, batch=batch)
        file = STDIN if name == "-" else name
        if kind is InputKind.JSON:
            yield read_json_draft(Path(name), defaults)
        elif kind is InputKind.YAML:
            yield read_yaml_draft(Path(name), defaults)
        else:
            with _opened(name) as stream:
                if kind is InputKind.JSONL:
                    yield from read_jsonl(stream, file, defaults)
                elif kind is InputKind.CSV:
                    yield from read_csv(stream, file, defaults)
                else:
                    yield read_text_draft(stream, file, defaults)


@contextmanager
def _opened(name: str) -> Iterator[BinaryIO]:
    if name == "-":
        yield sys.stdin.buffer
        return
    try:
        stream = Path(name).open("rb")  # noqa: SIM115 (closed below; only the opening may fail)
    except OSError as error:
        raise unreadable(name, error) from None
    with stream:
        yield stream
