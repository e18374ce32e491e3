"""Batch files read line by line in constant memory: JSON Lines (one draft a line) and CSV.

Both readers are generators: they hold one line (CSV: one record) at a time, and stop with a
DraftInputError naming file and line at the first record that is not a draft.
"""

import codecs
import csv
import json
from collections.abc import Iterator
from itertools import chain
from typing import BinaryIO

from leitplanke.checks.input.source import (
    Defaults,
    DraftInputError,
    Location,
    SourcedDraft,
    validate_draft,
)

MAX_LINE_BYTES = 2_097_152  # a draft of 100,000 characters, JSON-escaped, fits with room to spare

CSV_COLUMNS = ("text", "id", "audience", "platform", "account", "planned_at", "links")
CSV_DELIMITERS = (",", ";", "\t")


def decoded_lines(stream: BinaryIO, file: str) -> Iterator[tuple[int, str]]:
    """Each line of the stream with its number, decoded from UTF-8 (a leading BOM dropped)."""
    number = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            raise DraftInputError.at(
                file, number, f"Zeile zu lang (mehr als {MAX_LINE_BYTES} Bytes)"
            )
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise DraftInputError.at(
                file,
                number,
                "nicht UTF-8-kodiert (bitte als UTF-8 speichern)",
                column=error.start + 1,
            ) from None


def read_jsonl(stream: BinaryIO, file: str, defaults: Defaults) -> Iterator[SourcedDraft]:
    """One draft per line, each a JSON object; blank lines are skipped."""
    for number, line in decoded_lines(stream, file):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            message = f"kein gültiges JSON: {error.msg}"
            raise DraftInputError.at(file, number, message, column=error.colno) from None
        except (ValueError, RecursionError) as error:  # e.g. too many digits, too deeply nested
            raise DraftInputError.at(file, number, f"kein gültiges JSON: {error}") from None

        def place(_: Location, number: int = number) -> tuple[int, int]:
            return number, 1

        yield SourcedDraft(validate_draft(data, file, place, defaults), file, number)


class _LineCounter:
    """Feeds lines to the csv module and remembers the number of the last line it gave."""

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self.lines = lines
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        for number, line in self.lines:
            self.number = number
            yield line


def _delimiter(header: str) -> str:
    """The delimiter the header uses most: comma, semicolon (German spreadsheets) or tab."""
    return max(CSV_DELIMITERS, key=header.count)


def _columns(header: list[str], file: str, line: int) -> list[str]:
    names = [name.strip().lower() for name in header]
    for index, name in enumerate(names):
        if name not in CSV_COLUMNS:
            allowed = ", ".join(CSV_COLUMNS)
            message = f"unbekannte Spalte „{header[index].strip()}“ (erlaubt: {allowed})"
            raise DraftInputError.at(file, line, message, column=index + 1)
        if name in names[:index]:
            raise DraftInputError.at(file, line, f"Spalte „{name}“ doppelt", column=index + 1)
    if "text" not in names:
        raise DraftInputError.at(file, line, "Spalte „text“ fehlt")
    return names


def read_csv(stream: BinaryIO, file: str, defaults: Defaults) -> Iterator[SourcedDraft]:
    """One draft per record; the first line names the columns (`text` required).

    Empty cells leave a field unset; `links` holds URLs separated by spaces. The delimiter is
    taken from the header line: comma, semicolon or tab. In errors, the column is the number of
    the CSV column (field), not of a character.
    """
    lines = decoded_lines(stream, file)
    first = next(lines, None)
    if first is None:
        raise DraftInputError.at(file, 1, "leere CSV-Datei (erwartet: Kopfzeile mit Spalte text)")
    counter = _LineCounter(chain([first], lines))
    reader = csv.reader(counter, delimiter=_delimiter(first[1]))
    try:
        columns = _columns(next(reader, []), file, 1)
        while True:
            start = counter.number + 1
            row = next(reader, None)
            if row is None:
                return
            if not row:
                continue
            if len(row) != len(columns):
                message = f"{len(row)} Felder, aber {len(columns)} Spalten"
                raise DraftInputError.at(file, start, message)
            data: dict[str, object] = {
                name: value
                for name, value in zip(columns, row, strict=True)
                if value.strip() or name == "text"
            }
            if "links" in data:
                data["links"] = str(data["links"]).split()

            def place(location: Location, start: int = start) -> tuple[int, int]:
                column = (
                    columns.index(location[0]) + 1 if location and location[0] in columns else 1
                )
                return start, column

            yield SourcedDraft(validate_draft(data, file, place, defaults), file, start)
    except csv.Error as error:
        raise DraftInputError.at(file, counter.number, f"CSV-Fehler: {error}") from None
