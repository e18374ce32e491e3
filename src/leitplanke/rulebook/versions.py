"""The version history of a rulebook: published snapshots in `versions/` plus the current source."""

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from leitplanke.rulebook.errors import RulebookError, SourceError
from leitplanke.rulebook.loader import (
    BUNDLED,
    LAWS_FILE,
    META_FILE,
    OPTIONAL_FILES,
    RULES_DIR,
    load_rulebook,
)
from leitplanke.rulebook.model import Rulebook
from leitplanke.rulebook.vocabulary import Status

VERSIONS_DIR = "versions"


def version_key(version: str) -> tuple[int, ...]:
    """Sort key of a semantic version string such as '1.10.0'."""
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class RulebookHistory:
    """All published versions of one rulebook, oldest first; the last one is the current."""

    versions: tuple[Rulebook, ...]

    @property
    def current(self) -> Rulebook:
        """The newest version."""
        return self.versions[-1]

    def version(self, label: str) -> Rulebook:
        """The version with this label; KeyError if there is none."""
        for rulebook in self.versions:
            if rulebook.meta.version == label:
                return rulebook
        raise KeyError(label)


def load_history(folder: Path = BUNDLED) -> RulebookHistory:
    """Load the current rulebook and its snapshots; check order and that no rule ID is reused."""
    folder = Path(folder)
    errors: list[SourceError] = []
    loaded: list[tuple[Path, Rulebook]] = []
    for snapshot_dir in sorted(p for p in (folder / VERSIONS_DIR).glob("*") if p.is_dir()):
        try:
            snapshot = load_rulebook(snapshot_dir)
        except RulebookError as error:
            errors += error.errors
            continue
        if snapshot.meta.version != snapshot_dir.name:
            message = f"Version passt nicht zum Ordnernamen {snapshot_dir.name}"
            errors.append(SourceError(snapshot_dir / META_FILE, 1, 1, "version", message))
        loaded.append((snapshot_dir, snapshot))
    try:
        current = load_rulebook(folder)
    except RulebookError as error:
        raise RulebookError(errors + list(error.errors)) from None
    if errors:
        raise RulebookError(errors)
    loaded.sort(key=lambda pair: version_key(pair[1].meta.version))
    if loaded and loaded[-1][1].meta.version == current.meta.version:
        loaded[-1] = (folder, current)
    elif loaded and version_key(current.meta.version) < version_key(loaded[-1][1].meta.version):
        message = f"älter als die veröffentlichte Version {loaded[-1][1].meta.version}"
        raise RulebookError([SourceError(folder / META_FILE, 1, 1, "version", message)])
    else:
        loaded.append((folder, current))
    reuse = reused_ids(loaded)
    if reuse:
        raise RulebookError(reuse)
    return RulebookHistory(tuple(rulebook for _, rulebook in loaded))


def reused_ids(loaded: list[tuple[Path, Rulebook]]) -> list[SourceError]:
    """IDs that come back after repeal or removal, or that change audience: both are reuse."""
    errors: list[SourceError] = []
    audience_of: dict[str, str] = {}
    retired_in: dict[str, str] = {}
    for folder, rulebook in loaded:
        version = rulebook.meta.version
        present = {rule.id for rule in rulebook.rules}
        for rule in rulebook.rules:
            problem = None
            if rule.id in retired_in and rule.status != Status.REPEALED:
                problem = f"seit Version {retired_in[rule.id]} aufgehoben oder entfernt"
            elif rule.id in audience_of and audience_of[rule.id] != rule.audience:
                problem = f"früher für Zielgruppe {audience_of[rule.id]}"
            if problem:
                path, line = _rule_position(folder, rule.id)
                message = f"Regel-ID {rule.id} in Version {version} neu vergeben ({problem})"
                errors.append(SourceError(path, line, 1, "id", message))
            audience_of[rule.id] = rule.audience
            if rule.status == Status.REPEALED:
                retired_in.setdefault(rule.id, version)
            else:
                retired_in.pop(rule.id, None)
        for rule_id in audience_of.keys() - present:
            retired_in.setdefault(rule_id, version)
    return errors


def _rule_position(folder: Path, rule_id: str) -> tuple[Path, int]:
    """File and line where a rule's ID is written, found by reading the rule files as text."""
    needle = re.compile(rf"^\s*-?\s*id:\s*['\"]?{re.escape(rule_id)}['\"]?\s*$")
    for path in sorted((folder / RULES_DIR).glob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if needle.match(line):
                return path, number
    return folder / META_FILE, 1


def freeze_current(folder: Path) -> Path:
    """Copy the current source to `versions/<version>/`; FileExistsError if that version exists."""
    version = load_rulebook(folder).meta.version
    target = folder / VERSIONS_DIR / version
    target.mkdir(parents=True)
    shutil.copy2(folder / META_FILE, target / META_FILE)
    shutil.copy2(folder / LAWS_FILE, target / LAWS_FILE)
    shutil.copytree(folder / RULES_DIR, target / RULES_DIR)
    for name in OPTIONAL_FILES:
        if (folder / name).is_file():
            shutil.copy2(folder / name, target / name)
    return target
