"""Writes a `Rulebook` back to a source folder in the format the loader reads."""

from itertools import groupby
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from leitplanke.rulebook.loader import LAWS_FILE, META_FILE, RULES_DIR
from leitplanke.rulebook.model import Rulebook
from leitplanke.rulebook.references import PLATFORMS_FILE, QUESTIONNAIRE_FILE

_YAML = YAML(typ="safe", pure=False)
_YAML.default_flow_style = False
_YAML.allow_unicode = True


def _dump(data: Any, path: Path) -> None:
    with path.open("w", encoding="utf-8") as stream:
        _YAML.dump(data, stream)


def write_rulebook(rulebook: Rulebook, folder: Path) -> None:
    """Write metadata, laws, rule files, questionnaire and catalogue into `folder`, in order."""
    (folder / RULES_DIR).mkdir(parents=True, exist_ok=True)
    _dump(rulebook.meta.model_dump(mode="json", exclude_defaults=True), folder / META_FILE)
    laws = [law.model_dump(mode="json", exclude_none=True) for law in rulebook.laws]
    _dump({"laws": laws}, folder / LAWS_FILE)
    runs = groupby(rulebook.rules, key=lambda rule: (rule.audience, rule.aspect))
    for number, ((audience, aspect), rules) in enumerate(runs, start=1):
        dumped = [rule.model_dump(mode="json", exclude_defaults=True) for rule in rules]
        name = f"{number:03d}-{audience}-{aspect.replace('_', '-')}.yaml"
        _dump({"rules": dumped}, folder / RULES_DIR / name)
    for supplement, name in (
        (rulebook.questionnaire, QUESTIONNAIRE_FILE),
        (rulebook.platforms, PLATFORMS_FILE),
    ):
        if supplement is not None:
            _dump(supplement.model_dump(mode="json", exclude_defaults=True), folder / name)
