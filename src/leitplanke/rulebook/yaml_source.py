"""Reading YAML source files: fast parsing, and positions of fields for error messages."""

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from leitplanke.rulebook.errors import RulebookError, SourceError

Location = tuple[int | str, ...]

_FAST = YAML(typ="safe", pure=False)
_ROUND_TRIP = YAML(typ="rt")


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; a syntax error becomes a RulebookError with its position."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulebookError([SourceError(path, 1, 1, "", f"Datei nicht lesbar: {error}")]) from None
    try:
        return _FAST.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "ungültiges YAML"
        raise RulebookError(
            [SourceError(path, line, column, "", f"YAML-Fehler: {problem}")]
        ) from None
    except YAMLError as error:
        raise RulebookError([SourceError(path, 1, 1, "", f"YAML-Fehler: {error}")]) from None


class PositionIndex:
    """Finds the line and column of a field in a file, parsing it again only when asked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tree: Any = None

    def position(self, location: Location) -> tuple[int, int]:
        """1-based line and column of the deepest part of `location` present in the file."""
        if self._tree is None:
            try:
                self._tree = _ROUND_TRIP.load(self.path.read_text(encoding="utf-8"))
            except YAMLError:  # the C parser is more lenient than the pure one
                self._tree = {}
        node = self._tree
        line, column = 0, 0
        for depth, key in enumerate(location):
            last = depth == len(location) - 1
            if isinstance(node, CommentedMap) and key in node:
                line, column = node.lc.value(key) if last else node.lc.key(key)
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                line, column = node.lc.item(key)
                node = node[key]
            else:
                break
        return line + 1, column + 1
