"""Fixtures of the web app: the mini rulebook (two versions) served under http://testserver/."""

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from leitplanke.accounts.roles import Role
from leitplanke.accounts.tables import User
from leitplanke.accounts.users import create_user
from leitplanke.audit.chain import SYSTEM
from leitplanke.database.engine import transaction
from leitplanke.registry.tables import Authority
from leitplanke.settings import Settings
from leitplanke.web import create_app

MINI = Path(__file__).parents[1] / "data" / "rulebooks" / "mini"
BASE_URL = "http://testserver/"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture(scope="session")
def app():
    """The app serving the mini rulebook, its URIs minted under the test client's address."""
    return create_app(MINI, BASE_URL)


@pytest.fixture(scope="session")
def client(app):
    """A test client of the app."""
    return TestClient(app)


PASSWORD = "ein-sicheres-passwort-2026"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def database_app(database_url, tmp_path):
    """The app on the mini rulebook with a database of the test's own (SQLite and PostgreSQL)."""
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    application = create_app(MINI, BASE_URL, settings)
    yield application
    application.state.database.dispose()


@pytest.fixture
def make_user(database_app):
    """Creates an account (`make_user(username, role, authority_id=None)`); password PASSWORD.
    An editor without an authority gets the test authority (slug `testbehoerde`)."""

    def make(username: str, role: Role, authority_id: int | None = None) -> User:
        with transaction(database_app.state.sessions) as session:
            if role is Role.EDITOR and authority_id is None:
                authority = session.scalars(
                    select(Authority).filter_by(slug="testbehoerde")
                ).first()
                if authority is None:
                    authority = Authority(slug="testbehoerde", name="Senatsverwaltung für Tests")
                    session.add(authority)
                    session.flush()
                authority_id = authority.id
            user = create_user(
                session,
                SYSTEM,
                username=username,
                display_name=username.title(),
                role=role,
                password=PASSWORD,
                authority_id=authority_id,
            )
        return user

    return make


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Signs `client` in through the login form; returns the session's CSRF token."""
    form = client.get("/anmelden", headers=BROWSER)
    token = CSRF_INPUT.search(form.text)
    assert token, "login form without CSRF token"
    response = client.post(
        "/anmelden",
        data={"username": username, "password": password, "csrf_token": token.group(1)},
        headers=BROWSER,
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    page = client.get("/intern", headers=BROWSER)
    found = CSRF_INPUT.search(page.text)
    assert found, "signed-in page without CSRF token"
    return found.group(1)
