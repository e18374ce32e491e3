"""Writes a `Rulebook` back to a source folder in the format the loader reads."""

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from leitplanke.rulebook.loader import LAWS_FILE, META_FILE, RULES_DIR
from leitplanke.rulebook.model import Rulebook

_YAML = YAML(typ="safe", pure=False)
_YAML.default_flow_style = False
_YAML.allow_unicode = True


def _dump(data: Any, path: Path) -> None:
    with path.open("w", encoding="utf-8") as stream:
        _YAML.dump(data, stream)


def write_rulebook(rulebook: Rulebook, folder: Path) -> None:
    """Write metadata, laws and one rule file per aspect into `folder` (created if missing)."""
    (folder / RULES_DIR).mkdir(parents=True, exist_ok=True)
    _dump(rulebook.meta.model_dump(mode="json", exclude_defaults=True), folder / META_FILE)
    laws = [law.model_dump(mode="json", exclude_none=True) for law in rulebook.laws]
    _dump({"laws": laws}, folder / LAWS_FILE)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for rule in rulebook.rules:
        name = f"{rule.audience}-{rule.aspect}.yaml"
        by_file.setdefault(name, []).append(rule.model_dump(mode="json", exclude_defaults=True))
    for name, rules in by_file.items():
        _dump({"rules": rules}, folder / RULES_DIR / name)
