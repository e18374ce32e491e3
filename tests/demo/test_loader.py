"""The demonstration set loads through the services: life cycles, signed records, audit log."""

import pytest
from sqlalchemy import select

from leitplanke.assessments.records import SignedRecord, export_record
from leitplanke.assessments.signing import load_signing_key, verify_record
from leitplanke.assessments.tables import AssessmentStatus, DecisionRecord, PresenceAssessment
from leitplanke.audit.chain import verify
from leitplanke.database.engine import session_factory, transaction
from leitplanke.demo.loader import DemoRefused, has_demo_data, load_demo
from leitplanke.registry import public_presences
from leitplanke.registry.tables import Authority, Presence
from leitplanke.rulebook.loader import BUNDLED
from leitplanke.rulebook.versions import load_history

HISTORY = load_history(BUNDLED)


@pytest.fixture
def loaded(migrated_database, tmp_path):
    sessions = session_factory(migrated_database)
    key = load_signing_key(tmp_path / "key.pem")
    with transaction(sessions) as session:
        result = load_demo(session, HISTORY, key, password="demo-passwort-2026")
    return sessions, key, result


def test_the_demo_loads_presences_in_several_states_and_accounts_of_every_role(loaded):
    sessions, _, result = loaded
    assert result.presences == 4
    assert set(result.passwords.values()) == {"demo-passwort-2026"}
    with sessions() as session:
        statuses = sorted(str(p.status) for p in session.scalars(select(Presence)))
        assert statuses == ["active", "active", "planned", "planned"]
        names = session.scalars(select(Authority.name)).all()
        assert len(names) >= 3
        assert all("(Demo)" in name for name in names)
        assert has_demo_data(session)


def test_the_demo_has_a_signed_and_an_open_assessment(loaded):
    sessions, key, _ = loaded
    with sessions() as session:
        states = {a.status for a in session.scalars(select(PresenceAssessment))}
        assert states == {AssessmentStatus.SIGNED, AssessmentStatus.OPEN}
        records = session.scalars(select(DecisionRecord)).all()
        assert {record.outcome for record in records} <= {"approved", "approved_with_conditions"}
        for record in records:
            stored = SignedRecord.from_stored(
                record.content, record.content_hash, record.signature, record.key_id
            )
            document = export_record(stored)
            assert verify_record(document, key.public_key) == ()


def test_the_demo_audit_log_is_intact_and_the_public_list_shows_the_active_ones(loaded):
    sessions, _, _ = loaded
    with sessions() as session:
        count, problems = verify(session)
        assert problems == []
        assert count > 20
        listed = public_presences(session)
    assert sorted(p.platform for p in listed) == ["instagram", "mastodon"]


def test_the_demo_goes_only_into_an_empty_registry(loaded):
    sessions, key, _ = loaded
    with pytest.raises(DemoRefused), transaction(sessions) as session:
        load_demo(session, HISTORY, key)


def test_an_empty_database_has_no_demo_data(migrated_database):
    with session_factory(migrated_database)() as session:
        assert not has_demo_data(session)
        assert session.scalars(select(Presence)).first() is None
