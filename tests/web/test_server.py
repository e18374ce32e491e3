"""A real uvicorn server on a free local port: pages, negotiation and every download over HTTP."""

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from leitplanke.publish.formats import FORMATS
from leitplanke.web import create_app
from tests.html_pages import page_problems
from tests.web.conftest import BROWSER, MINI


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def served() -> Iterator[httpx.Client]:
    """A uvicorn server in a thread, serving the mini rulebook at its own address."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    config = uvicorn.Config(
        create_app(MINI, base_url), host="127.0.0.1", port=port, log_level="warning", ws="none"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.01)
    with httpx.Client(base_url=base_url, timeout=10) as client:
        yield client
    server.should_exit = True
    thread.join(timeout=10)


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
