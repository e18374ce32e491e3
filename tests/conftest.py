"""Shared fixtures: the bundled rulebook, writable copies, publications, databases, a browser."""

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from leitplanke.database.engine import create_database_engine
from leitplanke.database.migrate import upgrade
from leitplanke.publish.publication import Publication
from leitplanke.rulebook.loader import BUNDLED, load_rulebook
from leitplanke.rulebook.model import Rulebook
from leitplanke.rulebook.synthetic import grow_rulebook
from leitplanke.rulebook.versions import RulebookHistory, load_history

# Apps made without explicit settings keep their database in a folder of the test session,
# never in the working directory.
os.environ.setdefault("LEITPLANKE_DATA_DIR", tempfile.mkdtemp(prefix="leitplanke-tests-"))

# The live server (`live_server`) and the browser (`browser`, `browser_context`, `page`).
pytest_plugins = ["tests.live_server", "tests.browser"]

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


POSTGRES_URL = "LEITPLANKE_TEST_POSTGRES_URL"


@pytest.fixture(
    params=[
        pytest.param("sqlite"),
        pytest.param("postgresql", marks=pytest.mark.postgresql),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The SQLAlchemy URL of an empty database of the test's own; the test runs once per backend.

    - `[sqlite]`: `sqlite:///…` of a file in `tmp_path`.
    - `[postgresql]` (marked `postgresql`, so `-m postgresql` selects it): a database created
      for this test on the server that `LEITPLANKE_TEST_POSTGRES_URL` names
      (`postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB`, a role allowed to create databases)
      and dropped after it, with its connections. Without the variable it is skipped, in CI
      (`CI` set) it fails.

    The database has no tables: create them (metadata or migrations) in the test or a fixture
    of your own, and dispose of your engine before the test ends.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'leitplanke.sqlite3'}"
        return
    server_url = os.environ.get(POSTGRES_URL)
    if not server_url:
        message = f"{POSTGRES_URL} not set; PostgreSQL tests need a server (see .ci/run)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = make_url(server_url)
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"leitplanke_test_{uuid.uuid4().hex}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            drop = sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            connection.execute(drop)


@pytest.fixture
def migrated_database(database_url: str) -> Iterator[Engine]:
    """An engine on the test's own database (SQLite and PostgreSQL), migrated to the newest
    schema; disposed of after the test."""
    engine = create_database_engine(database_url)
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()
