"""The decision process in the database: start, save step by step, sign; records stay as signed."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from leitplanke.accounts.roles import Role
from leitplanke.accounts.tables import User
from leitplanke.assessments.errors import AssessmentError, ErrorKind
from leitplanke.assessments.queries import (
    evaluate_stored,
    get_record,
    list_assessments,
    startable_presences,
)
from leitplanke.assessments.records import SignedRecord, export_record
from leitplanke.assessments.service import save_step, sign_assessment, start_assessment
from leitplanke.assessments.signing import SigningKey, verify_record
from leitplanke.assessments.tables import AssessmentStatus, DecisionRecord, PresenceAssessment
from leitplanke.audit.chain import SYSTEM, Actor, verify
from leitplanke.audit.tables import AuditEntry
from leitplanke.database.engine import create_database_engine, session_factory, transaction
from leitplanke.database.migrate import upgrade
from leitplanke.registry.schemas import StatusChange
from leitplanke.registry.scope import Scope
from leitplanke.registry.status import change_status
from leitplanke.registry.tables import Authority, Presence, PresenceStatus
from leitplanke.rulebook.model import Rulebook
from leitplanke.rulebook.questionnaire import Questionnaire
from leitplanke.rulebook.versions import RulebookHistory
from tests.assessments.approved import APPROVED_ANSWERS


@pytest.fixture
def database(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(database: Engine) -> sessionmaker[Session]:
    return session_factory(database)


@dataclass(frozen=True)
class World:
    """Two authorities; a planned and an approved presence of the first; an editor of each, a
    reviewer and a member of staff (accounts without passwords: nobody logs in here)."""

    own: int
    other: int
    planned: int
    approved: int
    editor: Actor
    reviewer: Actor
    staff: Actor

    def editor_scope(self) -> Scope:
        return Scope(Role.EDITOR, self.own)


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    with transaction(sessions) as session:
        own = Authority(slug="senatskanzlei", name="Senatskanzlei", short_name="SKzl")
        other = Authority(slug="ba-pankow", name="Bezirksamt Pankow")
        session.add_all([own, other])
        session.flush()
        planned = presence(own.id, "Senatskanzlei", "@skzl@berlin.social")
        approved = presence(own.id, "Alt", "@alt@berlin.social", PresenceStatus.APPROVED)
        users = [
            User(username="erika", display_name="Erika Redaktion", role=Role.EDITOR),
            User(username="rita", display_name="Rita Review", role=Role.REVIEWER),
            User(username="stefan", display_name="Stefan Staff", role=Role.STAFF),
        ]
        users[0].authority_id = own.id
        session.add_all([planned, approved, *users])
        session.flush()
        editor, reviewer, staff = (Actor(user.id, user.username) for user in users)
        return World(own.id, other.id, planned.id, approved.id, editor, reviewer, staff)


def presence(
    authority_id: int, name: str, handle: str, status: PresenceStatus = PresenceStatus.PLANNED
) -> Presence:
    return Presence(
        name=name,
        platform="mastodon",
        handle=handle,
        handle_key=handle.lower().lstrip("@"),
        url=f"https://berlin.social/{handle.split('@')[1]}",
        purpose="Informationen der Senatskanzlei.",
        authority_id=authority_id,
        status=status,
    )


@pytest.fixture(scope="module")
def history(bundled_history: RulebookHistory) -> RulebookHistory:
    return bundled_history


@pytest.fixture(scope="module")
def questionnaire(bundled_history: RulebookHistory) -> Questionnaire:
    found = bundled_history.current.questionnaire
    assert found is not None
    return found


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey(Ed25519PrivateKey.generate())


REVIEWER = Scope(Role.REVIEWER)


def started(sessions, world, history) -> int:
    with transaction(sessions) as session:
        return start_assessment(
            session, world.editor, world.editor_scope(), world.planned, history
        ).id


def answer_all(
    sessions, world, history, questionnaire, assessment_id, answers: dict[str, Any]
) -> int:
    """Saves `answers` step by step (every question of each step named); the last version."""
    version = 1
    for step in questionnaire.steps:
        raw = {question.id: answers.get(question.id) for question in step.questions}
        with transaction(sessions) as session:
            saved = save_step(
                session,
                world.editor,
                world.editor_scope(),
                assessment_id,
                step.id,
                raw,
                version,
                history,
            )
            version = saved.assessment.version
    return version


def refusal(call) -> AssessmentError:
    with pytest.raises(AssessmentError) as caught:
        call()
    return caught.value


def count(sessions, table) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def audit_actions(sessions) -> list[str]:
    with sessions() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.sequence)))


# --- start --------------------------------------------------------------------------------------


def test_an_editor_starts_an_assessment_of_a_planned_presence_of_the_own_authority(
    sessions, world, history
):
    assessment_id = started(sessions, world, history)
    with sessions() as session:
        row = session.get(PresenceAssessment, assessment_id)
        assert row is not None
        assert row.rulebook_version == history.current.meta.version
        assert row.status == AssessmentStatus.OPEN
        assert row.current_step == "zweck"
        assert row.answers == {}
        assert row.created_by_id == world.editor.id
    assert audit_actions(sessions) == ["assessment.start"]
    with sessions() as session:
        assert [p.id for p in startable_presences(session)] == []
        assert [a.id for a in list_assessments(session)] == [assessment_id]


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        (Scope(Role.EDITOR, None), "eigenen Behörde"),
        (Scope(Role.STAFF), "Rolle"),
        (Scope(Role.DATA_PROTECTION_OFFICER), "Rolle"),
        (Scope(Role.REVIEWER), "Rolle"),
        (Scope(None), "Rolle"),
    ],
)
def test_who_may_not_edit_cannot_start(sessions, world, history, scope, message):
    with transaction(sessions) as session:
        error = refusal(
            lambda: start_assessment(session, world.staff, scope, world.planned, history)
        )
    assert error.kind is ErrorKind.FORBIDDEN
    assert message in error.message
    assert count(sessions, PresenceAssessment) == 0


def test_an_editor_of_another_authority_cannot_start(sessions, world, history):
    with transaction(sessions) as session:
        error = refusal(
            lambda: start_assessment(
                session, world.editor, Scope(Role.EDITOR, world.other), world.planned, history
            )
        )
    assert error.kind is ErrorKind.FORBIDDEN
    assert count(sessions, PresenceAssessment) == 0


def test_only_planned_presences_without_a_running_assessment_start_one(sessions, world, history):
    scope = world.editor_scope()
    with transaction(sessions) as session:
        error = refusal(
            lambda: start_assessment(session, world.editor, scope, world.approved, history)
        )
    assert (error.kind, error.field) == (ErrorKind.CONFLICT, "presence_id")
    first = started(sessions, world, history)
    with transaction(sessions) as session:
        error = refusal(
            lambda: start_assessment(session, world.editor, scope, world.planned, history)
        )
    assert error.kind is ErrorKind.CONFLICT
    assert f"Nr. {first}" in error.message
    assert count(sessions, PresenceAssessment) == 1


def test_an_unknown_presence_is_not_found(sessions, world, history):
    with transaction(sessions) as session:
        error = refusal(
            lambda: start_assessment(session, world.editor, world.editor_scope(), 9999, history)
        )
    assert (error.kind, error.field) == (ErrorKind.NOT_FOUND, "presence_id")


def test_a_rulebook_without_questionnaire_starts_nothing(sessions, world, history):
    without = RulebookHistory((history.versions[0],))
    assert without.current.questionnaire is None
    with transaction(sessions) as session:
        error = refusal(
            lambda: start_assessment(
                session, world.editor, world.editor_scope(), world.planned, without
            )
        )
    assert error.kind is ErrorKind.CONFLICT
    assert "keinen Klärungsprozess" in error.message


# --- saving steps -------------------------------------------------------------------------------


def save(sessions, world, history, assessment_id, step_id, raw, version, scope=None):
    with transaction(sessions) as session:
        return save_step(
            session,
            world.editor,
            scope or world.editor_scope(),
            assessment_id,
            step_id,
            raw,
            version,
            history,
        )


def stored(sessions, assessment_id) -> PresenceAssessment:
    with sessions() as session:
        row = session.get(PresenceAssessment, assessment_id)
        assert row is not None
        return row


def test_saving_a_step_keeps_the_answers_of_the_others(sessions, world, history):
    assessment_id = started(sessions, world, history)
    first = save(sessions, world, history, assessment_id, "zweck", {"zweck-dauer": "dauerhaft"}, 1)
    assert first.next_step_id == "zielgruppe"
    second = save(
        sessions,
        world,
        history,
        assessment_id,
        "zielgruppe",
        {"zielgruppe-minderjaehrige": "nein"},
        2,
    )
    row = stored(sessions, assessment_id)
    assert row.answers == {"zweck-dauer": "dauerhaft", "zielgruppe-minderjaehrige": "nein"}
    assert row.version == 3 == second.assessment.version
    assert row.current_step == "plattform"
    with sessions() as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "assessment.save")
            .order_by(AuditEntry.sequence.desc())
        ).first()
        assert entry is not None
        assert entry.data == {
            "step": "zielgruppe",
            "answers": {"zielgruppe-minderjaehrige": [None, "nein"]},
            "version": [2, 3],
        }


def test_an_empty_answer_removes_the_stored_one(sessions, world, history):
    assessment_id = started(sessions, world, history)
    save(sessions, world, history, assessment_id, "zweck", {"zweck-art": ["information"]}, 1)
    save(sessions, world, history, assessment_id, "zweck", {"zweck-art": []}, 2)
    assert stored(sessions, assessment_id).answers == {}


def test_an_answer_that_shows_a_question_of_the_same_step_says_so(sessions, world, history):
    assessment_id = started(sessions, world, history)
    saved = save(
        sessions, world, history, assessment_id, "plattform", {"plattform-wahl": "mastodon"}, 1
    )
    assert saved.newly_shown == ("plattform-instanz",)
    assert stored(sessions, assessment_id).current_step == "plattform"


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        ({"zweck-aufgabe": "x" * 2001}, "zweck-aufgabe", "Text zu lang"),
        ({"zweck-aufgabe": 5}, "zweck-aufgabe", "Text erwartet"),
        ({"zweck-dauer": "ewig"}, "zweck-dauer", "unbekannte Option „ewig“"),
        ({"zweck-dauer": ["dauerhaft", "befristet"]}, "zweck-dauer", "eine Option erwartet"),
        ({"zweck-art": {"a": 1}}, "zweck-art", "Liste von Optionen"),
        ({"plattform-wahl": "mastodon"}, "plattform-wahl", "gehört nicht zum Schritt"),
        ({"gibt-es-nicht": "ja"}, "gibt-es-nicht", "gehört nicht zum Schritt"),
    ],
)
def test_an_unusable_answer_names_its_question_and_nothing_is_saved(
    sessions, world, history, raw, field, message
):
    assessment_id = started(sessions, world, history)
    good = {"zweck-dauer": "dauerhaft"} if field != "zweck-dauer" else {}
    error = refusal(lambda: save(sessions, world, history, assessment_id, "zweck", good | raw, 1))
    assert (error.kind, error.field) == (ErrorKind.INVALID, field)
    assert message in error.message
    assert [e.question_id for e in error.answer_errors] == [field]
    row = stored(sessions, assessment_id)
    assert (row.answers, row.version) == ({}, 1)
    assert audit_actions(sessions) == ["assessment.start"]


def test_a_stale_version_is_a_conflict(sessions, world, history):
    assessment_id = started(sessions, world, history)
    save(sessions, world, history, assessment_id, "zweck", {"zweck-dauer": "dauerhaft"}, 1)
    error = refusal(
        lambda: save(
            sessions, world, history, assessment_id, "zweck", {"zweck-dauer": "befristet"}, 1
        )
    )
    assert (error.kind, error.field) == (ErrorKind.CONFLICT, "version")
    assert stored(sessions, assessment_id).answers == {"zweck-dauer": "dauerhaft"}


def test_unknown_assessments_and_steps_are_not_found(sessions, world, history):
    assessment_id = started(sessions, world, history)
    error = refusal(lambda: save(sessions, world, history, 9999, "zweck", {}, 1))
    assert (error.kind, error.field) == (ErrorKind.NOT_FOUND, "id")
    error = refusal(lambda: save(sessions, world, history, 2**40, "zweck", {}, 1))
    assert (error.kind, error.field) == (ErrorKind.NOT_FOUND, "id")
    error = refusal(lambda: save(sessions, world, history, assessment_id, "gibt-es-nicht", {}, 1))
    assert (error.kind, error.field) == (ErrorKind.NOT_FOUND, "step")


def test_an_editor_of_another_authority_cannot_save(sessions, world, history):
    assessment_id = started(sessions, world, history)
    error = refusal(
        lambda: save(
            sessions,
            world,
            history,
            assessment_id,
            "zweck",
            {"zweck-dauer": "dauerhaft"},
            1,
            scope=Scope(Role.EDITOR, world.other),
        )
    )
    assert error.kind is ErrorKind.FORBIDDEN
    assert stored(sessions, assessment_id).version == 1


# --- signing ------------------------------------------------------------------------------------


def sign(sessions, world, history, key, assessment_id, actor=None, scope=REVIEWER, **options):
    with transaction(sessions) as session:
        return sign_assessment(
            session, actor or world.reviewer, scope, assessment_id, history, key, **options
        ).id


def test_an_incomplete_assessment_is_not_signed(sessions, world, history, key):
    assessment_id = started(sessions, world, history)
    save(sessions, world, history, assessment_id, "zweck", {"zweck-dauer": "dauerhaft"}, 1)
    error = refusal(lambda: sign(sessions, world, history, key, assessment_id))
    assert error.kind is ErrorKind.CONFLICT
    assert "nicht vollständig" in error.message
    assert count(sessions, DecisionRecord) == 0
    assert stored(sessions, assessment_id).status == AssessmentStatus.OPEN


def test_a_rejection_with_open_questions_is_not_signed_either(
    sessions, world, history, key, questionnaire
):
    assessment_id = started(sessions, world, history)
    answers = {**APPROVED_ANSWERS, "verantwortung-konto": "nein"}
    del answers["zweck-aufgabe"]
    answer_all(sessions, world, history, questionnaire, assessment_id, answers)
    evaluated = evaluate_stored(history, stored(sessions, assessment_id))
    assert evaluated.result.outcome == "rejected" and not evaluated.result.complete
    error = refusal(lambda: sign(sessions, world, history, key, assessment_id))
    assert "zweck-aufgabe" in error.message


def test_a_complete_assessment_is_signed_into_a_record_that_verifies(
    sessions, world, history, key, questionnaire
):
    assessment_id = started(sessions, world, history)
    version = answer_all(sessions, world, history, questionnaire, assessment_id, APPROVED_ANSWERS)
    record_id = sign(sessions, world, history, key, assessment_id, expected_version=version)
    with sessions() as session:
        row = get_record(session, record_id)
        record = SignedRecord.from_stored(row.content, row.content_hash, row.signature, row.key_id)
        assert row.outcome == "approved"
        assert row.rulebook_version == history.current.meta.version
        assert row.signed_by_id == world.reviewer.id
        assert row.signed_by_name == "Rita Review"
        assert row.key_id == key.key_id
        content = record.content
        assert content["presence"]["authority"]["name"] == "Senatskanzlei"
        assert content["presence"]["handle"] == "@skzl@berlin.social"
        assert content["rulebook"]["version"] == history.current.meta.version
        assert content["rulebook"]["uri"].endswith(f"/versions/{history.current.meta.version}")
        assert content["signer"]["name"] == "Rita Review"
        assert content["signed_at"] == row.signed_at.isoformat()
        answered = {a["question_id"]: a for step in content["steps"] for a in step["answers"]}
        assert answered["zweck-art"]["answer"] == ["information", "beteiligung"]
        assert answered["verantwortung-stunden"]["answer_label"] == "10 Stunden pro Woche"
        assert verify_record(export_record(record), key.public_key) == ()
        assessment = session.get(PresenceAssessment, assessment_id)
        assert assessment is not None and assessment.status == AssessmentStatus.SIGNED
        _, problems = verify(session)
        assert problems == []
    assert audit_actions(sessions)[-2:] == ["assessment.sign", "decision_record.create"]


def test_a_rejection_is_signed_as_the_record_of_the_refusal(
    sessions, world, history, key, questionnaire
):
    assessment_id = started(sessions, world, history)
    answers = {**APPROVED_ANSWERS, "werbung-monetarisierung": "ja"}
    answer_all(sessions, world, history, questionnaire, assessment_id, answers)
    record_id = sign(sessions, world, history, key, assessment_id)
    with sessions() as session:
        row = get_record(session, record_id)
        content = SignedRecord.from_stored(row.content, "", "", "").content
    assert row.outcome == "rejected"
    assert [(r["question_id"], r["kind"], r["rules"]) for r in content["reasons"]] == [
        ("werbung-monetarisierung", "blocker", ["INST-WB-02"])
    ]


def test_only_a_signing_role_signs_and_only_once(sessions, world, history, key, questionnaire):
    assessment_id = started(sessions, world, history)
    version = answer_all(sessions, world, history, questionnaire, assessment_id, APPROVED_ANSWERS)
    for scope in (world.editor_scope(), Scope(Role.STAFF), Scope(Role.DATA_PROTECTION_OFFICER)):
        with pytest.raises(AssessmentError) as caught:
            sign(sessions, world, history, key, assessment_id, scope=scope)
        assert caught.value.kind is ErrorKind.FORBIDDEN
    error = refusal(lambda: sign(sessions, world, history, key, assessment_id, actor=SYSTEM))
    assert error.kind is ErrorKind.FORBIDDEN
    error = refusal(
        lambda: sign(sessions, world, history, key, assessment_id, expected_version=version - 1)
    )
    assert (error.kind, error.field) == (ErrorKind.CONFLICT, "version")
    assert count(sessions, DecisionRecord) == 0
    sign(sessions, world, history, key, assessment_id, scope=Scope(Role.ADMINISTRATOR))
    error = refusal(lambda: sign(sessions, world, history, key, assessment_id))
    assert error.kind is ErrorKind.CONFLICT
    error = refusal(
        lambda: save(
            sessions,
            world,
            history,
            assessment_id,
            "zweck",
            {"zweck-dauer": "befristet"},
            version + 1,
        )
    )
    assert error.kind is ErrorKind.CONFLICT
    assert "gezeichnet" in error.message
    assert count(sessions, DecisionRecord) == 1


def test_the_database_refuses_to_change_or_delete_a_signed_record(
    sessions, world, history, key, questionnaire
):
    assessment_id = started(sessions, world, history)
    answer_all(sessions, world, history, questionnaire, assessment_id, APPROVED_ANSWERS)
    record_id = sign(sessions, world, history, key, assessment_id)
    for statement in (
        "UPDATE decision_records SET outcome = 'rejected' WHERE id = :id",
        "UPDATE decision_records SET content = '{}' WHERE id = :id",
        "DELETE FROM decision_records WHERE id = :id",
    ):
        with pytest.raises(DBAPIError), transaction(sessions) as session:
            session.execute(text(statement), {"id": record_id})
    with sessions() as session:
        assert get_record(session, record_id).outcome == "approved"


def test_a_signed_approval_lets_the_registry_approve_the_presence(
    sessions, world, history, key, questionnaire
):
    assessment_id = started(sessions, world, history)
    answer_all(sessions, world, history, questionnaire, assessment_id, APPROVED_ANSWERS)
    record_id = sign(sessions, world, history, key, assessment_id)
    with transaction(sessions) as session:
        approved = change_status(
            session,
            world.editor,
            world.editor_scope(),
            world.planned,
            StatusChange(status=PresenceStatus.APPROVED, version=1),
        )
        assert approved.status == PresenceStatus.APPROVED
    with sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "presence.status")
        ).one()
        assert entry.data["decision_record_id"] == [None, record_id]


# --- the rulebook version an assessment answers -------------------------------------------------


def relabelled(rulebook: Rulebook, version: str) -> Rulebook:
    return rulebook.model_copy(
        update={"meta": rulebook.meta.model_copy(update={"version": version})}
    )


def test_an_assessment_is_finished_and_signed_on_the_version_it_started_on(
    sessions, world, history, key, questionnaire
):
    current = history.current
    started_on = RulebookHistory((relabelled(current, "1.1.5"),))
    newer_questionnaire = questionnaire.model_copy(update={"steps": questionnaire.steps[:1]})
    newer = relabelled(current, "1.2.0").model_copy(update={"questionnaire": newer_questionnaire})
    later = RulebookHistory((relabelled(current, "1.1.5"), newer))
    assessment_id = started(sessions, world, started_on)
    answer_all(sessions, world, later, questionnaire, assessment_id, APPROVED_ANSWERS)
    evaluated = evaluate_stored(later, stored(sessions, assessment_id))
    assert evaluated.outdated
    assert evaluated.rulebook.meta.version == "1.1.5"
    assert evaluated.result.complete
    record_id = sign(sessions, world, later, key, assessment_id)
    with sessions() as session:
        row = get_record(session, record_id)
        content = SignedRecord.from_stored(row.content, "", "", "").content
    assert row.rulebook_version == content["rulebook"]["version"] == "1.1.5"
    assert content["rulebook"]["uri"] == "https://www.berlin.de/leitplanke/versions/1.1.5"
    assert len(content["steps"]) == len(questionnaire.steps)


def test_a_version_the_app_no_longer_has_is_a_conflict(sessions, world, history):
    assessment_id = started(sessions, world, history)
    without = RulebookHistory((relabelled(history.current, "2.0.0"),))
    error = refusal(lambda: save(sessions, world, without, assessment_id, "zweck", {}, 1))
    assert (error.kind, error.field) == (ErrorKind.CONFLICT, "rulebook_version")
    assert history.current.meta.version in error.message
