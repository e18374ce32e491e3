"""The registry's JSON API: every route for every role, CSRF, refusals that name the field and
write nothing, unknown IDs, stale versions, and the platforms of the rulebook's catalogue."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from leitplanke.accounts.roles import Role
from leitplanke.audit.chain import Actor
from leitplanke.database.engine import transaction
from leitplanke.registry import ContactPointCreate, Scope, create_contact_point
from leitplanke.registry.tables import ContactPoint, Person, Presence
from leitplanke.rulebook.loader import BUNDLED
from leitplanke.web.routes import api_registry
from tests.web.registry_setup import (
    ADMINISTRATORS,
    BACKENDS,
    EVERYONE,
    JSON,
    REGISTRY_EDITORS,
    SIGNED_IN,
    VIEWERS,
    Registry,
    presence_values,
    registry_on,
)

ADMIN = Scope(Role.ADMINISTRATOR)


@pytest.fixture(scope="module", params=BACKENDS)
def registry(request, tmp_path_factory) -> Iterator[Registry]:
    with registry_on(request.param, tmp_path_factory.mktemp("registry_api")) as filled:
        yield filled


def new_contact_point(registry: Registry, topic: str) -> int:
    """A contact point of the senate chancellery, stored for a test to change or delete."""
    with transaction(registry.app.state.sessions) as session:
        data = ContactPointCreate(
            authority_id=registry.ids["senate"], topic=topic, person_id=registry.ids["max"]
        )
        return create_contact_point(session, Actor(None, "Test"), ADMIN, data).id


@dataclass(frozen=True)
class Case:
    """A route, what to send (made for the viewer), who may, and what they get."""

    note: str
    method: str
    path: str
    allowed: frozenset[str]
    status: int = 200
    body: Callable[[Registry, str], dict[str, Any]] | None = None
    target: Callable[[Registry, str], dict[str, int]] | None = None


def toggled_status(registry: Registry, viewer: str) -> dict[str, Any]:
    presence_id = registry.ids["active"]
    now = registry.status(presence_id).value
    return {
        "status": "suspended" if now == "active" else "active",
        "version": registry.version(presence_id),
        "reason": f"Test durch {viewer}",
    }


CASES = [
    Case("public list", "GET", "/api/v1/presences", EVERYONE),
    Case("public presence", "GET", "/api/v1/presences/{active}", EVERYONE),
    Case("authorities", "GET", "/api/v1/authorities", EVERYONE),
    Case("internal presence", "GET", "/api/v1/presences/{planned}/internal", SIGNED_IN),
    Case("history", "GET", "/api/v1/presences/{planned}/history", SIGNED_IN),
    Case("units", "GET", "/api/v1/units", SIGNED_IN),
    Case("people", "GET", "/api/v1/people", SIGNED_IN),
    Case("person", "GET", "/api/v1/people/{erika}", SIGNED_IN),
    Case("contact points", "GET", "/api/v1/contact-points", SIGNED_IN),
    Case("contact point", "GET", "/api/v1/contact-points/{contact_point}", SIGNED_IN),
    Case(
        "create presence",
        "POST",
        "/api/v1/presences",
        REGISTRY_EDITORS,
        201,
        lambda registry, viewer: presence_values(
            registry.ids, handle=f"@neu_{viewer}", url=None, dpia_reference=None
        ),
    ),
    Case(
        "change presence",
        "PATCH",
        "/api/v1/presences/{planned}",
        REGISTRY_EDITORS,
        body=lambda registry, viewer: {
            "version": registry.version(registry.ids["planned"]),
            "moderation_hours": f"Mo–Fr, {viewer}",
        },
    ),
    Case(
        "change status",
        "POST",
        "/api/v1/presences/{active}/status",
        REGISTRY_EDITORS,
        body=toggled_status,
    ),
    Case(
        "set team",
        "PUT",
        "/api/v1/presences/{planned}/team",
        REGISTRY_EDITORS,
        body=lambda registry, viewer: {
            "deputy_ids": [registry.ids["max"]],
            "editor_ids": [registry.ids["erika"]] if viewer == "admin" else [],
            "version": registry.version(registry.ids["planned"]),
        },
    ),
    Case(
        "create authority",
        "POST",
        "/api/v1/authorities",
        ADMINISTRATORS,
        201,
        lambda registry, viewer: {"slug": f"neu-{viewer}".replace("_", "-"), "name": viewer},
    ),
    Case(
        "create unit",
        "POST",
        "/api/v1/units",
        ADMINISTRATORS,
        201,
        lambda registry, viewer: {"authority_id": registry.ids["senate"], "name": viewer},
    ),
    Case(
        "create person",
        "POST",
        "/api/v1/people",
        REGISTRY_EDITORS,
        201,
        lambda registry, viewer: {"authority_id": registry.ids["senate"], "name": viewer},
    ),
    Case(
        "change person",
        "PATCH",
        "/api/v1/people/{max}",
        REGISTRY_EDITORS,
        body=lambda registry, viewer: {"function": f"Funktion {viewer}"},
    ),
    Case(
        "create contact point",
        "POST",
        "/api/v1/contact-points",
        REGISTRY_EDITORS,
        201,
        lambda registry, viewer: {
            "authority_id": registry.ids["senate"],
            "topic": f"Thema {viewer}",
            "person_id": registry.ids["erika"],
        },
    ),
    Case(
        "change contact point",
        "PATCH",
        "/api/v1/contact-points/{contact_point}",
        REGISTRY_EDITORS,
        body=lambda registry, viewer: {"description": f"Beschreibung {viewer}"},
    ),
    Case(
        "delete contact point",
        "DELETE",
        "/api/v1/contact-points/{own}",
        REGISTRY_EDITORS,
        204,
        target=lambda registry, viewer: {"own": new_contact_point(registry, f"Weg {viewer}")},
    ),
]


def expected(case: Case, viewer: str) -> int:
    if viewer in case.allowed:
        return case.status
    return 401 if viewer == "anonymous" else 403


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.note)
def test_each_route_answers_each_role_as_its_permissions_say(registry, case, viewer):
    client = registry.client(viewer)
    ids = registry.ids | (case.target(registry, viewer) if case.target else {})
    body = case.body(registry, viewer) if case.body else None
    before = registry.audit_count()
    response = client.request(
        case.method, case.path.format(**ids), json=body, headers=registry.write_headers(viewer)
    )
    assert response.status_code == expected(case, viewer), response.text
    if response.status_code != 204:
        assert response.headers["content-type"].startswith("application/json")
    if case.method != "GET":
        written = registry.audit_count() - before
        assert written == (1 if response.status_code < 300 else 0), response.text
    if response.status_code >= 400:
        assert isinstance(response.json()["detail"], str)


def test_the_public_api_shows_no_internal_field(registry):
    client = registry.client("admin")  # signed in or not: the public API is the same
    presence = client.get(f"/api/v1/presences/{registry.ids['active']}").json()
    assert "dpia_reference" not in presence
    assert "responsible" not in presence and "team" not in presence and "version" not in presence
    listed = client.get("/api/v1/presences").json()
    assert {item["id"] for item in listed} >= {registry.ids["active"]}
    assert registry.ids["planned"] not in {item["id"] for item in listed}
    assert "Erika" not in str(listed)


@pytest.mark.parametrize("viewer", ["editor", "admin"])
def test_writes_without_the_csrf_header_are_refused_and_write_nothing(registry, viewer):
    client = registry.client(viewer)
    before = registry.count(Presence), registry.audit_count()
    body = presence_values(registry.ids, handle=f"@ohne_token_{viewer}")
    response = client.post("/api/v1/presences", json=body, headers=JSON)
    assert response.status_code == 403
    assert "Sicherheitstoken" in response.json()["detail"]
    wrong = {**JSON, "X-CSRF-Token": "falsch"}
    assert client.post("/api/v1/presences", json=body, headers=wrong).status_code == 403
    assert (registry.count(Presence), registry.audit_count()) == before


# Refused new presences: (note, changes to a valid one, status, field).
BAD_PRESENCES = [
    ("name too long", {"name": "x" * 201}, 422, "name"),
    ("purpose too long", {"purpose": "x" * 5001}, 422, "purpose"),
    ("url too long", {"url": "https://example.org/" + "a" * 490}, 422, "url"),
    ("url not https", {"url": "http://example.org/"}, 422, "url"),
    ("name missing", {"name": None}, 422, "name"),
    ("authority as text", {"authority_id": "Senatskanzlei"}, 422, "authority_id"),
    ("authority as truth value", {"authority_id": True}, 422, "authority_id"),
    ("authority as list", {"authority_id": [1]}, 422, "authority_id"),
    ("name as number", {"name": 5}, 422, "name"),
    ("unknown field", {"follower_count": 5}, 422, "follower_count"),
    ("handle with address", {"handle": "https://berlin.social/@x"}, 422, "handle"),
    ("handle with line break", {"handle": "@a\nb"}, 422, "handle"),
    ("unknown authority", {"authority_id": 99999}, 422, "authority_id"),
    ("unknown person", {"responsible_id": 99999}, 422, "responsible_id"),
    ("person of another authority", {"contact_id": "lena"}, 422, "contact_id"),
    ("unknown unit", {"unit_id": 99999}, 422, "unit_id"),
    ("platform not in the list", {"platform": "myspace"}, 422, "platform"),
    ("platform in a bad form", {"platform": "My Space"}, 422, "platform"),
    ("handle taken", {"handle": "@senatskanzlei@berlin.social"}, 409, "handle"),
    ("handle taken, other case", {"handle": "@SenatsKanzlei@Berlin.Social"}, 409, "handle"),
    ("handle taken, without @", {"handle": "senatskanzlei@berlin.social"}, 409, "handle"),
    (
        "handle taken, wide letters",
        {"handle": "@ｓｅｎａｔｓｋａｎｚｌｅｉ@berlin.social"},
        409,
        "handle",
    ),
]


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [case[1:] for case in BAD_PRESENCES],
    ids=[case[0] for case in BAD_PRESENCES],
)
def test_bad_input_gets_a_4xx_naming_the_field_and_writes_nothing(registry, changes, status, field):
    ids = registry.ids
    changes = {
        key: ids.get(value, value) if isinstance(value, str) and key.endswith("_id") else value
        for key, value in changes.items()
    }
    body = {
        key: value for key, value in presence_values(ids, **changes).items() if value is not None
    }
    body.pop("dpia_reference")
    before = registry.count(Presence), registry.audit_count()
    response = registry.client("admin").post(
        "/api/v1/presences", json=body, headers=registry.write_headers("admin")
    )
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    if status == 422:
        assert any(error["loc"][:2] == ["body", field] for error in detail), detail
        message = next(error["msg"] for error in detail if error["loc"][:2] == ["body", field])
    else:
        message = detail
    assert f"„{field}“" in message
    assert not any(word in message for word in ("Input should", "Field required", "Value error"))
    assert (registry.count(Presence), registry.audit_count()) == before


def test_a_refused_team_names_the_position_of_the_person(registry):
    presence_id = registry.ids["planned"]
    body = {
        "deputy_ids": [registry.ids["max"], registry.ids["lena"]],
        "version": registry.version(presence_id),
    }
    before = registry.audit_count()
    response = registry.client("admin").put(
        f"/api/v1/presences/{presence_id}/team", json=body, headers=registry.write_headers("admin")
    )
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "deputy_ids", 1]
    assert "„deputy_ids[1]“" in error["msg"]
    assert registry.audit_count() == before


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/v1/presences/99999", None),
        ("GET", "/api/v1/presences/99999/internal", None),
        ("GET", "/api/v1/presences/99999/history", None),
        ("PATCH", "/api/v1/presences/99999", {"version": 1, "name": "X"}),
        ("POST", "/api/v1/presences/99999/status", {"version": 1, "status": "closed"}),
        ("PUT", "/api/v1/presences/99999/team", {"version": 1}),
        ("GET", "/api/v1/people/99999", None),
        ("PATCH", "/api/v1/people/99999", {"name": "X"}),
        ("GET", "/api/v1/contact-points/99999", None),
        ("DELETE", "/api/v1/contact-points/99999", None),
    ],
)
def test_unknown_ids_are_404(registry, method, path, body):
    response = registry.client("admin").request(
        method, path, json=body, headers=registry.write_headers("admin")
    )
    assert response.status_code == 404
    assert "gibt es nicht" in response.json()["detail"] or "öffentlich" in response.json()["detail"]


@pytest.mark.parametrize("presence_id", ["0", "-1", "2147483648", "99999999999999999999", "abc"])
def test_ids_out_of_range_are_422_not_a_server_error(registry, presence_id):
    client = registry.client("admin")
    assert client.get(f"/api/v1/presences/{presence_id}").status_code == 422
    response = client.patch(
        f"/api/v1/presences/{presence_id}",
        json={"version": 1},
        headers=registry.write_headers("admin"),
    )
    assert response.status_code == 422


def test_the_public_api_answers_404_for_presences_that_are_not_listed(registry):
    client = registry.client("anonymous")
    for key in ("planned", "closed", "district_planned"):
        response = client.get(f"/api/v1/presences/{registry.ids[key]}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Diese Präsenz ist nicht in der öffentlichen Liste."}


def test_a_change_against_an_old_version_is_409_and_changes_nothing(registry):
    presence_id = registry.ids["district_planned"]
    client, headers = registry.client("admin"), registry.write_headers("admin")
    version = registry.version(presence_id)
    first = client.patch(
        f"/api/v1/presences/{presence_id}",
        json={"version": version, "name": "Erste"},
        headers=headers,
    )
    assert first.status_code == 200
    assert first.json()["version"] == version + 1
    before = registry.audit_count()
    for method, path, body in (
        ("PATCH", "", {"version": version, "name": "Zweite"}),
        ("POST", "/status", {"version": version, "status": "closed"}),
        ("PUT", "/team", {"version": version, "deputy_ids": []}),
    ):
        response = client.request(
            method, f"/api/v1/presences/{presence_id}{path}", json=body, headers=headers
        )
        assert response.status_code == 409
        assert "inzwischen geändert" in response.json()["detail"]
        assert "„version“" in response.json()["detail"]
    assert registry.audit_count() == before
    internal = client.get(f"/api/v1/presences/{presence_id}/internal").json()
    assert internal["name"] == "Erste"


def test_a_status_that_cannot_follow_is_409(registry):
    presence_id = registry.ids["planned"]
    response = registry.client("admin").post(
        f"/api/v1/presences/{presence_id}/status",
        json={"status": "active", "version": registry.version(presence_id)},
        headers=registry.write_headers("admin"),
    )
    assert response.status_code == 409
    assert "„geplant“" in response.json()["detail"]
    approve = registry.client("admin").post(
        f"/api/v1/presences/{presence_id}/status",
        json={"status": "approved", "version": registry.version(presence_id)},
        headers=registry.write_headers("admin"),
    )
    assert approve.status_code == 409
    assert "Entscheidung" in approve.json()["detail"]


def test_the_history_says_who_changed_what_when_with_the_reason(registry):
    presence_id = registry.ids["district_planned"]
    client, headers = registry.client("admin"), registry.write_headers("admin")
    response = client.post(
        f"/api/v1/presences/{presence_id}/status",
        json={
            "status": "closed",
            "version": registry.version(presence_id),
            "reason": "Doppelt geplant",
        },
        headers=headers,
    )
    assert response.status_code == 200, response.text
    history = client.get(f"/api/v1/presences/{presence_id}/history").json()
    assert history[0]["action"] == "presence.create"
    last = history[-1]
    assert last["action"] == "presence.status"
    assert last["actor_name"] == "admin"
    assert last["changes"]["status"] == ["planned", "closed"]
    assert last["changes"]["reason"] == [None, "Doppelt geplant"]


def test_an_editor_of_another_authority_may_not_change_its_presences(registry):
    presence_id = registry.ids["planned"]
    before = registry.audit_count()
    response = registry.client("other_editor").patch(
        f"/api/v1/presences/{presence_id}",
        json={"version": registry.version(presence_id), "name": "Übernommen"},
        headers=registry.write_headers("other_editor"),
    )
    assert response.status_code == 403
    assert "eigenen Behörde" in response.json()["detail"]
    body = presence_values(registry.ids, handle="@fremd", authority_id=registry.ids["senate"])
    response = registry.client("other_editor").post(
        "/api/v1/presences", json=body, headers=registry.write_headers("other_editor")
    )
    assert response.status_code == 403
    assert "„authority_id“" in response.json()["detail"]
    assert registry.audit_count() == before


def test_a_busy_database_is_503_with_retry_after_and_writes_nothing(registry, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("INSERT INTO presences", {}, Exception("database is locked"))

    monkeypatch.setattr(api_registry, "create_presence", locked)
    before = registry.count(Presence), registry.audit_count()
    body = presence_values(registry.ids, handle="@gesperrt")
    response = registry.client("admin").post(
        "/api/v1/presences", json=body, headers=registry.write_headers("admin")
    )
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert "nichts wurde gespeichert" in response.json()["detail"]
    assert (registry.count(Presence), registry.audit_count()) == before


def test_people_and_contact_points_of_another_authority_are_refused_for_editors(registry):
    client, headers = registry.client("editor"), registry.write_headers("editor")
    before = registry.count(Person), registry.count(ContactPoint), registry.audit_count()
    person = client.post(
        "/api/v1/people",
        json={"authority_id": registry.ids["district"], "name": "Fremd"},
        headers=headers,
    )
    assert person.status_code == 403
    assert "„authority_id“" in person.json()["detail"]
    lena = client.patch(
        f"/api/v1/people/{registry.ids['lena']}", json={"function": "X"}, headers=headers
    )
    assert lena.status_code == 403
    topic = client.post(
        "/api/v1/contact-points",
        json={
            "authority_id": registry.ids["senate"],
            "topic": "private nutzung sozialer medien",  # taken, in other case
            "person_id": registry.ids["erika"],
        },
        headers=headers,
    )
    assert topic.status_code == 409
    assert "„topic“" in topic.json()["detail"]
    after = registry.count(Person), registry.count(ContactPoint), registry.audit_count()
    assert after == before


# --- the rulebook's platform catalogue ------------------------------------------------------


@pytest.fixture(scope="module")
def berlin(tmp_path_factory) -> Iterator[Registry]:
    """The registry on the bundled rulebook, whose catalogue names the platforms."""
    with registry_on("sqlite", tmp_path_factory.mktemp("berlin"), BUNDLED) as filled:
        yield filled


def test_with_a_catalogue_only_its_platforms_are_accepted(berlin):
    client, headers = berlin.client("admin"), berlin.write_headers("admin")
    body = presence_values(berlin.ids, platform="peertube", handle="@skzl@video.berlin.de")
    assert client.post("/api/v1/presences", json=body, headers=headers).status_code == 201
    body = presence_values(berlin.ids, platform="myspace", handle="@skzl")
    response = client.post("/api/v1/presences", json=body, headers=headers)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "platform"]
    assert "peertube" in error["msg"] and "mastodon" in error["msg"]


def test_a_joint_controller_platform_needs_the_agreement_before_it_is_listed(berlin):
    client, headers = berlin.client("admin"), berlin.write_headers("admin")
    body = presence_values(berlin.ids, platform="facebook", handle="senatskanzlei.berlin")
    created = client.post("/api/v1/presences", json=body, headers=headers).json()
    presence_id = created["id"]
    from tests.registry.conftest import sign_decision

    sign_decision(berlin.app.state.sessions, presence_id, "approved")
    approved = client.post(
        f"/api/v1/presences/{presence_id}/status",
        json={"status": "approved", "version": 1},
        headers=headers,
    )
    assert approved.status_code == 200, approved.text
    active = client.post(
        f"/api/v1/presences/{presence_id}/status",
        json={"status": "active", "version": 2},
        headers=headers,
    )
    assert active.status_code == 409
    assert "„joint_controller_agreement“" in active.json()["detail"]
    assert "Art. 26" in active.json()["detail"]
