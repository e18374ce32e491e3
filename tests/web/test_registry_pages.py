"""The registry's internal pages: every page and form for every role, CSRF, forms that name the
faulty field and write nothing, version conflicts, status, team and history."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from leitplanke.registry.tables import Authority, ContactPoint, Person, Presence, Unit
from tests.web.conftest import BROWSER
from tests.web.registry_setup import (
    ADMINISTRATORS,
    BACKENDS,
    DPIA,
    REGISTRY_EDITORS,
    SIGNED_IN,
    VIEWERS,
    Registry,
    registry_on,
)

EDITORS_OF_ANY_AUTHORITY = REGISTRY_EDITORS | {"other_editor"}


@pytest.fixture(scope="module", params=BACKENDS)
def registry(request, tmp_path_factory) -> Iterator[Registry]:
    with registry_on(request.param, tmp_path_factory.mktemp("registry_pages")) as filled:
        yield filled


def presence_form(registry: Registry, **changes: str) -> dict[str, str]:
    """A filled form for a new presence of the senate chancellery."""
    return {
        "name": "Neue Präsenz",
        "platform": "threads",
        "handle": "@neu",
        "url": "",
        "purpose": "Zum Testen.",
        "authority_id": str(registry.ids["senate"]),
        "unit_id": "",
        "responsible_id": str(registry.ids["erika"]),
        "contact_id": "",
    } | changes


def edit_form(registry: Registry, key: str, **changes: str) -> dict[str, str]:
    """The edit form of a presence as the page fills it, with `changes`."""
    page = registry.client("admin").get(
        f"/intern/praesenzen/{registry.ids[key]}/bearbeiten", headers=BROWSER
    )
    from lxml import html

    tree = html.fromstring(page.text)
    form = tree.xpath("//main//form[@method='post']")[0]
    values: dict[str, str] = {}
    for element in form.xpath(".//input|.//textarea|.//select"):
        name = element.get("name")
        if element.tag == "select":
            chosen = element.xpath("./option[@selected]/@value")
            values[name] = chosen[0] if chosen else ""
        elif element.tag == "textarea":
            values[name] = element.text or ""
        else:
            values[name] = element.get("value") or ""
    values.pop("csrf_token")
    return values | changes


def toggled(registry: Registry, viewer: str) -> dict[str, str]:
    presence_id = registry.ids["active"]
    now = registry.status(presence_id).value
    return {
        "status": "suspended" if now == "active" else "active",
        "version": str(registry.version(presence_id)),
        "reason": f"Test durch {viewer}",
    }


@dataclass(frozen=True)
class Page:
    note: str
    path: str
    allowed: frozenset[str]


PAGES = [
    Page("presences", "/intern/praesenzen", SIGNED_IN),
    Page("presences by status", "/intern/praesenzen?status=planned", SIGNED_IN),
    Page("new presence", "/intern/praesenzen/neu", EDITORS_OF_ANY_AUTHORITY),
    Page("presence", "/intern/praesenzen/{planned}", SIGNED_IN),
    Page("active presence", "/intern/praesenzen/{active}", SIGNED_IN),
    Page("edit presence", "/intern/praesenzen/{planned}/bearbeiten", REGISTRY_EDITORS),
    Page("authorities", "/intern/behoerden", SIGNED_IN),
    Page("people", "/intern/personen", SIGNED_IN),
    Page("contact points", "/intern/ansprechpartner", SIGNED_IN),
]


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.note)
def test_each_page_is_shown_to_the_roles_that_may_read_it(registry, page, viewer):
    path = page.path.format(**registry.ids)
    response = registry.client(viewer).get(path, headers=BROWSER, follow_redirects=False)
    if viewer == "anonymous":
        assert response.status_code == 303
        assert response.headers["location"].startswith("/anmelden?weiter=")
    elif viewer in page.allowed:
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        assert "<h1>" in response.text
    else:
        assert response.status_code == 403


@dataclass(frozen=True)
class Form:
    note: str
    path: str
    allowed: frozenset[str]
    data: Callable[[Registry, str], dict[str, str]]
    table: Any


FORMS = [
    Form(
        "new presence",
        "/intern/praesenzen",
        REGISTRY_EDITORS,
        lambda registry, viewer: presence_form(registry, handle=f"@neu_{viewer}"),
        Presence,
    ),
    Form(
        "edit presence",
        "/intern/praesenzen/{planned}/bearbeiten",
        REGISTRY_EDITORS,
        lambda registry, viewer: edit_form(registry, "planned", moderation_hours=viewer),
        Presence,
    ),
    Form("status", "/intern/praesenzen/{active}/status", REGISTRY_EDITORS, toggled, Presence),
    Form(
        "team",
        "/intern/praesenzen/{planned}/team",
        REGISTRY_EDITORS,
        lambda registry, viewer: {
            "deputy_ids": str(registry.ids["max"]),
            "editor_ids": [str(registry.ids["erika"])] if viewer == "admin" else [],
            "version": str(registry.version(registry.ids["planned"])),
        },
        Presence,
    ),
    Form(
        "new authority",
        "/intern/behoerden",
        ADMINISTRATORS,
        lambda registry, viewer: {"slug": f"b-{viewer}".replace("_", "-"), "name": viewer},
        Authority,
    ),
    Form(
        "new unit",
        "/intern/behoerden/einheiten",
        ADMINISTRATORS,
        lambda registry, viewer: {"authority_id": str(registry.ids["senate"]), "name": viewer},
        Unit,
    ),
    Form(
        "new person",
        "/intern/personen",
        REGISTRY_EDITORS,
        lambda registry, viewer: {"authority_id": str(registry.ids["senate"]), "name": viewer},
        Person,
    ),
    Form(
        "new contact point",
        "/intern/ansprechpartner",
        REGISTRY_EDITORS,
        lambda registry, viewer: {
            "authority_id": str(registry.ids["senate"]),
            "topic": f"Thema {viewer}",
            "person_id": str(registry.ids["max"]),
        },
        ContactPoint,
    ),
]


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.note)
def test_each_form_is_taken_from_the_roles_that_may_write_and_refused_otherwise(
    registry, form, viewer
):
    data = {**form.data(registry, viewer), "csrf_token": registry.token(viewer)}
    before = registry.audit_count()
    response = registry.client(viewer).post(
        form.path.format(**registry.ids), data=data, headers=BROWSER, follow_redirects=False
    )
    if viewer in form.allowed:
        assert response.status_code == 303, response.text
        shown = registry.client(viewer).get(response.headers["location"], headers=BROWSER)
        assert 'class="notice" role="status"' in shown.text
        assert registry.audit_count() == before + 1
    else:
        assert response.status_code == (401 if viewer == "anonymous" else 403)
        assert registry.audit_count() == before


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.note)
def test_no_form_is_taken_without_the_csrf_token(registry, form):
    before = registry.audit_count()
    response = registry.client("admin").post(
        form.path.format(**registry.ids), data=form.data(registry, "admin"), headers=BROWSER
    )
    assert response.status_code == 403
    assert "Sicherheitstoken" in response.text
    assert registry.audit_count() == before


# Refused new presences: (note, changes to the form, status, field, words of the message).
BAD_FORMS = [
    ("name too long", {"name": "x" * 201}, 422, "name", "höchstens 200 Zeichen"),
    ("name blank", {"name": "   "}, 422, "name", "Name der Präsenz"),
    ("purpose too long", {"purpose": "x" * 5001}, 422, "purpose", "höchstens 5000"),
    ("address without https", {"url": "http://x.example/"}, 422, "url", "https://"),
    ("no platform", {"platform": ""}, 422, "platform", "Plattform: Bitte ausfüllen"),
    ("platform not offered", {"platform": "myspace"}, 422, "platform", "nicht im Katalog"),
    ("authority as text", {"authority_id": "Senat"}, 422, "authority_id", "ganze Zahl"),
    ("unknown person", {"responsible_id": "99999"}, 422, "responsible_id", "gibt es nicht"),
    ("handle is an address", {"handle": "https://x.example/@a"}, 422, "handle", "nicht die"),
    ("handle taken", {"handle": "@SENATSKANZLEI@Berlin.Social"}, 409, "handle", "schon"),
    (
        "handle taken on the platform",
        {"handle": "senatskanzlei@berlin.social"},
        409,
        "handle",
        "schon",
    ),
    ("another authority", {"authority_id": "district"}, 403, "authority_id", "eigenen Behörde"),
]


@pytest.mark.parametrize(
    ("changes", "status", "field", "words"),
    [case[1:] for case in BAD_FORMS],
    ids=[case[0] for case in BAD_FORMS],
)
def test_a_bad_form_comes_back_with_the_field_named_and_nothing_written(
    registry, changes, status, field, words
):
    if changes.get("handle", "").lower().startswith("senatskanzlei@") or "SENATS" in changes.get(
        "handle", ""
    ):
        changes = {**changes, "platform": "mastodon"}
    if changes.get("authority_id") == "district":
        changes = {**changes, "authority_id": str(registry.ids["district"])}
    data = {**presence_form(registry, **changes), "csrf_token": registry.token("editor")}
    before = registry.count(Presence), registry.audit_count()
    response = registry.client("editor").post("/intern/praesenzen", data=data, headers=BROWSER)
    assert response.status_code == status, response.text
    page = response.text
    assert "<title>Fehler: " in page
    assert f'href="#praesenz-{field}"' in page
    assert f'id="praesenz-{field}"' in page
    assert 'aria-invalid="true"' in page
    assert words in page
    assert (registry.count(Presence), registry.audit_count()) == before


def test_an_oversized_form_is_refused_before_it_is_read(registry):
    data = {"name": "x" * 300_000, "csrf_token": registry.token("admin")}
    response = registry.client("admin").post("/intern/praesenzen", data=data, headers=BROWSER)
    assert response.status_code == 413


def test_an_edit_made_against_an_old_version_is_409_and_keeps_the_input(registry):
    client = registry.client("admin")
    stale = edit_form(registry, "district_planned", name="Meine Änderung")
    fresh = edit_form(registry, "district_planned", name="Zuerst gespeichert")
    path = f"/intern/praesenzen/{registry.ids['district_planned']}/bearbeiten"
    token = registry.token("admin")
    first = client.post(path, data={**fresh, "csrf_token": token}, headers=BROWSER)
    assert first.status_code == 200  # followed to the presence's page
    before = registry.audit_count()
    response = client.post(path, data={**stale, "csrf_token": token}, headers=BROWSER)
    assert response.status_code == 409
    assert "Die Präsenz wurde inzwischen geändert" in response.text
    assert 'value="Meine Änderung"' in response.text
    assert 'href="#praesenz-version"' not in response.text  # the notice links to reloading
    assert 'id="praesenz-version"' in response.text
    assert registry.audit_count() == before


def test_the_page_of_a_presence_shows_its_fields_team_decision_and_history(registry):
    page = registry.client("staff").get(
        f"/intern/praesenzen/{registry.ids['active']}", headers=BROWSER
    )
    text = page.text
    assert DPIA in text and "Erika Muster" in text
    decision = registry.ids["active_decision"]
    assert f'href="../../intern/entscheidungen/{decision}"' in text
    assert "<caption>Alle Versionen, älteste zuerst</caption>" in text
    assert "Einrichtung" in text  # who created it
    assert "Status: geplant → freigegeben" in text
    assert "Status ändern" not in text and "Team speichern" not in text  # staff only reads


def test_editors_may_start_the_decision_process_for_a_planned_presence(registry):
    path = f"/intern/praesenzen/{registry.ids['planned']}"
    action = f'action="../../intern/praesenzen/{registry.ids["planned"]}/klaerung"'
    assert action in registry.client("editor").get(path, headers=BROWSER).text
    assert action not in registry.client("reviewer").get(path, headers=BROWSER).text
    assert action not in registry.client("other_editor").get(path, headers=BROWSER).text


def test_the_status_form_offers_only_the_statuses_that_may_follow(registry):
    client = registry.client("admin")
    planned = client.get(f"/intern/praesenzen/{registry.ids['planned']}", headers=BROWSER).text
    assert 'value="approved"' in planned and 'value="closed"' in planned
    assert 'value="active"' not in planned and 'value="suspended"' not in planned
    closed = client.get(f"/intern/praesenzen/{registry.ids['closed']}", headers=BROWSER).text
    assert 'name="status"' not in closed
    assert "Geschlossen ist endgültig" in closed


@pytest.mark.parametrize(
    ("status", "code", "words"),
    [
        ("active", 409, "nicht folgen"),
        ("approved", 409, "Entscheidung"),
        ("gelöscht", 422, "unzulässiger Wert"),
        ("", 422, "Neuer Status"),
    ],
)
def test_a_refused_status_change_names_the_reason_and_changes_nothing(
    registry, status, code, words
):
    presence_id = registry.ids["planned"]
    data = {
        "status": status,
        "version": str(registry.version(presence_id)),
        "csrf_token": registry.token("editor"),
    }
    before = registry.audit_count()
    response = registry.client("editor").post(
        f"/intern/praesenzen/{presence_id}/status", data=data, headers=BROWSER
    )
    assert response.status_code == code
    assert 'href="#status-status"' in response.text
    assert words in response.text
    assert registry.audit_count() == before


def test_a_status_change_with_its_reason_appears_in_the_history(registry):
    presence_id = registry.ids["active"]
    data = {**toggled(registry, "admin"), "csrf_token": registry.token("admin")}
    data["reason"] = "Wartung des Kontos"
    response = registry.client("admin").post(
        f"/intern/praesenzen/{presence_id}/status", data=data, headers=BROWSER
    )
    assert response.status_code == 200
    assert "Der Status wurde geändert." in response.text
    assert "Begründung: – → Wartung des Kontos" in response.text


def test_a_team_member_of_another_authority_is_refused_at_the_team_field(registry):
    presence_id = registry.ids["planned"]
    data = {
        "editor_ids": [str(registry.ids["lena"])],
        "version": str(registry.version(presence_id)),
        "csrf_token": registry.token("admin"),
    }
    before = registry.audit_count()
    response = registry.client("admin").post(
        f"/intern/praesenzen/{presence_id}/team", data=data, headers=BROWSER
    )
    assert response.status_code == 422
    assert 'href="#team-editor_ids"' in response.text
    assert "gehört nicht zur" in response.text
    assert registry.audit_count() == before


def test_unknown_presences_are_404_pages(registry):
    client = registry.client("admin")
    for path in ("/intern/praesenzen/99999", "/intern/praesenzen/99999/bearbeiten"):
        assert client.get(path, headers=BROWSER).status_code == 404
    data = {"status": "closed", "version": "1", "csrf_token": registry.token("admin")}
    response = client.post("/intern/praesenzen/99999/status", data=data, headers=BROWSER)
    assert response.status_code == 404
    assert client.get("/intern/praesenzen/0", headers=BROWSER).status_code == 422


def test_every_role_finds_the_contact_points(registry):
    page = registry.client("staff").get("/intern/ansprechpartner", headers=BROWSER).text
    assert "Private Nutzung sozialer Medien" in page
    assert "erika.muster@example.org" in page
    assert "Neuer Ansprechpartner" not in page  # staff read only


def test_an_editor_adds_people_only_to_the_own_authority(registry):
    client = registry.client("editor")
    page = client.get("/intern/personen", headers=BROWSER).text
    assert "Neue Person" in page
    assert "Bezirksamt Pankow</option>" not in page
    before = registry.count(Person), registry.audit_count()
    data = {
        "authority_id": str(registry.ids["district"]),
        "name": "Fremd",
        "csrf_token": registry.token("editor"),
    }
    response = client.post("/intern/personen", data=data, headers=BROWSER)
    assert response.status_code == 403
    assert 'href="#person-authority_id"' in response.text
    assert (registry.count(Person), registry.audit_count()) == before


@pytest.mark.parametrize(
    ("path", "data", "field"),
    [
        ("/intern/behoerden", {"slug": "Mit Leerzeichen", "name": "X"}, "behoerde-slug"),
        ("/intern/behoerden", {"slug": "senatskanzlei", "name": "Andere"}, "behoerde-slug"),
        ("/intern/behoerden", {"slug": "x", "name": "y", "website": "ftp://x"}, "behoerde-website"),
        (
            "/intern/behoerden/einheiten",
            {"authority_id": "99999", "name": "X"},
            "einheit-authority_id",
        ),
        ("/intern/personen", {"authority_id": "1", "name": "X", "email": "kein"}, "person-email"),
        ("/intern/personen", {"authority_id": "1", "name": "X", "phone": "abc"}, "person-phone"),
        (
            "/intern/ansprechpartner",
            {"authority_id": "1", "topic": "T"},
            "ansprechpartner-person_id",
        ),
    ],
)
def test_bad_organisation_forms_name_the_field_and_write_nothing(registry, path, data, field):
    before = registry.audit_count()
    response = registry.client("admin").post(
        path, data={**data, "csrf_token": registry.token("admin")}, headers=BROWSER
    )
    assert response.status_code in {409, 422}
    assert f'href="#{field}"' in response.text
    assert f'id="{field}"' in response.text
    assert registry.audit_count() == before
