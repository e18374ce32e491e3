"""The public list as JSON, CSV and JSON-LD: same presences, same order, stable URIs."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from leitplanke.registry.exports import (
    CSV_COLUMNS,
    DL_ZERO,
    EXPORT_FORMATS,
    Listing,
    presences_csv,
    presences_json,
    presences_jsonld,
)
from leitplanke.registry.queries import public_presences
from leitplanke.registry.schemas import AuthorityPublic, PresencePublic
from leitplanke.registry.tables import PresenceStatus
from tests.registry.conftest import add_presence
from tests.registry.test_status import put_in_status

# rdflib's JSON-LD parser builds a ConjunctiveGraph, a class rdflib itself now deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

SCHEMA = Namespace("http://schema.org/")
BASE = "https://www.berlin.de/leitplanke/"
LISTING = Listing(BASE, DL_ZERO, datetime(2026, 12, 1, 9, 30, tzinfo=UTC))
SENATE = AuthorityPublic(
    id=1,
    slug="senatskanzlei",
    name="Senatskanzlei",
    short_name="SKzl",
    website="https://www.berlin.de/rbmskzl/",
)
PANKOW = AuthorityPublic(
    id=2, slug="ba-pankow", name="Bezirksamt Pankow", short_name=None, website=None
)


def presence(presence_id, authority, platform, handle, **changes):
    values = {
        "id": presence_id,
        "name": f"{authority.name} auf {platform}",
        "platform": platform,
        "handle": handle,
        "url": f"https://{platform}.example/{handle.lstrip('@')}",
        "purpose": "Informationen, Termine; „Hinweise“,\nin zwei Zeilen.",
        "status": PresenceStatus.ACTIVE,
        "status_since": datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
        "authority": authority,
        "imprint_url": "https://www.berlin.de/impressum/",
        "privacy_notice_url": "https://www.berlin.de/datenschutz/",
        "berlin_de_url": None,
    }
    return PresencePublic.model_validate(values | changes)


PRESENCES = [
    presence(3, SENATE, "mastodon", "@senatskanzlei@berlin.social"),
    presence(7, SENATE, "instagram", "Senatskanzlei", status=PresenceStatus.SUSPENDED),
    presence(5, PANKOW, "mastodon", "@pankow@berlin.social", url=None, imprint_url=None),
    presence(4, SENATE, "instagram", "@berlin", berlin_de_url="https://www.berlin.de/sm/"),
]
ORDER = [5, 4, 7, 3]  # authority name, then platform, then handle without case and "@"


def test_json_has_metadata_and_the_presences_in_a_stable_order():
    document = json.loads(presences_json(PRESENCES, LISTING))
    assert document["metadata"] == {
        "title": "Offizielle Social-Media-Präsenzen",
        "generated_at": "2026-12-01T09:30:00Z",
        "count": 4,
        "statuses": ["active", "suspended"],
        "licence": {
            "title": "Datenlizenz Deutschland – Zero – Version 2.0",
            "uri": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
        },
        "source": f"{BASE}praesenzen",
    }
    entries = document["presences"]
    assert [entry["id"] for entry in entries] == ORDER
    first = entries[0]
    assert list(first) == [
        "id",
        "uri",
        "name",
        "platform",
        "handle",
        "url",
        "purpose",
        "status",
        "status_since",
        "authority",
        "imprint_url",
        "privacy_notice_url",
        "berlin_de_url",
    ]
    assert first["uri"] == f"{BASE}praesenzen/5"
    assert first["authority"] == {
        "uri": f"{BASE}behoerden/ba-pankow",
        "id": 2,
        "slug": "ba-pankow",
        "name": "Bezirksamt Pankow",
        "short_name": None,
        "website": None,
    }
    assert first["status_since"] == "2026-03-01T12:00:00Z"


@pytest.mark.parametrize("name", sorted(EXPORT_FORMATS))
def test_every_format_gives_equal_bytes_for_equal_input_in_any_order(name):
    render = EXPORT_FORMATS[name].render
    assert render(PRESENCES, LISTING) == render(list(reversed(PRESENCES)), LISTING)


def test_csv_has_a_header_and_reads_back_to_the_same_values():
    data = presences_csv(PRESENCES, LISTING)
    text = data.decode("utf-8")
    assert text.startswith(",".join(CSV_COLUMNS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [int(row["id"]) for row in rows] == ORDER
    pankow, *_, senate_mastodon = rows
    assert pankow["url"] == "" and pankow["imprint_url"] == ""
    assert pankow["authority_uri"] == f"{BASE}behoerden/ba-pankow"
    assert senate_mastodon["purpose"] == "Informationen, Termine; „Hinweise“,\nin zwei Zeilen."
    assert senate_mastodon["authority_short_name"] == "SKzl"
    assert senate_mastodon["status_since"] == "2026-03-01T12:00:00Z"
    assert set(rows[0]) == set(CSV_COLUMNS)


def test_an_empty_list_is_still_a_valid_file_in_every_format():
    assert json.loads(presences_json([], LISTING))["presences"] == []
    assert presences_csv([], LISTING).decode() == ",".join(CSV_COLUMNS) + "\r\n"
    graph = Graph().parse(data=presences_jsonld([], LISTING), format="json-ld")
    assert (URIRef(f"{BASE}praesenzen"), RDF.type, SCHEMA.Dataset) in graph


def test_json_ld_names_each_authority_and_its_accounts():
    graph = Graph().parse(data=presences_jsonld(PRESENCES, LISTING), format="json-ld")
    senate = URIRef(f"{BASE}behoerden/senatskanzlei")
    pankow = URIRef(f"{BASE}behoerden/ba-pankow")
    assert (senate, RDF.type, SCHEMA.GovernmentOrganization) in graph
    assert (senate, SCHEMA.name, Literal("Senatskanzlei")) in graph
    assert (senate, SCHEMA.alternateName, Literal("SKzl")) in graph
    assert (senate, SCHEMA.url, URIRef("https://www.berlin.de/rbmskzl/")) in graph
    assert set(graph.objects(senate, SCHEMA.sameAs)) == {
        URIRef("https://mastodon.example/senatskanzlei@berlin.social"),
        URIRef("https://instagram.example/Senatskanzlei"),
        URIRef("https://instagram.example/berlin"),
    }
    assert (pankow, RDF.type, SCHEMA.GovernmentOrganization) in graph
    assert not set(graph.objects(pankow, SCHEMA.sameAs))  # its account has no URL


def test_json_ld_describes_each_presence_as_a_profile_page():
    graph = Graph().parse(data=presences_jsonld(PRESENCES, LISTING), format="json-ld")
    pages = set(graph.subjects(RDF.type, SCHEMA.ProfilePage))
    assert pages == {URIRef(f"{BASE}praesenzen/{presence_id}") for presence_id in ORDER}
    page = URIRef(f"{BASE}praesenzen/7")
    assert (page, SCHEMA.mainEntity, URIRef(f"{BASE}behoerden/senatskanzlei")) in graph
    assert (page, SCHEMA.url, URIRef("https://instagram.example/Senatskanzlei")) in graph
    assert (page, SCHEMA.creativeWorkStatus, Literal("suspended")) in graph
    assert (page, SCHEMA.isPartOf, URIRef(f"{BASE}praesenzen")) in graph
    identifier = graph.value(page, SCHEMA.identifier)
    assert isinstance(identifier, BNode)
    assert (identifier, RDF.type, SCHEMA.PropertyValue) in graph
    assert (identifier, SCHEMA.propertyID, Literal("instagram")) in graph
    assert (identifier, SCHEMA.value, Literal("Senatskanzlei")) in graph
    assert set(graph.objects(URIRef(f"{BASE}praesenzen/4"), SCHEMA.relatedLink)) == {
        URIRef("https://www.berlin.de/impressum/"),
        URIRef("https://www.berlin.de/datenschutz/"),
        URIRef("https://www.berlin.de/sm/"),
    }
    dataset = URIRef(f"{BASE}praesenzen")
    assert (dataset, SCHEMA.license, URIRef(DL_ZERO.uri)) in graph


def test_a_base_url_without_a_closing_slash_is_refused():
    with pytest.raises(ValueError, match="must end with"):
        Listing("https://www.berlin.de/leitplanke")


def test_the_public_list_from_the_database_exports_without_people(sessions, world):
    presence_id = add_presence(sessions, world)
    add_presence(sessions, world, handle="@geplant@berlin.social")
    put_in_status(sessions, presence_id, PresenceStatus.ACTIVE)
    with sessions() as session:
        listed = public_presences(session)
    text = presences_json(listed, Listing(BASE)).decode()
    assert [entry["id"] for entry in json.loads(text)["presences"]] == [presence_id]
    for secret in ("Erika", "Max", "erika.muster@", "9026", "Presse"):
        assert secret not in text
