"""The decision process in the web app: who may read, answer and sign; forms that name their
errors; signed records that stay as they are and verify with the public key.

The app serves the bundled rulebook (its questionnaire); its site is rendered once per test
session. Accounts are made without passwords and signed in by a session of their own, as the
login form would make it: Argon2 is slow, and the login has its own tests.
"""

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from leitplanke.accounts.roles import Role
from leitplanke.accounts.sessions import start_session
from leitplanke.accounts.tables import User
from leitplanke.assessments.service import sign_assessment
from leitplanke.assessments.signing import SigningKey, load_public_key, verify_record
from leitplanke.assessments.tables import DecisionRecord, PresenceAssessment
from leitplanke.audit.chain import Actor
from leitplanke.database.engine import transaction
from leitplanke.registry.scope import Scope
from leitplanke.registry.tables import Authority
from leitplanke.rulebook.loader import BUNDLED
from leitplanke.rulebook.versions import freeze_current
from leitplanke.settings import Settings
from leitplanke.web import create_app
from leitplanke.web.authentication import SESSION_COOKIE
from leitplanke.web.published_site import PublishedSite
from tests.assessments.approved import APPROVED_ANSWERS
from tests.html_pages import page_problems
from tests.web.assessment_data import add_presence, answered
from tests.web.conftest import BASE_URL, BROWSER, MINI

JSON = {"Accept": "application/json"}


@pytest.fixture(scope="session")
def rendered_sites() -> dict[tuple[str, str, tuple[Any, ...]], PublishedSite]:
    """Sites rendered in this session, by rulebook folder, base URL and app links."""
    return {}


@pytest.fixture
def database_app(database_url, tmp_path, monkeypatch, rendered_sites) -> Iterator[FastAPI]:
    """The app on the bundled rulebook with a database of the test's own (SQLite, PostgreSQL);
    a rulebook folder is rendered once per session."""
    load = PublishedSite.load.__func__  # type: ignore[attr-defined]

    def rendered(cls, rulebook_dir, base_url, app_links=()):
        key = (str(rulebook_dir), base_url, tuple(app_links))
        if key not in rendered_sites:
            rendered_sites[key] = load(cls, rulebook_dir, base_url, app_links)
        return rendered_sites[key]

    monkeypatch.setattr(PublishedSite, "load", classmethod(rendered))
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    application = create_app(BUNDLED, BASE_URL, settings)
    yield application
    application.state.database.dispose()


@dataclass
class Visitor:
    """A test client signed in (or not) and the CSRF token of its session."""

    client: TestClient
    token: str = ""
    user_id: int | None = None

    def get(self, path: str, **options: Any):
        options.setdefault("headers", BROWSER)
        return self.client.get(path, follow_redirects=False, **options)

    def post(self, path: str, data: dict[str, Any] | None = None, *, token: bool = True, **options):
        options.setdefault("headers", BROWSER)
        form = {**(data or {}), **({"csrf_token": self.token} if token and self.token else {})}
        return self.client.post(path, data=form, follow_redirects=False, **options)


def visitor(app: FastAPI, role: Role | None, authority_id: int | None = None) -> Visitor:
    """A client signed in with a new account of `role` (None: the anonymous public)."""
    client = TestClient(app)
    if role is None:
        return Visitor(client)
    with transaction(app.state.sessions) as session:
        number = session.scalar(select(func.count()).select_from(User)) or 0
        user = User(
            username=f"{role.value}-{number}",
            display_name=f"{role.value.replace('_', ' ').title()} {number}",
            role=role,
            authority_id=authority_id,
        )
        session.add(user)
        session.flush()
        cookie, row = start_session(session, user, 1)
        token, user_id = row.csrf_token, user.id
    client.cookies.set(SESSION_COOKIE, cookie)
    return Visitor(client, token, user_id)


@dataclass(frozen=True)
class World:
    """Two authorities and three planned presences of the first: one with a signed record, one
    whose assessment is answered completely but not signed, one without assessment."""

    own: int
    other: int
    fresh: int  # planned, no assessment
    signed: int  # assessment ID, signed
    record: int  # its decision record
    complete: int  # assessment ID, complete, open
    complete_version: int
    key_id: str


@pytest.fixture
def world(database_app) -> World:
    app = database_app
    with transaction(app.state.sessions) as session:
        own = Authority(slug="testbehoerde", name="Senatsverwaltung für Tests")
        other = Authority(slug="andere", name="Bezirksamt Anderswo")
        session.add_all([own, other])
        session.flush()
        own_id, other_id = own.id, other.id
        fresh = add_presence(session, own_id, "Neu")
        to_sign = add_presence(session, own_id, "Gezeichnet")
        complete = add_presence(session, own_id, "Fertig")
        reviewer = User(username="freigabe", display_name="Rita Review", role=Role.REVIEWER)
        session.add(reviewer)
        session.flush()
        reviewer_actor = Actor(reviewer.id, reviewer.username)
    signed_id, _ = answered(app, to_sign, APPROVED_ANSWERS)
    complete_id, complete_version = answered(app, complete, APPROVED_ANSWERS)
    key = SigningKey(Ed25519PrivateKey.generate())
    with transaction(app.state.sessions) as session:
        record = sign_assessment(
            session,
            reviewer_actor,
            Scope(Role.REVIEWER),
            signed_id,
            app.state.site.publication.history,
            key,
        )
        record_id = record.id
    return World(
        own_id, other_id, fresh, signed_id, record_id, complete_id, complete_version, key.key_id
    )


def read_paths(world: World) -> list[str]:
    return [
        "/intern/klaerungen",
        f"/intern/klaerungen/{world.complete}",
        f"/intern/klaerungen/{world.complete}/schritte/zweck",
        f"/intern/klaerungen/{world.complete}/ergebnis",
        f"/intern/klaerungen/{world.signed}/schritte/plattform",
        f"/intern/entscheidungen/{world.record}",
        f"/intern/entscheidungen/{world.record}.json",
        f"/intern/entscheidungen/{world.record}.pdf",
    ]


def stored(app: FastAPI, assessment_id: int) -> PresenceAssessment:
    with app.state.sessions() as session:
        row = session.get(PresenceAssessment, assessment_id)
        assert row is not None
        return row


def count(app: FastAPI, table) -> int:
    with app.state.sessions() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def version_of(page: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', page)
    assert found, "form without version"
    return found.group(1)


# --- who may read ------------------------------------------------------------------------------


def test_every_signed_in_role_reads_every_page_of_the_process(database_app, world):
    for role in Role:
        reader = visitor(database_app, role, world.own if role is Role.EDITOR else None)
        for path in read_paths(world):
            response = reader.get(path)
            assert response.status_code == 200, (role, path, response.text[:500])
            assert response.headers["cache-control"] == "no-store", path
            if path.endswith(".json"):
                assert response.headers["content-type"] == "application/json"
            elif path.endswith(".pdf"):
                assert response.content.startswith(b"%PDF-")
            else:
                assert page_problems(response.text) == [], (role, path)


def test_the_public_is_sent_to_the_login_or_told_to_sign_in(database_app, world):
    anonymous = visitor(database_app, None)
    for path in read_paths(world):
        response = anonymous.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/anmelden?weiter=")
        assert anonymous.get(path, headers=JSON).status_code == 401, path


def test_the_internal_start_page_leads_every_role_to_the_process(database_app, world):
    page = visitor(database_app, Role.STAFF).get("/intern").text
    assert 'href="intern/klaerungen">Klärungsprozess</a>' in page


def test_the_public_key_is_public_and_verifies_the_records(database_app, world):
    anonymous = visitor(database_app, None)
    response = anonymous.get("/signaturschluessel.pem")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-pem-file"
    assert response.content.startswith(b"-----BEGIN PUBLIC KEY-----")
    assert anonymous.get("/signaturschluessel.pem").content == response.content
    assert (
        response.headers["x-key-id"]
        == visitor(database_app, Role.STAFF).get("/signaturschluessel.pem").headers["x-key-id"]
    )


# --- who may write -----------------------------------------------------------------------------


def write_requests(world: World, version: int) -> list[tuple[str, dict[str, Any]]]:
    step = {"version": version, "zweck-dauer": "befristet", "aktion": "weiter"}
    return [
        (f"/intern/praesenzen/{world.fresh}/klaerung", {}),
        (f"/intern/klaerungen/{world.complete}/schritte/zweck", step),
        (
            f"/intern/klaerungen/{world.complete}/freigabe",
            {"version": version, "bestaetigung": "ja"},
        ),
    ]


@pytest.mark.parametrize(
    ("role", "may_sign"),
    [
        (Role.STAFF, False),
        (Role.DATA_PROTECTION_OFFICER, False),
        (Role.REVIEWER, True),
        (Role.EDITOR, False),  # of the other authority: the presences are not theirs
    ],
)
def test_roles_that_may_not_write_are_refused(database_app, world, role, may_sign):
    writer = visitor(database_app, role, world.other if role is Role.EDITOR else None)
    for path, data in write_requests(world, world.complete_version):
        if may_sign and path.endswith("/freigabe"):
            continue  # signing is tested below
        response = writer.post(path, data)
        assert response.status_code == 403, (role, path, response.text[:300])
    assert count(database_app, PresenceAssessment) == 2
    assert count(database_app, DecisionRecord) == 1
    assert stored(database_app, world.complete).version == world.complete_version


def test_an_editor_of_another_authority_is_refused_with_a_reason(database_app, world):
    editor = visitor(database_app, Role.EDITOR, world.other)
    for path, data in write_requests(world, world.complete_version)[:2]:
        response = editor.post(path, data)
        assert response.status_code == 403, path
        assert "eigenen Behörde" in response.text
    assert count(database_app, PresenceAssessment) == 2
    assert stored(database_app, world.complete).version == world.complete_version


def test_the_public_cannot_write(database_app, world):
    anonymous = visitor(database_app, None)
    for path, data in write_requests(world, world.complete_version):
        assert anonymous.post(path, data).status_code == 401, path
    assert count(database_app, PresenceAssessment) == 2
    assert count(database_app, DecisionRecord) == 1


def test_every_write_needs_the_session_token(database_app, world):
    editor = visitor(database_app, Role.EDITOR, world.own)
    reviewer = visitor(database_app, Role.REVIEWER)
    start, step, sign = write_requests(world, world.complete_version)
    for writer, (path, data) in ((editor, start), (editor, step), (reviewer, sign)):
        response = writer.post(path, data, token=False)
        assert response.status_code == 403, path
        assert "Sicherheitstoken" in response.text
    assert count(database_app, PresenceAssessment) == 2
    assert count(database_app, DecisionRecord) == 1
    assert stored(database_app, world.complete).version == world.complete_version


# --- answering step by step ---------------------------------------------------------------------


def test_an_editor_starts_answers_saves_for_later_and_sees_conditional_questions(
    database_app, world
):
    editor = visitor(database_app, Role.EDITOR, world.own)
    listed = editor.get("/intern/klaerungen").text
    assert f'action="../intern/praesenzen/{world.fresh}/klaerung"' in listed
    response = editor.post(f"/intern/praesenzen/{world.fresh}/klaerung")
    assert response.status_code == 303
    first_step = response.headers["location"]
    assessment_id = int(first_step.split("/")[3])
    assert first_step == f"/intern/klaerungen/{assessment_id}/schritte/zweck"
    page = editor.get(first_step).text
    assert page_problems(page) == []
    assert "<legend>Wofür soll der Auftritt genutzt werden?" in page
    assert '<label for="feld-zweck-aufgabe">' in page
    assert 'href="../../../../rules/INST-KP-01.html"' in page
    zweck = {key: APPROVED_ANSWERS[key] for key in APPROVED_ANSWERS if key.startswith("zweck-")}
    response = editor.post(first_step, {**zweck, "version": 1, "aktion": "weiter"})
    assert response.headers["location"] == f"/intern/klaerungen/{assessment_id}/schritte/zielgruppe"
    response = editor.post(
        response.headers["location"],
        {"zielgruppe-beschreibung": "Familien", "version": 2, "aktion": "spaeter"},
    )
    assert response.headers["location"] == f"/intern/klaerungen/{assessment_id}?gespeichert=1"
    overview = editor.get(response.headers["location"]).text
    assert "Ihre Antworten sind gespeichert" in overview
    assert "2 Fragen offen" in overview
    assert 'schritte/zielgruppe">Klärung fortsetzen: Zielgruppen und Reichweite' in overview
    platform = f"/intern/klaerungen/{assessment_id}/schritte/plattform"
    assert "feld-plattform-instanz" not in editor.get(platform).text
    response = editor.post(platform, {"plattform-wahl": "mastodon", "version": 3})
    assert (
        response.headers["location"] == f"{platform}?neu=plattform-instanz#feld-plattform-instanz"
    )
    page = editor.get(response.headers["location"]).text
    assert page_problems(page) == []
    assert 'id="feld-plattform-instanz"' in page
    assert "weitere Fragen hinzugekommen" in page
    response = editor.post(
        platform,
        {"plattform-wahl": "facebook", "plattform-instanz": "oeffentlich", "version": 4},
    )
    assert "neu=plattform-alternative" in response.headers["location"]
    page = editor.get(platform).text
    assert 'id="feld-plattform-instanz"' not in page
    assert 'id="feld-plattform-alternative"' in page
    row = stored(database_app, assessment_id)
    assert row.answers["plattform-instanz"] == "oeffentlich"  # kept while hidden
    assert row.answers["zweck-art"] == ["information", "beteiligung"]
    result = editor.get(f"/intern/klaerungen/{assessment_id}/ergebnis").text
    assert page_problems(result) == []
    assert "Der Klärungsprozess ist noch nicht abgeschlossen." in result
    assert "<h3>Auflagen</h3>" in result
    assert 'href="../../../rules/INST-DS-02.html"' in result
    assert "Ergebnis zeichnen" not in result


def test_the_last_step_leads_to_the_result(database_app, world):
    editor = visitor(database_app, Role.EDITOR, world.own)
    path = f"/intern/klaerungen/{world.complete}/schritte/beendigung"
    page = editor.get(path).text
    data = {"beendigung-kriterien": "ja", "beendigung-ueberpruefung": "ja"}
    data |= {"beendigung-archivierung": "ja", "beendigung-datenexport": "ja"}
    response = editor.post(path, {**data, "version": version_of(page)})
    assert response.headers["location"] == f"/intern/klaerungen/{world.complete}/ergebnis"


BAD_STEPS: list[tuple[str, dict[str, Any], str, str]] = [
    # (step, fields, the question named, what the message says)
    ("zweck", {"zweck-aufgabe": "x" * 2001}, "zweck-aufgabe", "Text zu lang (2001 Zeichen"),
    ("zweck", {"zweck-dauer": ["dauerhaft", "befristet"]}, "zweck-dauer", "eine Option erwartet"),
    ("zweck", {"zweck-dauer": "ewig"}, "zweck-dauer", "unbekannte Option „ewig“"),
    (
        "zweck",
        {"zweck-bestehender-kanal": "vielleicht"},
        "zweck-bestehender-kanal",
        "unbekannte Option",
    ),
    ("zweck", {"plattform-wahl": "x"}, "plattform-wahl", "gehört nicht zum Schritt"),
    (
        "verantwortung",
        {"verantwortung-redaktion": "viele"},
        "verantwortung-redaktion",
        "Zahl erwartet",
    ),
    (
        "verantwortung",
        {"verantwortung-redaktion": "101"},
        "verantwortung-redaktion",
        "liegt über 100",
    ),
]


def test_bad_answers_name_their_question_and_nothing_is_saved(database_app, world):
    editor = visitor(database_app, Role.EDITOR, world.own)
    before = stored(database_app, world.complete)
    base = f"/intern/klaerungen/{world.complete}/schritte"
    for step, fields, question, message in BAD_STEPS:
        data = {**fields, "version": before.version}
        response = editor.post(f"{base}/{step}", data)
        assert response.status_code == 422, (fields, response.text[:300])
        page = response.text
        assert page_problems(page) == [], fields
        assert message in page, fields
        assert page.startswith("<!DOCTYPE html>") and "<title>Fehler: " in page
        if question.startswith(step):  # shown on the page: linked, marked, described
            assert f'<a href="#feld-{question}">' in page
            assert f'id="feld-{question}"' in page
            assert f'id="fehler-{question}"' in page
            assert 'aria-invalid="true"' in page
        else:
            assert f"Frage „{question}“" in page
    after = stored(database_app, world.complete)
    assert (after.answers, after.version) == (before.answers, before.version)


def test_a_form_without_version_is_refused(database_app, world):
    editor = visitor(database_app, Role.EDITOR, world.own)
    path = f"/intern/klaerungen/{world.complete}/schritte/zweck"
    response = editor.post(path, {"zweck-dauer": "befristet", "version": "alt"})
    assert response.status_code == 422
    assert "Versionsangabe" in response.text


def test_an_oversized_form_is_refused_before_it_is_read(database_app, world):
    editor = visitor(database_app, Role.EDITOR, world.own)
    path = f"/intern/klaerungen/{world.complete}/schritte/zweck"
    response = editor.post(path, {"zweck-aufgabe": "x" * (1024 * 1024 + 1), "version": 1})
    assert response.status_code == 413
    assert stored(database_app, world.complete).version == world.complete_version


def test_answers_to_an_older_version_are_a_conflict(database_app, world):
    editor = visitor(database_app, Role.EDITOR, world.own)
    path = f"/intern/klaerungen/{world.complete}/schritte/zweck"
    response = editor.post(path, {"zweck-dauer": "befristet", "version": 1})
    assert response.status_code == 409
    assert "inzwischen geändert" in response.text
    assert stored(database_app, world.complete).answers["zweck-dauer"] == "dauerhaft"


def test_unknown_ids_are_not_found(database_app, world):
    reader = visitor(database_app, Role.ADMINISTRATOR)
    for path in (
        "/intern/klaerungen/999",
        "/intern/klaerungen/999/schritte/zweck",
        "/intern/klaerungen/999/ergebnis",
        f"/intern/klaerungen/{world.complete}/schritte/gibt-es-nicht",
        "/intern/entscheidungen/999",
        "/intern/entscheidungen/999.json",
        "/intern/entscheidungen/999.pdf",
        f"/intern/entscheidungen/{2**63}",
    ):
        assert reader.get(path).status_code == 404, path
    for path in (
        "/intern/praesenzen/999/klaerung",
        "/intern/klaerungen/999/schritte/zweck",
        f"/intern/klaerungen/{world.complete}/schritte/gibt-es-nicht",
        "/intern/klaerungen/999/freigabe",
    ):
        response = reader.post(path, {"version": 1, "bestaetigung": "ja"})
        assert response.status_code == 404, path
    response = reader.get("/intern/klaerungen/abc", headers=JSON)
    assert response.status_code == 422
    assert "assessment_id" in response.json()["detail"][0]["msg"]


def test_a_presence_that_is_not_planned_or_already_in_progress_starts_nothing(database_app, world):
    editor = visitor(database_app, Role.EDITOR, world.own)
    with transaction(database_app.state.sessions) as session:
        presence_id = session.scalars(
            select(PresenceAssessment.presence_id).where(PresenceAssessment.id == world.complete)
        ).one()
    response = editor.post(f"/intern/praesenzen/{presence_id}/klaerung")
    assert response.status_code == 409
    assert f"Klärung Nr. {world.complete}" in response.text
    assert count(database_app, PresenceAssessment) == 2


# --- signing ------------------------------------------------------------------------------------


def test_a_reviewer_signs_a_complete_result_into_a_record_that_verifies(database_app, world):
    reviewer = visitor(database_app, Role.REVIEWER)
    result_path = f"/intern/klaerungen/{world.complete}/ergebnis"
    page = reviewer.get(result_path).text
    assert "Ergebnis zeichnen" in page
    assert "Behördenleitung oder eine von ihr bestimmte Stelle" in page
    sign_path = f"/intern/klaerungen/{world.complete}/freigabe"
    refused = reviewer.post(sign_path, {"version": version_of(page)})
    assert refused.status_code == 422
    assert '<a href="#feld-bestaetigung">' in refused.text
    assert 'aria-invalid="true"' in refused.text
    assert page_problems(refused.text) == []
    response = reviewer.post(sign_path, {"version": version_of(page), "bestaetigung": "ja"})
    assert response.status_code == 303
    record_path = response.headers["location"]
    record_page = reviewer.get(record_path).text
    assert page_problems(record_page) == []
    assert "Die Signatur ist gültig" in record_page
    version = database_app.state.site.publication.rulebook.meta.version
    assert f"Version {version}" in record_page
    assert f"https://www.berlin.de/leitplanke/versions/{version}" in record_page
    assert "Der Auftritt kann eingerichtet werden." in record_page
    document = reviewer.get(record_path + ".json").content
    public_key = load_public_key(visitor(database_app, None).get("/signaturschluessel.pem").content)
    assert verify_record(document, public_key) == ()
    tampered = document.replace(b'"outcome":"approved"', b'"outcome":"rejected"')
    assert tampered != document
    assert verify_record(tampered, public_key) != ()
    envelope = json.loads(document)
    assert envelope["record"]["rulebook"]["version"] == version
    assert reviewer.get(record_path + ".pdf").content.startswith(b"%PDF-")
    assert stored(database_app, world.complete).status == "signed"


def test_an_incomplete_result_offers_no_sign_off_and_is_not_signed(database_app, world):
    editor = visitor(database_app, Role.EDITOR, world.own)
    response = editor.post(f"/intern/praesenzen/{world.fresh}/klaerung")
    assessment_id = int(response.headers["location"].split("/")[3])
    reviewer = visitor(database_app, Role.REVIEWER)
    page = reviewer.get(f"/intern/klaerungen/{assessment_id}/ergebnis").text
    assert "Ergebnis zeichnen" not in page
    assert "Gezeichnet werden kann erst ein vollständiges Ergebnis" in page
    response = reviewer.post(
        f"/intern/klaerungen/{assessment_id}/freigabe", {"version": 1, "bestaetigung": "ja"}
    )
    assert response.status_code == 409
    assert "nicht vollständig" in response.text
    assert count(database_app, DecisionRecord) == 1


def test_a_signed_assessment_and_its_record_are_not_changed_by_any_route(database_app, world):
    administrator = visitor(database_app, Role.ADMINISTRATOR)
    before = stored(database_app, world.signed)
    step = administrator.post(
        f"/intern/klaerungen/{world.signed}/schritte/zweck",
        {"zweck-dauer": "befristet", "version": before.version},
    )
    assert step.status_code == 409
    assert "gezeichnet" in step.text
    again = administrator.post(
        f"/intern/klaerungen/{world.signed}/freigabe",
        {"version": before.version, "bestaetigung": "ja"},
    )
    assert again.status_code == 409
    for method in ("post", "put", "patch", "delete"):
        for suffix in ("", ".json"):
            response = administrator.client.request(
                method.upper(),
                f"/intern/entscheidungen/{world.record}{suffix}",
                data={"csrf_token": administrator.token},
                headers=BROWSER,
            )
            assert response.status_code == 405, (method, suffix)
    page = administrator.get(f"/intern/klaerungen/{world.signed}/schritte/zweck").text
    assert 'name="aktion"' not in page
    assert "Diese Klärung ist gezeichnet" in page
    assert stored(database_app, world.signed).answers == before.answers
    assert count(database_app, DecisionRecord) == 1


# --- the rulebook version a record is tied to ---------------------------------------------------


def test_a_rulebook_without_questionnaire_starts_nothing(database_url, tmp_path):
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    app = create_app(MINI, BASE_URL, settings)
    try:
        with transaction(app.state.sessions) as session:
            authority = Authority(slug="mini", name="Testbehörde")
            session.add(authority)
            session.flush()
            presence_id = add_presence(session, authority.id, "Mini")
        administrator = visitor(app, Role.ADMINISTRATOR)
        assert "keinen Fragebogen" in administrator.get("/intern/klaerungen").text
        response = administrator.post(f"/intern/praesenzen/{presence_id}/klaerung")
        assert response.status_code == 409
        assert "keinen Klärungsprozess" in response.text
    finally:
        app.state.database.dispose()


@pytest.fixture
def newer_rulebook(tmp_path) -> tuple[Path, str]:
    """The bundled rulebook with its current version published and a newer one in the making
    whose questionnaire lacks the last step."""
    folder = tmp_path / "berlin"
    shutil.copytree(BUNDLED, folder)
    published = freeze_current(folder).name
    meta = folder / "rulebook.yaml"
    meta.write_text(
        re.sub(r"(?m)^version: .*$", "version: 9.0.0", meta.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    questionnaire = folder / "questionnaire.yaml"
    source = questionnaire.read_text(encoding="utf-8")
    questionnaire.write_text(source[: source.index("\n  - id: beendigung\n") + 1], encoding="utf-8")
    return folder, published


def test_an_assessment_keeps_the_version_it_started_on_and_its_record_names_it(
    database_url, tmp_path, newer_rulebook
):
    folder, published = newer_rulebook
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    app = create_app(folder, BASE_URL, settings)
    try:
        with transaction(app.state.sessions) as session:
            authority = Authority(slug="testbehoerde", name="Senatsverwaltung für Tests")
            session.add(authority)
            session.flush()
            presence_id = add_presence(session, authority.id, "Alt")
            session.add(
                PresenceAssessment(
                    presence_id=presence_id,
                    rulebook_version=published,
                    answers=dict(APPROVED_ANSWERS),
                    current_step="beendigung",
                )
            )
        with app.state.sessions() as session:
            assessment_id = session.scalars(select(PresenceAssessment.id)).one()
        reviewer = visitor(app, Role.REVIEWER)
        overview = reviewer.get(f"/intern/klaerungen/{assessment_id}").text
        assert (
            f"beruht auf Version {published} des Regelwerks; aktuell gilt Version 9.0.0" in overview
        )
        step = reviewer.get(f"/intern/klaerungen/{assessment_id}/schritte/beendigung")
        assert step.status_code == 200  # the step the newer questionnaire no longer has
        assert f'href="../../../../versions/{published}/rules/INST-KP-04"' in step.text
        result = reviewer.get(f"/intern/klaerungen/{assessment_id}/ergebnis").text
        response = reviewer.post(
            f"/intern/klaerungen/{assessment_id}/freigabe",
            {"version": version_of(result), "bestaetigung": "ja"},
        )
        assert response.status_code == 303, response.text[:500]
        record = reviewer.get(response.headers["location"]).text
        assert f"Version {published} (aktuell gilt Version 9.0.0)" in record
        assert f"https://www.berlin.de/leitplanke/versions/{published}" in record
    finally:
        app.state.database.dispose()
