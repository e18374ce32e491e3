"""Alembic environment: migrates the engine handed over by `leitplanke.database.migrate`."""

from alembic import context

from leitplanke.database.tables import METADATA

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=METADATA,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite rebuilds altered tables
        compare_type=True,
    )
    context.run_migrations()
