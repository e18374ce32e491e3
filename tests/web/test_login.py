"""Signing in and out: the form, CSRF, wrong passwords, throttling, the session cookie."""

import pytest
from fastapi.testclient import TestClient

from leitplanke.accounts.roles import Role
from tests.web.conftest import BROWSER, CSRF_INPUT, PASSWORD, sign_in

JSON = {"Accept": "application/json"}


@pytest.fixture
def client(database_app, make_user):
    make_user("ada", Role.ADMINISTRATOR)
    make_user("sam", Role.STAFF)
    with TestClient(database_app) as client:
        yield client


def login_token(client):
    return CSRF_INPUT.search(client.get("/anmelden", headers=BROWSER).text).group(1)


def post_login(client, username, password, token=None):
    return client.post(
        "/anmelden",
        data={
            "username": username,
            "password": password,
            "csrf_token": token or login_token(client),
        },
        headers=BROWSER,
        follow_redirects=False,
    )


def test_a_browser_without_session_is_sent_to_the_login_and_back(client):
    response = client.get("/intern", headers=BROWSER, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/anmelden?weiter=%2Fintern"


def test_an_api_client_without_session_gets_401(client):
    response = client.get("/intern", headers=JSON)
    assert response.status_code == 401
    assert response.json()["detail"] == "Bitte melden Sie sich an."


def test_the_login_form_is_labelled_and_not_cached(client):
    response = client.get("/anmelden", headers=BROWSER)
    assert response.status_code == 200
    assert '<label for="feld-username">' in response.text
    assert 'autocomplete="current-password"' in response.text
    assert response.headers["cache-control"] == "no-store"


def test_signing_in_sets_a_safe_session_cookie_and_goes_on(client):
    response = post_login(client, "ada", PASSWORD)
    assert response.status_code == 303
    assert response.headers["location"] == "/intern"
    cookie = response.headers["set-cookie"]
    assert "leitplanke_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    page = client.get("/intern", headers=BROWSER)
    assert "Angemeldet: Ada" in page.text


def test_the_username_is_found_without_regard_to_case(client):
    assert post_login(client, "ADA", PASSWORD).status_code == 303


@pytest.mark.parametrize(
    ("username", "password"),
    [("ada", "falsch-falsch-falsch"), ("niemand", PASSWORD), ("ada", "")],
)
def test_a_wrong_password_or_unknown_account_gets_the_same_answer(client, username, password):
    response = post_login(client, username, password)
    assert response.status_code == 401
    assert "Benutzername oder Passwort ist falsch." in response.text
    assert "leitplanke_session" not in response.headers.get("set-cookie", "")


def test_a_login_without_the_forms_token_is_refused(client):
    response = post_login(client, "ada", PASSWORD, token="gefälscht")
    assert response.status_code == 403
    assert "leitplanke_session" not in response.headers.get("set-cookie", "")


def test_after_five_failures_the_account_is_locked_for_a_while(client):
    for _ in range(5):
        assert post_login(client, "ada", "falsch-falsch-falsch").status_code == 401
    response = post_login(client, "ada", PASSWORD)
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) > 0
    assert "Zu viele fehlgeschlagene Anmeldungen" in response.text
    # another account from the same address is not locked yet
    assert post_login(client, "sam", PASSWORD).status_code == 303


@pytest.mark.parametrize("target", ["https://example.org/", "//example.org/", "/\\example.org"])
def test_login_goes_on_only_to_pages_of_this_site(client, target):
    response = client.post(
        "/anmelden",
        data={
            "username": "ada",
            "password": PASSWORD,
            "csrf_token": login_token(client),
            "weiter": target,
        },
        headers=BROWSER,
        follow_redirects=False,
    )
    assert response.headers["location"] == "/intern"


def test_signing_out_needs_the_token_and_ends_the_session(client):
    token = sign_in(client, "ada")
    assert client.post("/abmelden", headers=BROWSER, follow_redirects=False).status_code == 403
    response = client.post(
        "/abmelden", data={"csrf_token": token}, headers=BROWSER, follow_redirects=False
    )
    assert response.status_code == 303
    assert client.get("/intern", headers=BROWSER, follow_redirects=False).status_code == 303


def test_a_deactivated_account_loses_its_session(client, database_app):
    sign_in(client, "sam")
    with database_app.state.sessions() as session:
        from leitplanke.accounts.tables import User

        session.query(User).filter_by(username="sam").update({"active": False})
        session.commit()
    assert client.get("/intern", headers=BROWSER, follow_redirects=False).status_code == 303


def test_pages_say_so_while_the_demo_data_are_loaded(database_app):
    with TestClient(database_app) as client:
        assert "Demonstration:" not in client.get("/anmelden", headers=BROWSER).text
        database_app.state.demo = True
        assert "Demonstration:" in client.get("/anmelden", headers=BROWSER).text
