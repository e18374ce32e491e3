"""The public list of official presences: the page and its account check, one presence, the
exports (JSON, CSV, JSON-LD) under stable URLs, content negotiation, caching, and never an
internal field."""

import csv
import io
import json
from collections.abc import Iterator

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from tests.web.conftest import BROWSER
from tests.web.registry_setup import BACKENDS, DPIA, Registry, registry_on

SCHEMA = "http://schema.org/"
# What the public never sees: the people, the DPIA, internal notes, versions.
INTERNAL = (DPIA, "Erika", "Max Beispiel", "Lena", "erika.muster@example.org", "Presse")


@pytest.fixture(scope="module", params=BACKENDS)
def registry(request, tmp_path_factory) -> Iterator[Registry]:
    with registry_on(request.param, tmp_path_factory.mktemp("public")) as filled:
        yield filled


@pytest.fixture
def client(registry):
    return registry.client("anonymous")


def test_the_page_lists_active_and_suspended_presences_with_their_authority(registry, client):
    response = client.get("/praesenzen", headers=BROWSER)
    assert response.status_code == 200
    page = response.text
    assert "<h1>Offizielle Social-Media-Präsenzen</h1>" in page
    assert "Senatskanzlei Berlin" in page and "Bezirksamt Pankow auf YouTube" in page
    assert "Senatskanzlei auf Bluesky" not in page  # planned
    assert "Senatskanzlei auf Instagram" not in page  # closed
    assert "<caption>2 von 2 offiziellen Präsenzen</caption>" in page
    assert '<th scope="col">Behörde</th>' in page
    assert f'href="praesenzen/{registry.ids["active"]}"' in page


@pytest.mark.parametrize("viewer", ["anonymous", "admin"])
def test_public_pages_never_show_internal_fields(registry, viewer):
    client = registry.client(viewer)
    for path in (
        "/praesenzen",
        f"/praesenzen/{registry.ids['active']}",
        f"/praesenzen/{registry.ids['suspended']}",
        "/praesenzen.json",
        "/praesenzen.csv",
        "/praesenzen.jsonld",
        "/api/v1/presences",
        f"/api/v1/presences/{registry.ids['active']}",
    ):
        text = client.get(path, headers=BROWSER).text
        for secret in INTERNAL:
            assert secret not in text, (path, secret)


@pytest.mark.parametrize(
    "account",
    [
        "@senatskanzlei@berlin.social",
        "@SenatsKanzlei@Berlin.Social",
        "senatskanzlei@berlin.social",
        "https://berlin.social/@senatskanzlei",
        "berlin.social/@SENATSKANZLEI/",
        "https://www.youtube.com/@bezirksamtpankow",
        "@bezirksamtpankow",
    ],
)
def test_an_official_account_is_confirmed_by_handle_or_address(client, account):
    response = client.get("/praesenzen", params={"konto": account}, headers=BROWSER)
    assert response.status_code == 200
    assert "<strong>Ja, offiziell.</strong>" in response.text
    assert 'role="status"' in response.text


@pytest.mark.parametrize(
    "account",
    [
        "@senatskanzlei",  # the name without the server could be anyone's elsewhere
        "@senatskanzlei@evil.example",
        "senatskanzlei.bsky.social",  # planned, not yet official
        "@senatskanzlei_alt",  # closed
        "https://www.instagram.com/senatskanzlei_alt/",
        "https://berlin.social/@senatskanzlei-fake",
    ],
)
def test_other_accounts_are_clearly_not_official(client, account):
    response = client.get("/praesenzen", params={"konto": account}, headers=BROWSER)
    assert response.status_code == 200
    assert "<strong>Nein, nicht in der Liste.</strong>" in response.text


@pytest.mark.parametrize("account", ["zwei wörter", "@@doppelt", "https://"])
def test_text_that_names_no_account_is_422_with_the_error_at_the_field(client, account):
    response = client.get("/praesenzen", params={"konto": account}, headers=BROWSER)
    assert response.status_code == 422
    assert 'href="#konto-konto"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert response.text.count("<title>Fehler: ") == 1
    data = client.get("/praesenzen", params={"konto": account, "format": "json"})
    assert data.status_code == 422
    assert data.json()["detail"][0]["loc"] == ["query", "konto"]


def test_the_list_filters_by_authority_and_platform(client):
    page = client.get("/praesenzen", params={"behoerde": "ba-pankow"}, headers=BROWSER).text
    assert "Bezirksamt Pankow auf YouTube" in page and "Senatskanzlei Berlin" not in page
    page = client.get("/praesenzen", params={"plattform": "mastodon"}, headers=BROWSER).text
    assert "Senatskanzlei Berlin" in page and "Bezirksamt Pankow auf YouTube" not in page
    assert '<option value="ba-pankow">Bezirksamt Pankow</option>' in page
    page = client.get("/praesenzen", params={"behoerde": "gibt-es-nicht"}, headers=BROWSER).text
    assert "Keine Präsenz entspricht dem Filter." in page
    too_long = client.get("/praesenzen", params={"behoerde": "x" * 81}, headers=BROWSER)
    assert too_long.status_code == 422
    assert "behoerde" in too_long.text


def test_one_presence_has_a_page_and_json_at_its_stable_address(registry, client):
    presence_id = registry.ids["suspended"]
    page = client.get(f"/praesenzen/{presence_id}", headers=BROWSER)
    assert page.status_code == 200
    assert "zurzeit ausgesetzt" in page.text
    assert "Bezirksamt Pankow" in page.text
    data = client.get(f"/praesenzen/{presence_id}", headers={"Accept": "application/json"})
    assert data.headers["content-type"] == "application/json"
    assert data.json()["status"] == "suspended"
    assert data.json() == client.get(f"/api/v1/presences/{presence_id}").json()


@pytest.mark.parametrize("key", ["planned", "closed", "district_planned"])
def test_presences_that_are_not_listed_have_no_public_page(registry, client, key):
    response = client.get(f"/praesenzen/{registry.ids[key]}", headers=BROWSER)
    assert response.status_code == 404
    assert "nicht in der öffentlichen Liste" in response.text
    assert client.get("/praesenzen/99999", headers=BROWSER).status_code == 404


def test_the_json_export_holds_the_list_with_metadata(registry, client):
    response = client.get("/praesenzen.json")
    assert response.headers["content-type"] == "application/json"
    document = response.json()
    assert document["metadata"]["count"] == 2
    assert document["metadata"]["source"] == "http://testserver/praesenzen"
    uris = {presence["uri"] for presence in document["presences"]}
    assert f"http://testserver/praesenzen/{registry.ids['active']}" in uris
    authority = document["presences"][0]["authority"]
    assert authority["uri"].startswith("http://testserver/behoerden/")


def test_the_csv_export_parses_with_one_row_per_presence(registry, client):
    response = client.get("/praesenzen.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    assert {row["handle"] for row in rows} == {"@senatskanzlei@berlin.social", "@bezirksamtpankow"}
    assert {row["authority_name"] for row in rows} == {"Senatskanzlei", "Bezirksamt Pankow"}
    assert "dpia_reference" not in rows[0]


# rdflib's JSON-LD parser builds a ConjunctiveGraph, a class rdflib itself now deprecates.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_the_json_ld_export_is_linked_data_of_schema_org(registry, client):
    response = client.get("/praesenzen.jsonld")
    assert response.headers["content-type"] == "application/ld+json"
    graph = Graph().parse(data=response.content, format="json-ld")
    presence = URIRef(f"http://testserver/praesenzen/{registry.ids['active']}")
    assert (presence, RDF.type, URIRef(SCHEMA + "ProfilePage")) in graph
    authority = URIRef("http://testserver/behoerden/senatskanzlei")
    assert (presence, URIRef(SCHEMA + "mainEntity"), authority) in graph
    assert (authority, URIRef(SCHEMA + "name"), Literal("Senatskanzlei")) in graph
    assert (
        authority,
        URIRef(SCHEMA + "sameAs"),
        URIRef("https://berlin.social/@senatskanzlei"),
    ) in graph


@pytest.mark.parametrize(
    ("accept", "query", "media_type"),
    [
        ("application/json", "", "application/json"),
        ("application/ld+json", "", "application/ld+json"),
        ("text/csv", "", "text/csv; charset=utf-8"),
        (BROWSER["Accept"], "", "text/html; charset=utf-8"),
        (BROWSER["Accept"], "?format=jsonld", "application/ld+json"),
        ("text/html", "?format=csv", "text/csv; charset=utf-8"),
    ],
)
def test_the_list_speaks_every_format_by_accept_or_format(client, accept, query, media_type):
    response = client.get(f"/praesenzen{query}", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.headers["vary"] == "Accept"


def test_a_format_not_offered_is_406(client):
    assert client.get("/praesenzen", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/praesenzen?format=pdf").status_code == 406


def test_the_exports_match_the_files(client):
    files = client.get("/praesenzen.json").json()
    negotiated = client.get("/praesenzen", headers={"Accept": "application/json"}).json()
    assert files == negotiated


@pytest.mark.parametrize(
    "path", ["/praesenzen", "/praesenzen.json", "/praesenzen.csv", "/praesenzen.jsonld"]
)
def test_every_form_of_the_list_is_revalidated_with_its_etag(client, path):
    response = client.get(path, headers=BROWSER)
    assert response.headers["cache-control"] == "no-cache"
    etag = response.headers["etag"]
    again = client.get(path, headers={**BROWSER, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["etag"] == etag


def test_the_public_api_filters_and_checks_accounts(registry, client):
    everything = client.get("/api/v1/presences").json()
    assert [presence["handle"] for presence in everything] == [
        "@bezirksamtpankow",
        "@senatskanzlei@berlin.social",
    ]  # by authority name
    pankow = client.get("/api/v1/presences", params={"authority": "ba-pankow"}).json()
    assert [presence["id"] for presence in pankow] == [registry.ids["suspended"]]
    found = client.get("/api/v1/presences", params={"account": "@SENATSKANZLEI@berlin.social"})
    assert [presence["id"] for presence in found.json()] == [registry.ids["active"]]
    none = client.get("/api/v1/presences", params={"account": "@senatskanzlei_alt"})
    assert none.json() == []
    bad = client.get("/api/v1/presences", params={"account": "zwei wörter"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["query", "account"]


def test_the_navigation_of_every_page_leads_to_the_list(client):
    for path in ("/", "/pruefen", "/praesenzen"):
        assert '<a href="praesenzen">Offizielle Präsenzen</a>' in client.get(path).text


def test_an_authoritys_uri_leads_to_its_presences(client):
    response = client.get("/behoerden/ba-pankow", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "../praesenzen?behoerde=ba-pankow"
    followed = client.get("/behoerden/ba-pankow", headers=BROWSER)
    assert "Bezirksamt Pankow auf YouTube" in followed.text
    assert client.get("/behoerden/gibt-es-nicht", headers=BROWSER).status_code == 404


def test_the_json_of_the_list_is_stable_while_nothing_changes(client):
    first = client.get("/praesenzen.json").content
    assert client.get("/praesenzen.json").content == first
    assert json.loads(first)["metadata"]["generated_at"] != "2000-01-01T00:00:00Z"
