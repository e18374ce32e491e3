"""HTTP caching: strong ETags from the bytes, If-None-Match answered with 304, Cache-Control."""

import hashlib

import pytest

from tests.web.conftest import BROWSER

URLS = [
    "/",
    "/rulebook.json",
    "/rules/MA-DS-01",
    "/api/v1/rules?audience=employee",
    "/openapi.json",
    "/assets/leitplanke.css",
]


@pytest.mark.parametrize("url", URLS)
def test_every_response_carries_a_strong_etag_from_its_bytes(client, url):
    response = client.get(url)
    etag = response.headers["etag"]
    assert not etag.startswith("W/")
    assert etag == '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    assert response.headers["cache-control"].startswith("public, max-age=")


@pytest.mark.parametrize("url", URLS)
def test_matching_if_none_match_gets_304_without_a_body(client, url):
    first = client.get(url, headers=BROWSER)
    again = client.get(url, headers={**BROWSER, "If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["cache-control"] == first.headers["cache-control"]


def test_if_none_match_with_another_or_weak_etag_list(client):
    etag = client.get("/rules.csv").headers["etag"]
    assert client.get("/rules.csv", headers={"If-None-Match": '"other"'}).status_code == 200
    listed = f'"other", W/{etag}'
    assert client.get("/rules.csv", headers={"If-None-Match": listed}).status_code == 304


def test_each_negotiated_format_has_its_own_etag(client):
    turtle = client.get("/rulebook", headers={"Accept": "text/turtle"})
    json = client.get("/rulebook", headers={"Accept": "application/json"})
    assert turtle.headers["etag"] != json.headers["etag"]
    stale = {"Accept": "application/json", "If-None-Match": turtle.headers["etag"]}
    assert client.get("/rulebook", headers=stale).status_code == 200


def test_versioned_resources_are_cached_longer_than_current_ones(client):
    def max_age(url: str) -> int:
        return int(client.get(url).headers["cache-control"].split("max-age=")[1])

    assert max_age("/versions/0.9.0") > max_age("/rulebook")
    assert max_age("/api/v1/versions/0.9.0/diff/1.0.0") > max_age("/api/v1/rulebook")


def test_errors_are_not_cached(client):
    response = client.get("/api/v1/rules/XX-YY-99")
    assert response.status_code == 404
    assert response.headers["cache-control"] == "no-cache"
    headers = {"If-None-Match": response.headers["etag"]}
    assert client.get("/api/v1/rules/XX-YY-99", headers=headers).status_code == 404


def test_head_request_gets_the_headers_of_get_without_a_body(client):
    get = client.get("/rulebook.pdf")
    head = client.head("/rulebook.pdf")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-length"] == str(len(get.content))
    assert (
        client.head("/rulebook.pdf", headers={"If-None-Match": get.headers["etag"]}).status_code
        == 304
    )
