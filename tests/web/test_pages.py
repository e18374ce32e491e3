"""The served site: every published file at its path, the filtered start page, German errors."""

from urllib.parse import urlsplit

import pytest

from leitplanke.publish.formats import FORMATS
from leitplanke.rulebook.loader import BUNDLED
from leitplanke.web import create_app
from tests.html_pages import is_relative, links, page_problems, resolve
from tests.web.conftest import BASE_URL, BROWSER, TestClient


def test_every_artifact_is_served_at_its_path_with_its_media_type(app, client):
    for path, artifact in app.state.site.artifacts.items():
        response = client.get(f"/{path}")
        assert response.status_code == 200, path
        assert response.content == artifact.content, path
        assert response.headers["content-type"].split(";")[0] == artifact.media_type.split(";")[0]


def test_every_format_of_the_catalogue_can_be_downloaded(client):
    for info in FORMATS:
        response = client.get(f"/{info.file}")
        assert response.status_code == 200, info.file
        assert response.headers["content-type"].startswith(info.media_type), info.file


def test_start_page_filters_on_the_server(client):
    response = client.get("/?audience=employee&aspect=data_protection")
    assert response.status_code == 200
    assert page_problems(response.text) == []
    assert 'id="MA-DS-01"' in response.text
    assert 'id="INST-SP-01"' not in response.text
    assert '<option value="employee" selected>' in response.text


def test_filter_form_with_everything_chosen_shows_all_rules(client):
    response = client.get("/index.html?audience=&aspect=&level=")
    assert response.content == client.get("/index.html").content


def test_unknown_filter_value_on_the_start_page_is_a_german_error_page(client):
    response = client.get("/?aspect=quatsch", headers=BROWSER)
    assert response.status_code == 422
    assert page_problems(response.text) == []
    assert "„aspect“" in response.text


@pytest.mark.parametrize("url", ["/gibt-es-nicht", "/rules/XX-YY-99", "/a/b/c.html"])
def test_unknown_page_is_a_german_404_page_in_the_browser(client, url):
    response = client.get(url, headers=BROWSER)
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert page_problems(response.text) == []
    assert "<h1>Seite nicht gefunden</h1>" in response.text
    for link in links(response.text):
        if is_relative(link) and not link.startswith("#"):
            assert client.get(resolve(f"{BASE_URL}{url[1:]}", link)).status_code == 200


def test_unknown_page_is_json_for_programs(client):
    response = client.get("/gibt-es-nicht")
    assert response.status_code == 404
    assert "gibt es keine Seite" in response.json()["detail"]


def test_pages_are_sent_with_security_headers(client):
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_every_link_of_the_served_site_leads_to_a_page(client):
    """Crawl from the start page: every link on the served address answers 200."""
    problems, pages = crawl(client, BASE_URL)
    assert problems == []
    assert len(pages) > 20


@pytest.mark.slow
def test_every_link_of_the_served_bundled_rulebook_leads_to_a_page():
    problems, pages = crawl(TestClient(create_app(BUNDLED, BASE_URL)), BASE_URL)
    assert problems == []
    assert len(pages) > 100


def crawl(client, start: str) -> tuple[list[str], set[str]]:
    """Follow every link below `start`; the problems found and the pages seen."""
    problems: list[str] = []
    seen: set[str] = set()
    queue = [start]
    while queue:
        page = urlsplit(queue.pop())._replace(fragment="").geturl()
        if page in seen:
            continue
        seen.add(page)
        response = client.get(page, headers=BROWSER)
        if response.status_code != 200:
            problems.append(f"{page}: {response.status_code}")
            continue
        if response.headers["content-type"].startswith("text/html"):
            problems += [f"{page} {problem}" for problem in page_problems(response.text)]
            queue += [resolve(page, link) for link in links(response.text)]
        queue = [url for url in queue if url.startswith(start)]
    return problems, seen


class ExplodingArtifacts(dict):
    def get(self, key, default=None):
        raise RuntimeError("kaputt")


def test_unexpected_error_is_a_german_500_page(app, monkeypatch):
    monkeypatch.setattr(app.state.site, "artifacts", ExplodingArtifacts())
    response = TestClient(app, raise_server_exceptions=False).get("/x.txt", headers=BROWSER)
    assert response.status_code == 500
    assert "<h1>Interner Fehler</h1>" in response.text
    assert page_problems(response.text) == []
