"""The audit log page: for administrators and data-protection officers, with the chain check."""

import pytest
from fastapi.testclient import TestClient

from leitplanke.accounts.roles import Role
from tests.web.conftest import BROWSER, sign_in


@pytest.fixture
def client(database_app, make_user):
    for role in Role:
        make_user(role.value.replace("_", ""), role)
    with TestClient(database_app) as client:
        yield client


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMINISTRATOR, 200),
        (Role.DATA_PROTECTION_OFFICER, 200),
        (Role.EDITOR, 403),
        (Role.REVIEWER, 403),
        (Role.STAFF, 403),
    ],
)
def test_who_may_read_the_audit_log(client, role, status):
    sign_in(client, role.value.replace("_", ""))
    response = client.get("/intern/protokoll", headers=BROWSER)
    assert response.status_code == status
    if status == 200:
        assert "Die Hash-Kette ist unversehrt (5 Einträge geprüft)." in response.text
        assert "user.create" in response.text


def test_a_bad_page_parameter_names_it(client):
    sign_in(client, "administrator")
    response = client.get("/intern/protokoll?vor=abc", headers={"Accept": "application/json"})
    assert response.status_code == 422
    assert "vor" in response.json()["detail"][0]["msg"]
