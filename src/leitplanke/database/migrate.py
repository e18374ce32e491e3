"""Schema migrations with Alembic, run from code: upgrade, downgrade, current revision."""

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

MIGRATIONS = str(files("leitplanke.database").joinpath("migrations"))
HEAD = "head"


def alembic_config(engine: Engine) -> Config:
    """Alembic's configuration for the migrations shipped with the package, on `engine`."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = HEAD) -> None:
    """Brings the schema up to `revision` (the newest by default)."""
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Takes the schema back to `revision` ("base": no tables at all)."""
    command.downgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
