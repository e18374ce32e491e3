"""Migrations run up and down on SQLite and PostgreSQL, and agree with the tables in code."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from leitplanke.database.engine import create_database_engine
from leitplanke.database.migrate import current_revision, downgrade, upgrade
from leitplanke.database.tables import METADATA


def table_names(engine):
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_creates_every_table_and_downgrade_removes_them(database_url):
    engine = create_database_engine(database_url)
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        assert current_revision(engine) is not None
        assert table_names(engine) == set(METADATA.tables)
        downgrade(engine, "base")
        assert current_revision(engine) is None
        assert table_names(engine) == set()
        upgrade(engine)  # and up again: the downgrade left nothing behind that is in the way
        assert table_names(engine) == set(METADATA.tables)
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_tables_in_code(migrated_database):
    with migrated_database.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, METADATA)
    assert differences == []


def test_upgrading_an_up_to_date_database_changes_nothing(migrated_database):
    before = current_revision(migrated_database)
    upgrade(migrated_database)
    assert current_revision(migrated_database) == before
