"""Loads a rulebook folder into a checked `Rulebook`, reporting every error with its place."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from leitplanke.rulebook.errors import RulebookError, SourceError
from leitplanke.rulebook.messages import field_name, german_message
from leitplanke.rulebook.model import LawsFile, Rule, Rulebook, RulebookMeta, RulesFile
from leitplanke.rulebook.yaml_source import Location, PositionIndex, read_yaml

META_FILE = "rulebook.yaml"
LAWS_FILE = "laws.yaml"
RULES_DIR = "rules"
BUNDLED = Path(__file__).resolve().parent.parent / "rulebooks" / "berlin"

M = TypeVar("M", bound=BaseModel)


def load_rulebook(folder: Path = BUNDLED) -> Rulebook:
    """Load and cross-check the rulebook in `folder`; raise RulebookError with all errors."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RulebookError([SourceError(folder, 1, 1, "", "Regelwerksordner nicht gefunden")])
    errors: list[SourceError] = []
    meta = _load_model(folder / META_FILE, RulebookMeta, errors)
    laws_file = _load_model(folder / LAWS_FILE, LawsFile, errors)
    rule_files = sorted((folder / RULES_DIR).glob("*.yaml"))
    if not rule_files:
        errors.append(SourceError(folder / RULES_DIR, 1, 1, "", "keine Regeldateien (*.yaml)"))
    placed_rules: list[tuple[Rule, Path, int]] = []
    all_rules_loaded = True
    for path in rule_files:
        rules_file = _load_model(path, RulesFile, errors)
        if rules_file is None:
            all_rules_loaded = False
        else:
            placed_rules += [(rule, path, i) for i, rule in enumerate(rules_file.rules)]
    if laws_file is not None:
        # references into a file that failed to load would only repeat that file's errors
        errors += _cross_check(placed_rules, laws_file, folder / LAWS_FILE, all_rules_loaded)
    if errors or meta is None or laws_file is None:
        raise RulebookError(errors)
    return Rulebook(
        meta=meta,
        laws=tuple(laws_file.laws),
        rules=tuple(rule for rule, _, _ in placed_rules),
    )


def _load_model(path: Path, model: type[M], errors: list[SourceError]) -> M | None:
    if not path.is_file():
        errors.append(SourceError(path, 1, 1, "", "Datei fehlt"))
        return None
    try:
        data = read_yaml(path)
    except RulebookError as error:
        errors += error.errors
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        positions = PositionIndex(path)
        errors += (_source_error(path, positions, data, detail) for detail in error.errors())
        return None


def _source_error(
    path: Path, positions: PositionIndex, data: Any, detail: ErrorDetails
) -> SourceError:
    location: Location = tuple(detail["loc"])
    line, column = positions.position(location)
    return SourceError(path, line, column, _field_name(location, data), german_message(detail))


def _field_name(location: Location, data: Any) -> str:
    """Dotted field name; a rule's ID is added where the location lies inside a rule."""
    name = field_name(location)
    if len(location) < 2 or location[0] != "rules" or not isinstance(location[1], int):
        return name
    rules = data.get("rules") if isinstance(data, dict) else None
    index = location[1]
    rule = rules[index] if isinstance(rules, list) and index < len(rules) else None
    if isinstance(rule, dict) and isinstance(rule.get("id"), str):
        prefix = f"rules[{index}]"
        name = f"{prefix} ({rule['id']}){name[len(prefix) :]}"
    return name


def _cross_check(
    placed_rules: list[tuple[Rule, Path, int]],
    laws_file: LawsFile,
    laws_path: Path,
    check_references: bool,
) -> Iterator[SourceError]:
    """Errors no single file shows: duplicate IDs, unknown laws, unknown cross-references."""
    positions: dict[Path, PositionIndex] = {}

    def error(path: Path, location: Location, field: str, message: str) -> SourceError:
        line, column = positions.setdefault(path, PositionIndex(path)).position(location)
        return SourceError(path, line, column, field, message)

    law_ids: set[str] = set()
    for i, law in enumerate(laws_file.laws):
        if law.id in law_ids:
            yield error(laws_path, ("laws", i, "id"), f"laws[{i}].id", f"Gesetz {law.id} doppelt")
        law_ids.add(law.id)

    first_place: dict[str, tuple[Path, int]] = {}
    for rule, path, i in placed_rules:
        if rule.id in first_place:
            other, j = first_place[rule.id]
            where = other.name if other != path else "dieser Datei"
            yield error(
                path,
                ("rules", i, "id"),
                f"rules[{i}].id",
                f"Regel-ID {rule.id} doppelt (schon in {where}, rules[{j}])",
            )
        else:
            first_place[rule.id] = (path, i)

    for rule, path, i in placed_rules:
        for k, basis in enumerate(rule.legal_bases):
            if basis.law not in law_ids:
                yield error(
                    path,
                    ("rules", i, "legal_bases", k, "law"),
                    f"rules[{i}] ({rule.id}).legal_bases[{k}].law",
                    f"Gesetz {basis.law!r} ist in {LAWS_FILE} nicht erklärt",
                )
        for k, target in enumerate(rule.see_also if check_references else ()):
            if target not in first_place or target == rule.id:
                yield error(
                    path,
                    ("rules", i, "see_also", k),
                    f"rules[{i}] ({rule.id}).see_also[{k}]",
                    f"Verweis auf unbekannte Regel {target}",
                )
