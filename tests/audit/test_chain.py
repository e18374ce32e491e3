"""The audit log chains its entries by hash, refuses changes, and `verify` finds tampering."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from leitplanke.audit.chain import GENESIS, SYSTEM, Actor, entry_hash, record, verify
from leitplanke.audit.tables import AuditEntry
from leitplanke.database.engine import session_factory


@pytest.fixture
def sessions(migrated_database):
    return session_factory(migrated_database)


def write_entries(sessions, count):
    with sessions() as session:
        for number in range(count):
            record(session, Actor(7, "ada"), "thing.update", "thing", number, {"n": [number, 1]})
        session.commit()


def drop_append_only_triggers(engine):
    """What someone with full database access could do before tampering."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            for table in ("audit_entries", "decision_records"):
                connection.execute(text(f"DROP TRIGGER {table}_append_only ON {table}"))
        else:
            connection.execute(text("DROP TRIGGER audit_entries_no_update"))
            connection.execute(text("DROP TRIGGER audit_entries_no_delete"))


def test_entries_are_numbered_and_each_holds_the_hash_of_the_one_before(sessions):
    write_entries(sessions, 3)
    with sessions() as session:
        entries = session.query(AuditEntry).order_by(AuditEntry.sequence).all()
        assert [entry.sequence for entry in entries] == [1, 2, 3]
        assert entries[0].previous_hash == GENESIS
        assert entries[1].previous_hash == entries[0].entry_hash
        assert all(entry_hash(entry) == entry.entry_hash for entry in entries)
        assert verify(session) == (3, [])


def test_an_empty_log_verifies(sessions):
    with sessions() as session:
        assert verify(session) == (0, [])


def test_an_entry_is_kept_only_if_the_change_it_records_is(sessions):
    with sessions() as session:
        record(session, SYSTEM, "thing.create", "thing", 1, {})
        session.rollback()
    with sessions() as session:
        assert verify(session) == (0, [])


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_entries SET actor_name = 'eve'", "DELETE FROM audit_entries"]
)
def test_the_database_refuses_to_change_or_delete_entries(sessions, migrated_database, statement):
    write_entries(sessions, 1)
    with pytest.raises(DBAPIError, match="append-only"), migrated_database.begin() as connection:
        connection.execute(text(statement))


@pytest.mark.parametrize(
    ("tampering", "sequence", "reason"),
    [
        ("UPDATE audit_entries SET actor_name = 'eve' WHERE sequence = 2", 2, "Hash"),
        ("UPDATE audit_entries SET data = '{\"n\": [1, 2]}' WHERE sequence = 2", 2, "Hash"),
        ("DELETE FROM audit_entries WHERE sequence = 2", 3, "erwartet war Eintrag 2"),
        ("DELETE FROM audit_entries WHERE sequence = 3", None, None),  # the newest: see below
    ],
)
def test_verify_names_the_first_entry_that_was_tampered_with(
    sessions, migrated_database, tampering, sequence, reason
):
    write_entries(sessions, 3)
    drop_append_only_triggers(migrated_database)
    with migrated_database.begin() as connection:
        connection.execute(text(tampering))
    with sessions() as session:
        count, problems = verify(session)
    if sequence is None:
        # Removing the newest entries leaves a shorter valid chain; the count shows it.
        assert (count, problems) == (2, [])
        return
    assert problems, "tampering went unnoticed"
    assert problems[0].sequence == sequence
    assert reason in problems[0].message


def test_rewriting_an_entry_with_a_fresh_hash_still_breaks_the_chain(sessions, migrated_database):
    write_entries(sessions, 3)
    drop_append_only_triggers(migrated_database)
    with sessions() as session:
        second = session.get(AuditEntry, 2)
        second.actor_name = "eve"
        second.entry_hash = entry_hash(second)
        session.commit()
    with sessions() as session:
        _, problems = verify(session)
    assert [problem.sequence for problem in problems] == [3]
