"""Shared fixtures: the bundled rulebook, writable copies, publications, a large rulebook."""

import os
import shutil
from pathlib import Path

import pytest

from leitplanke.publish.publication import Publication
from leitplanke.rulebook.loader import BUNDLED, load_rulebook
from leitplanke.rulebook.model import Rulebook
from leitplanke.rulebook.synthetic import grow_rulebook
from leitplanke.rulebook.versions import RulebookHistory, load_history

BASE_URL = "https://www.berlin.de/leitplanke/"
# The official schemas lie in shared/schemas beside the checkout (as in CI), or where
# LEITPLANKE_SCHEMAS points.
SCHEMAS = Path(
    os.environ.get("LEITPLANKE_SCHEMAS", Path(__file__).resolve().parents[2] / "shared" / "schemas")
)


@pytest.fixture(scope="session")
def bundled_history() -> RulebookHistory:
    """The bundled rulebook with all its published versions."""
    return load_history(BUNDLED)


@pytest.fixture(scope="session")
def bundled_rulebook() -> Rulebook:
    """The current version of the bundled rulebook."""
    return load_rulebook(BUNDLED)


@pytest.fixture
def rulebook_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled rulebook folder."""
    target = tmp_path / "berlin"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture(scope="session")
def publication(bundled_history: RulebookHistory) -> Publication:
    """The bundled rulebook about to be published under the default base URL."""
    return Publication(bundled_history, BASE_URL)


@pytest.fixture(scope="session")
def large_publication(bundled_history: RulebookHistory) -> Publication:
    """A publication of a generated 1,000-rule rulebook (one version)."""
    large = grow_rulebook(bundled_history.current, 1000)
    return Publication(RulebookHistory((large,)), BASE_URL)


MINI = Path(__file__).parent / "data" / "rulebooks" / "mini"


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the two-rule test rulebook, without its published versions."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target, ignore=shutil.ignore_patterns("versions"))
    return target


@pytest.fixture(scope="session")
def official_schemas() -> Path:
    """The folder of official schemas; in CI their absence fails, elsewhere it skips."""
    if SCHEMAS.is_dir():
        return SCHEMAS
    message = f"official schemas not found at {SCHEMAS}; set LEITPLANKE_SCHEMAS"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
