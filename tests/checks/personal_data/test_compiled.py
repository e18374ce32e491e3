"""The detector modules that the build compiles run compiled, from their current sources."""

import importlib
import tomllib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HOOK = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"][
    "build"
]["targets"]["wheel"]["hooks"]["mypyc"]
SOURCES = [ROOT / entry.lstrip("/") for entry in HOOK["include"]]
REINSTALL = "compile again: `make test` or `.venv/bin/pip install -e .`"


def module_of(source: Path) -> str:
    return ".".join(source.relative_to(ROOT / "src").with_suffix("").parts)


def test_every_compiled_module_is_a_detector_module_that_exists() -> None:
    package = ROOT / "src" / "leitplanke" / "checks" / "personal_data"
    assert SOURCES
    for source in SOURCES:
        assert source.is_file(), source
        assert source.parent == package, source


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.stem)
def test_module_runs_compiled_from_its_current_source(source: Path) -> None:
    module = importlib.import_module(module_of(source))
    assert Path(module.__file__ or "").suffix == ".so", (
        f"{module.__name__} runs as Python, not compiled; {REINSTALL}"
    )
    extension = source.with_name(source.stem + EXTENSION_SUFFIXES[0])
    assert extension.is_file(), f"{extension.name} is missing; {REINSTALL}"
    assert extension.stat().st_mtime >= source.stat().st_mtime, (
        f"{extension.name} is older than {source.name}; {REINSTALL}"
    )
