"""Loads a rulebook folder into a checked `Rulebook`, reporting every error with its place."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from leitplanke.rulebook.catalogue import PlatformCatalogue
from leitplanke.rulebook.errors import RulebookError, SourceError
from leitplanke.rulebook.messages import german_message
from leitplanke.rulebook.model import LawsFile, Rule, Rulebook, RulebookMeta, RulesFile
from leitplanke.rulebook.questionnaire import Questionnaire
from leitplanke.rulebook.references import (
    PLATFORMS_FILE,
    QUESTIONNAIRE_FILE,
    Problem,
    catalogue_problems,
    questionnaire_problems,
)
from leitplanke.rulebook.vocabulary import Status
from leitplanke.rulebook.yaml_source import Location, PositionIndex, read_yaml

META_FILE = "rulebook.yaml"
LAWS_FILE = "laws.yaml"
RULES_DIR = "rules"
OPTIONAL_FILES = (QUESTIONNAIRE_FILE, PLATFORMS_FILE)  # absent from versions published before
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
    rule_status = (
        {rule.id: rule.status for rule, _, _ in placed_rules} if all_rules_loaded else None
    )
    questionnaire, platforms = _load_supplements(folder, rule_status, errors)
    if errors or meta is None or laws_file is None:
        raise RulebookError(errors)
    return Rulebook(
        meta=meta,
        laws=tuple(laws_file.laws),
        rules=tuple(rule for rule, _, _ in placed_rules),
        questionnaire=questionnaire,
        platforms=platforms,
    )


def _load_supplements(
    folder: Path, rule_status: dict[str, Status] | None, errors: list[SourceError]
) -> tuple[Questionnaire | None, PlatformCatalogue | None]:
    """The optional questionnaire and platform catalogue, cross-checked against the rules."""
    questionnaire_path = folder / QUESTIONNAIRE_FILE
    platforms_path = folder / PLATFORMS_FILE
    questionnaire = platforms = None
    if platforms_path.exists():
        platforms = _load_model(platforms_path, PlatformCatalogue, errors)
        if platforms is not None:
            problems = catalogue_problems(platforms, rule_status)
            errors += _problem_errors(platforms_path, platforms, problems)
    if questionnaire_path.exists():
        questionnaire = _load_model(questionnaire_path, Questionnaire, errors)
        if questionnaire is not None:
            platform_ids = (
                None if platforms is None else frozenset(p.id for p in platforms.platforms)
            )
            problems = questionnaire_problems(
                questionnaire,
                rule_status,
                platform_ids,
                check_platforms=platforms is not None or not platforms_path.exists(),
            )
            errors += _problem_errors(questionnaire_path, questionnaire, problems)
    return questionnaire, platforms


def _problem_errors(path: Path, model: BaseModel, problems: Iterator[Problem]) -> list[SourceError]:
    positions = PositionIndex(path)
    data = model.model_dump()
    return [
        SourceError(
            path,
            *positions.position(problem.location),
            _field_name(problem.location, data),
            problem.message,
        )
        for problem in problems
    ]


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
    """Dotted field name, with the ID of every list entry on the way that has one.

    For example `rules[0] (INST-KP-01).title` or `steps[2] (plattform).questions[0] (…).type`.
    """
    name = ""
    node = data
    for part in location:
        if isinstance(part, int):
            name += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                name += f" ({node['id']})"
        else:
            name += f".{part}" if name else str(part)
            node = node.get(part) if isinstance(node, dict) else None
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
