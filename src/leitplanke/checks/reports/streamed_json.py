"""A JSON document whose one big array is written item by item, as `json.dumps(indent=2)` would.

Reports of many drafts keep memory constant: the document is laid out once with a marker where
the array goes; the text before the marker is written first, then each item, then the rest,
which is laid out again at the end (it may hold values known only then, such as a summary).
"""

import json
from collections.abc import Callable
from typing import Any, TextIO

MARKER = "@@leitplanke:streamed-array@@"


def dumps(value: Any) -> str:
    """The project's JSON layout for reports: two-space indent, UTF-8 characters as they are."""
    return json.dumps(value, ensure_ascii=False, indent=2)


class StreamedArray:
    """Writes `layout(MARKER)` with the marker replaced by an array streamed through `add`.

    `layout` builds the whole document around the marker; it is called at `begin` and again at
    `end`, where values outside the array may have changed.
    """

    def __init__(self, out: TextIO, layout: Callable[[], Any]) -> None:
        self.out = out
        self.layout = layout
        self.indent = ""
        self.count = 0

    def _split(self) -> tuple[str, str]:
        text = dumps(self.layout())
        before, marker, after = text.partition(json.dumps(MARKER))
        if not marker:
            raise ValueError("the layout has no place for the streamed array")
        self.indent = before[before.rfind("\n") + 1 :]
        self.indent = self.indent[: len(self.indent) - len(self.indent.lstrip(" "))]
        return before, after

    def begin(self) -> None:
        """Write the document up to the array's opening bracket."""
        before, _ = self._split()
        self.out.write(before + "[")

    def add(self, item: Any) -> None:
        """Write one item of the array."""
        inner = self.indent + "  "
        text = dumps(item).replace("\n", "\n" + inner)
        self.out.write(("," if self.count else "") + "\n" + inner + text)
        self.count += 1

    def end(self) -> None:
        """Close the array and write the rest of the document, laid out anew."""
        _, after = self._split()
        self.out.write(("\n" + self.indent if self.count else "") + "]" + after + "\n")
