"""Account administration: administrators only, CSRF, validation naming the field."""

import pytest
from fastapi.testclient import TestClient

from leitplanke.accounts.roles import Role
from tests.web.conftest import BROWSER, sign_in


@pytest.fixture
def client(database_app, make_user):
    for role in Role:
        make_user(role.value.replace("_", ""), role, None)
    with TestClient(database_app) as client:
        yield client


NEW = {
    "username": "neu",
    "display_name": "Neue Person",
    "role": "staff",
    "password": "ein-langes-passwort-1",
}


@pytest.mark.parametrize("role", [role for role in Role if role is not Role.ADMINISTRATOR])
def test_only_administrators_see_and_create_accounts(client, role):
    token = sign_in(client, role.value.replace("_", ""))
    assert client.get("/intern/konten", headers=BROWSER).status_code == 403
    response = client.post("/intern/konten", data={**NEW, "csrf_token": token}, headers=BROWSER)
    assert response.status_code == 403


def test_an_administrator_creates_an_account_that_can_sign_in(client):
    token = sign_in(client, "administrator")
    response = client.post(
        "/intern/konten", data={**NEW, "csrf_token": token}, headers=BROWSER, follow_redirects=False
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"], headers=BROWSER)
    assert "Das Konto „neu“ wurde angelegt." in page.text
    client.cookies.clear()
    sign_in(client, "neu", NEW["password"])


def test_creating_an_account_without_the_token_is_refused(client):
    sign_in(client, "administrator")
    response = client.post("/intern/konten", data=NEW, headers=BROWSER)
    assert response.status_code == 403
    assert "Sicherheitstoken" in response.text


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"username": "administrator"}, "username", "gibt es schon"),
        ({"username": "mit leerzeichen"}, "username", "Leerzeichen"),
        ({"password": "kurz"}, "password", "mindestens 12 Zeichen"),
        ({"role": "kaiser"}, "role", "Rolle"),
        ({"role": "editor"}, "authority_id", "Behörde"),
        ({"role": "editor", "authority_id": "999"}, "authority_id", "gibt es nicht"),
    ],
)
def test_bad_input_names_the_field_and_creates_nothing(client, change, field, message):
    token = sign_in(client, "administrator")
    response = client.post(
        "/intern/konten", data={**NEW, **change, "csrf_token": token}, headers=BROWSER
    )
    assert response.status_code == 422
    assert f'href="#feld-{field}"' in response.text
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    listed = client.get("/intern/konten", headers=BROWSER).text
    assert "Neue Person" not in listed


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/intern/konten", headers=BROWSER, follow_redirects=False)
    assert response.status_code == 303
    assert (
        client.post("/intern/konten", data=NEW, headers={"Accept": "application/json"}).status_code
        == 401
    )
