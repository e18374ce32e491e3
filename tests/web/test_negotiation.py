"""Content negotiation: the Accept header (or ?format=) picks the format; 406 when none fits."""

import pytest

from leitplanke.web.negotiation import negotiate
from tests.web.conftest import BROWSER

OFFERED = ["text/html", "application/json", "text/turtle"]

# note, Accept header, wanted media type
CASES = [
    ("no header takes the first offer", None, "text/html"),
    ("anything takes the first offer", "*/*", "text/html"),
    ("an exact type wins", "text/turtle", "text/turtle"),
    ("a browser gets HTML", BROWSER["Accept"], "text/html"),
    ("higher quality wins", "text/html;q=0.5, application/json", "application/json"),
    ("a type range matches", "text/*;q=0.9, application/json;q=0.1", "text/html"),
    ("exact beats a range for the same type", "text/*, text/html;q=0", "text/turtle"),
    ("quality zero refuses", "text/html;q=0, */*;q=0.1", "application/json"),
    ("nothing offered fits", "application/xml", None),
    ("malformed entries are skipped", "garbage, application/json", "application/json"),
    ("case does not matter", "Text/Turtle", "text/turtle"),
]


@pytest.mark.parametrize(("accept", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_accept_header_picks_the_offered_media_type(accept, want):
    assert negotiate(accept, OFFERED) == want


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/json", "application/json"),
        ("application/ld+json", "application/ld+json"),
        ("text/turtle", "text/turtle; charset=utf-8"),
        ("application/akn+xml", "application/akn+xml"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("application/pdf", "application/pdf"),
        ("text/html", "text/html; charset=utf-8"),
    ],
)
def test_rulebook_uri_answers_in_the_accepted_format(client, accept, media_type):
    response = client.get("/rulebook", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.headers["vary"] == "Accept"


def test_rulebook_uri_gives_browsers_the_html_page(client):
    response = client.get("/rulebook", headers=BROWSER)
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.content == client.get("/index.html").content


def test_api_answers_json_when_anything_is_accepted(client):
    response = client.get("/api/v1/rulebook", headers={"Accept": "*/*"})
    assert response.headers["content-type"] == "application/json"
    assert response.json()["id"] == "mini-test"


@pytest.mark.parametrize(
    ("url", "accept"),
    [
        ("/rulebook", "application/xml"),
        ("/rules/MA-DS-01", "application/pdf"),
        ("/api/v1/rules", "text/html"),
        ("/versions/1.0.0", "image/png"),
        ("/api/v1/versions/0.9.0/diff/1.0.0", "text/turtle"),
    ],
)
def test_unsupported_format_is_406_naming_the_available_ones(client, url, accept):
    response = client.get(url, headers={"Accept": accept})
    assert response.status_code == 406
    assert "Verfügbar:" in response.text


@pytest.mark.parametrize(
    ("format_name", "media_type"),
    [("jsonld", "application/ld+json"), ("turtle", "text/turtle; charset=utf-8")],
)
def test_format_parameter_overrides_the_accept_header(client, format_name, media_type):
    response = client.get(f"/api/v1/rules/MA-DS-01?format={format_name}", headers=BROWSER)
    assert response.headers["content-type"] == media_type


def test_unknown_format_parameter_is_406(client):
    assert client.get("/rulebook?format=docx").status_code == 406


def test_rule_uri_answers_html_json_linked_data_and_csv(client):
    for accept, check in [
        ("text/html", lambda r: "<h1>" in r.text),
        ("application/json", lambda r: r.json()["id"] == "MA-DS-01"),
        ("text/turtle", lambda r: "<http://testserver/rules/MA-DS-01>" in r.text),
        ("application/ld+json", lambda r: "http://testserver/rules/MA-DS-01" in r.text),
        ("text/csv", lambda r: r.text.splitlines()[1].startswith("MA-DS-01,")),
    ]:
        response = client.get("/rules/MA-DS-01", headers={"Accept": accept})
        assert response.status_code == 200, accept
        assert check(response), accept


def test_linked_data_uris_resolve_on_the_served_address(client):
    document = client.get("/api/v1/rulebook").json()
    uris = [document["uri"], document["version_uri"]]
    for rule in document["rules"]:
        uris += [rule["uri"], rule["version_uri"], rule["page_url"]]
    uris += [version["uri"] for version in document["versions"]]
    for uri in uris:
        assert uri.startswith("http://testserver/")
        for accept in ("text/html", "text/turtle", "application/json"):
            response = client.get(uri, headers={"Accept": accept})
            assert response.status_code == 200, (uri, accept)


def test_older_version_is_served_as_it_was(client):
    old = client.get("/versions/0.9.0", headers={"Accept": "application/json"}).json()
    assert old["version"] == "0.9.0"
    assert [rule["id"] for rule in old["rules"]] == ["INST-SP-01"]
    assert old["rules"][0]["level"] == "soll"
    page = client.get("/versions/0.9.0", headers=BROWSER)
    assert "aktuelle Fassung 1.0.0" in page.text
    turtle = client.get("/versions/0.9.0", headers={"Accept": "text/turtle"})
    assert "http://testserver/versions/0.9.0" in turtle.text


def test_dcat_record_is_negotiated_between_turtle_and_jsonld(client):
    turtle = client.get("/dcat", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "dcat:Dataset" in turtle.text
    jsonld = client.get("/dcat", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert client.get("/dcat", headers={"Accept": "application/pdf"}).status_code == 406
