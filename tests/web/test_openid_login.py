"""Login through an OpenID Connect provider (a real one on a local port): first login makes a
staff account, later logins find it; forged state or ID tokens are refused."""

from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from leitplanke.accounts.tables import User
from leitplanke.settings import Settings
from leitplanke.web import create_app
from tests.live_server import serve
from tests.web.conftest import BASE_URL, BROWSER, MINI
from tests.web.openid_provider import CLIENT_ID, CLIENT_SECRET, TestProvider


@pytest.fixture(scope="module")
def provider() -> Iterator[TestProvider]:
    holder: list[TestProvider] = []

    def make(base_url: str):
        holder.append(TestProvider(base_url))
        return holder[0].app()

    with serve(make):
        yield holder[0]


@pytest.fixture
def oidc_app(provider, tmp_path):
    provider.overrides.clear()
    settings = Settings(
        data_dir=tmp_path,
        oidc_issuer=provider.issuer,
        oidc_client_id=CLIENT_ID,
        oidc_client_secret=CLIENT_SECRET,
    )
    application = create_app(MINI, BASE_URL, settings)
    yield application
    application.state.database.dispose()


def login_through_provider(client: TestClient, state: str | None = None) -> httpx.Response:
    start = client.get("/anmelden/oidc?weiter=/intern", headers=BROWSER, follow_redirects=False)
    assert start.status_code == 303, start.text
    at_provider = httpx.get(start.headers["location"], follow_redirects=False)
    assert at_provider.status_code == 303
    back = urlsplit(at_provider.headers["location"])
    query = back.query if state is None else back.query.split("&state=")[0] + f"&state={state}"
    return client.get(f"{back.path}?{query}", headers=BROWSER, follow_redirects=False)


def test_the_login_page_offers_the_provider_when_configured(oidc_app):
    with TestClient(oidc_app) as client:
        page = client.get("/anmelden", headers=BROWSER)
    assert "Anmelden mit dem Dienstkonto" in page.text


def test_first_login_makes_a_staff_account_and_a_session(oidc_app):
    with TestClient(oidc_app) as client:
        response = login_through_provider(client)
        assert response.status_code == 303, response.text
        assert response.headers["location"] == "/intern"
        page = client.get("/intern", headers=BROWSER)
        assert "Angemeldet: Olga Oidc (Beschäftigte)" in page.text
        client.cookies.clear()
        assert login_through_provider(client).status_code == 303
    with oidc_app.state.sessions() as session:
        users = session.scalars(select(User)).all()
    assert [(user.username, user.role.value, user.password_hash) for user in users] == [
        ("olga", "staff", None)
    ]


def test_a_state_that_does_not_belong_to_the_login_is_refused(oidc_app):
    with TestClient(oidc_app) as client:
        response = login_through_provider(client, state="fremd")
    assert response.status_code == 400
    assert "leitplanke_session" not in response.headers.get("set-cookie", "")


@pytest.mark.parametrize(
    "override",
    [
        {"nonce": "falsch"},
        {"aud": "ein-anderer-dienst"},
        {"iss": "https://fremd.example"},
        {"exp": 1},
    ],
)
def test_an_id_token_that_fails_validation_is_refused(oidc_app, provider, override):
    provider.overrides.update(override)
    with TestClient(oidc_app) as client:
        response = login_through_provider(client)
    assert response.status_code == 400
    assert "nicht bestätigt" in response.text


def test_without_settings_the_provider_login_does_not_exist(database_app):
    with TestClient(database_app) as client:
        assert client.get("/anmelden/oidc", headers=BROWSER).status_code == 404
        assert "Dienstkonto" not in client.get("/anmelden", headers=BROWSER).text
