"""A real uvicorn server on a free local port: pages, negotiation and every download over HTTP."""

from collections.abc import Iterator

import httpx
import pytest

from leitplanke.publish.formats import FORMATS
from tests.html_pages import page_problems
from tests.web.conftest import BROWSER


@pytest.fixture(scope="module")
def served(live_server: str) -> Iterator[httpx.Client]:
    """A client of the real server of the mini rulebook (`live_server`)."""
    with httpx.Client(base_url=live_server, timeout=10) as client:
        yield client


def test_real_server_serves_the_start_page_and_a_rule_page(served):
    for path in ("/", "/rules/MA-DS-01.html", "/versions.html", "/changes/0.9.0..1.0.0.html"):
        response = served.get(path, headers=BROWSER)
        assert response.status_code == 200, path
        assert page_problems(response.text) == [], path


def test_real_server_serves_every_download(served):
    for info in FORMATS:
        response = served.get(f"/{info.file}")
        assert response.status_code == 200, info.file
        assert response.headers["content-type"].startswith(info.media_type), info.file
        assert response.content, info.file
    assert served.get("/rulebook.pdf").content.startswith(b"%PDF")


def test_real_server_resolves_the_rule_uri_by_content_negotiation(served):
    uri = served.get("/api/v1/rules/MA-DS-01").json()["uri"]
    assert uri == f"{served.base_url}rules/MA-DS-01"
    turtle = served.get(uri, headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"] == "text/turtle; charset=utf-8"
    assert f"<{uri}>" in turtle.text
    assert served.get(uri, headers=BROWSER).headers["content-type"].startswith("text/html")


def test_real_server_answers_304_to_a_known_etag(served):
    etag = served.get("/rulebook.json").headers["etag"]
    assert served.get("/rulebook.json", headers={"If-None-Match": etag}).status_code == 304
