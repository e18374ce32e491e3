"""The scans' internal pages: the list with filter and start form, a scan's page with status,
summary and report, cancelling; roles, CSRF, errors at their fields, no scan of a non-public
address through the form; and the same pages in a browser (axe-core, keyboard, no JavaScript).
"""

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, Page

from leitplanke.settings import Settings
from leitplanke.web import create_app
from leitplanke.web.scan_view import make_scan_runner
from tests.live_server import serve
from tests.web.conftest import BROWSER, MINI, PASSWORD
from tests.web.registry_setup import BACKENDS, SIGNED_IN, VIEWERS, Registry, fill
from tests.web.scan_setup import (
    RUN_SCAN,
    local_runner,
    scan_count,
    scanning_registry,
    served_site,
    wait_for,
)
from tests.web.test_accessibility import axe_violations, tab_to

NEW_SCAN = re.compile(r"/intern/scans/(\d+)\?hinweis=gestartet$")


@pytest.fixture(scope="module")
def local_site() -> Iterator[str]:
    with served_site() as base_url:
        yield base_url


@pytest.fixture(scope="module", params=BACKENDS)
def registry(request, tmp_path_factory) -> Iterator[Registry]:
    with scanning_registry(request.param, tmp_path_factory.mktemp("scan_pages")) as filled:
        yield filled


def post_form(registry: Registry, viewer: str, path: str, **fields: str):
    """The form sent by the viewer's browser, with the session's token."""
    data = {"csrf_token": registry.token(viewer), **fields}
    return registry.client(viewer).post(path, data=data, headers=BROWSER, follow_redirects=False)


def started(registry: Registry, viewer: str = "admin", **fields: str) -> int:
    """Starts a scan through the form; its number."""
    response = post_form(registry, viewer, "/intern/scans", **fields)
    assert response.status_code == 303, response.text
    found = NEW_SCAN.search(response.headers["location"])
    assert found, response.headers["location"]
    return int(found.group(1))


# --- who sees and starts --------------------------------------------------------------------


@pytest.mark.parametrize("viewer", VIEWERS)
def test_every_role_reads_the_list_and_only_scanners_see_the_form(registry, viewer):
    response = registry.client(viewer).get("/intern/scans", headers=BROWSER, follow_redirects=False)
    if viewer not in SIGNED_IN:
        assert response.status_code == 303
        assert response.headers["location"].startswith("/anmelden?weiter=%2Fintern%2Fscans")
        return
    assert response.status_code == 200
    assert "<h1>Scans von Websites</h1>" in response.text
    assert ('id="scan-url"' in response.text) is (viewer in RUN_SCAN)


@pytest.mark.parametrize("viewer", ["staff", "reviewer"])
def test_roles_without_the_permission_cannot_start_a_scan(registry, local_site, viewer):
    before = scan_count(registry)
    response = post_form(registry, viewer, "/intern/scans", url=local_site)
    assert response.status_code == 403
    assert scan_count(registry) == before


def test_the_form_without_the_token_is_refused(registry, local_site):
    before = scan_count(registry)
    response = registry.client("admin").post(
        "/intern/scans", data={"url": local_site}, headers=BROWSER
    )
    assert response.status_code == 403
    assert "Sicherheitstoken" in response.text
    assert scan_count(registry) == before


def test_the_internal_start_page_links_to_the_scans(registry):
    page = registry.client("staff").get("/intern", headers=BROWSER).text
    assert 'href="intern/scans"' in page


def test_a_presence_page_leads_to_its_scans_with_the_form_set_for_it(registry):
    presence_id = registry.ids["active"]
    client = registry.client("editor")
    page = client.get(f"/intern/praesenzen/{presence_id}", headers=BROWSER).text
    link = f'href="../../intern/scans?praesenz={presence_id}"'
    assert link in page
    listed = client.get(f"/intern/scans?praesenz={presence_id}", headers=BROWSER).text
    assert listed.count(f'<option value="{presence_id}" selected>') == 2  # filter and form


# --- a scan, start to end ----------------------------------------------------------------------


def test_a_scan_started_by_form_shows_its_status_then_its_summary_and_report(registry, local_site):
    scan_id = started(
        registry,
        "editor",
        url=local_site,
        authority_id=str(registry.ids["senate"]),
        presence_id=str(registry.ids["active"]),
        browser="nein",
        depth="1",
        max_pages="3",
    )
    client = registry.client("staff")
    first = client.get(f"/intern/scans/{scan_id}?hinweis=gestartet", headers=BROWSER)
    assert first.status_code == 200
    assert '<p class="notice" role="status">Der Scan wurde gestartet.' in first.text
    assert "Senatskanzlei" in first.text
    wait_for(registry, scan_id)
    page = client.get(f"/intern/scans/{scan_id}", headers=BROWSER).text
    assert "Status: <strong>fertig</strong>" in page
    assert "3 von höchstens 3 Seiten geprüft" in page
    assert "<caption>Zusammenfassung für " in page
    assert f'href="../../intern/scans/{scan_id}/bericht"' in page
    assert f'href="../../api/v1/scans/{scan_id}/report?format=sarif"' in page
    assert "Scan abbrechen" not in page  # it has ended
    report = client.get(f"/intern/scans/{scan_id}/bericht", headers=BROWSER)
    assert report.status_code == 200
    assert report.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>Prüfbericht" in report.text
    assert report.headers["content-security-policy"].startswith("default-src 'none'")
    listed = client.get("/intern/scans", headers=BROWSER).text
    assert f'href="../intern/scans/{scan_id}"' in listed


def test_the_list_is_filtered_by_authority_and_presence(registry, local_site):
    ids = registry.ids
    senate = started(registry, url=local_site, depth="0", authority_id=str(ids["senate"]))
    district = started(registry, url=local_site, depth="0", presence_id=str(ids["suspended"]))
    client = registry.client("staff")
    by_authority = client.get(f"/intern/scans?behoerde={ids['district']}", headers=BROWSER).text
    assert f">Nr. {district}<" in by_authority and f">Nr. {senate}<" not in by_authority
    assert "(gefiltert)" in by_authority
    by_presence = client.get(f"/intern/scans?praesenz={ids['suspended']}", headers=BROWSER).text
    assert f">Nr. {district}<" in by_presence and f">Nr. {senate}<" not in by_presence
    nothing = client.get(f"/intern/scans?praesenz={ids['closed']}", headers=BROWSER).text
    assert "Kein Scan entspricht dem Filter." in nothing
    assert client.get("/intern/scans?status=kaputt", headers=BROWSER).status_code == 422
    for scan_id in (senate, district):
        wait_for(registry, scan_id)


def test_a_running_scan_is_cancelled_from_its_page(registry, local_site):
    scan_id = started(registry, "dpo", url=local_site, depth="3", max_pages="50")
    page = registry.client("dpo").get(f"/intern/scans/{scan_id}", headers=BROWSER).text
    assert "Seite neu laden" in page and "Scan abbrechen" in page
    assert (
        "Scan abbrechen"
        not in registry.client("staff").get(f"/intern/scans/{scan_id}", headers=BROWSER).text
    )
    refused = post_form(registry, "staff", f"/intern/scans/{scan_id}/abbrechen")
    assert refused.status_code == 403
    response = post_form(registry, "dpo", f"/intern/scans/{scan_id}/abbrechen")
    assert response.status_code == 303
    assert response.headers["location"].startswith(f"/intern/scans/{scan_id}?hinweis=")
    assert wait_for(registry, scan_id, timeout=10)["status"] == "cancelled"
    again = post_form(registry, "dpo", f"/intern/scans/{scan_id}/abbrechen")
    assert again.status_code == 409
    assert "schon beendet" in again.text


def test_unknown_scans_and_reports_not_yet_made_are_error_pages(registry, local_site):
    client = registry.client("admin")
    assert client.get("/intern/scans/999999", headers=BROWSER).status_code == 404
    assert client.get("/intern/scans/999999/bericht", headers=BROWSER).status_code == 404
    assert post_form(registry, "admin", "/intern/scans/999999/abbrechen").status_code == 404
    own = registry.app.state.scan_runner
    registry.app.state.scan_runner = local_runner(registry.app)  # not started: the scan waits
    try:
        scan_id = started(registry, url=local_site)
        waiting = client.get(f"/intern/scans/{scan_id}/bericht", headers=BROWSER)
        assert waiting.status_code == 409
        assert "noch kein Ergebnis" in waiting.text
        assert (
            "Status: <strong>wartet</strong>"
            in client.get(f"/intern/scans/{scan_id}", headers=BROWSER).text
        )
    finally:
        registry.app.state.scan_runner = own
    own.wake()
    wait_for(registry, scan_id)


# --- errors at their fields -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.8/",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost/",
        "http://[::1]:8000/",
    ],
)
def test_the_form_refuses_non_public_addresses_at_the_url_field(registry, url):
    own = registry.app.state.scan_runner
    app = registry.app
    app.state.scan_runner = make_scan_runner(
        app.state.settings, app.state.sessions, app.state.site.publication
    )
    try:
        before = scan_count(registry)
        response = post_form(registry, "admin", "/intern/scans", url=url)
    finally:
        app.state.scan_runner = own
    assert response.status_code == 422
    assert response.text.count('href="#scan-url"') == 1
    assert 'id="scan-url"' in response.text and 'aria-invalid="true"' in response.text
    assert "Diese Adresse wird nicht geprüft" in response.text
    assert "nicht öffentlichen Adresse" in response.text
    assert f'value="{url}"' in response.text  # the input kept
    assert response.text.count("<title>Fehler: Scans") == 1
    assert scan_count(registry) == before


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"url": ""}, "url", "Pflichtfeld"),
        ({"url": "file:///etc/passwd"}, "url", "https:// oder http://"),
        ({"url": "LOCAL", "depth": "9"}, "depth", "höchstens 5"),
        ({"url": "LOCAL", "depth": "zwei"}, "depth", "Tiefe"),
        ({"url": "LOCAL", "max_pages": "500"}, "max_pages", "höchstens 50"),
        ({"url": "LOCAL", "browser": "vielleicht"}, "browser", "Art der Prüfung"),
        ({"url": "LOCAL", "authority_id": "99999"}, "authority_id", "gibt es nicht"),
        (
            {"url": "LOCAL", "authority_id": "district", "presence_id": "active"},
            "presence_id",
            "gehört nicht zur gewählten Behörde",
        ),
    ],
)
def test_bad_input_comes_back_with_the_error_at_its_field(
    registry, local_site, fields, field, message
):
    fields = {
        key: local_site if value == "LOCAL" else str(registry.ids.get(value, value))
        for key, value in fields.items()
    }
    before = scan_count(registry)
    response = post_form(registry, "editor", "/intern/scans", **fields)
    assert response.status_code == 422
    assert f'<a href="#scan-{field}">' in response.text
    assert message in response.text
    assert scan_count(registry) == before


# --- in a browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scan_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with a filled registry whose scans may reach 127.0.0.1."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("scan_server"))
    apps = []

    def make_app(base_url: str):
        app = create_app(MINI, base_url, settings)
        fill(app, with_decisions=False)
        app.state.scan_runner = local_runner(app)
        apps.append(app)
        return app

    with serve(make_app) as base_url:
        yield base_url
    apps[0].state.database.dispose()


@contextmanager
def admin_page(browser: Browser, base_url: str, *, javascript: bool) -> Iterator[Page]:
    """A page of an administrator signed in through the login form."""
    with browser.new_context(base_url=base_url, java_script_enabled=javascript) as context:
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.goto("anmelden")
        page.fill("#feld-username", "admin")
        page.fill("#feld-password", PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        yield page


def finished(page: Page) -> None:
    """Follows the page's reload link until its scan has ended."""
    deadline = time.monotonic() + 30
    while page.locator("a", has_text="Seite neu laden").count():
        assert time.monotonic() < deadline, "the scan did not end"
        time.sleep(0.2)
        with page.expect_navigation():
            page.click("text=Seite neu laden")


@pytest.mark.browser
@pytest.mark.slow
def test_the_scan_pages_have_no_wcag_violation(browser, scan_server, local_site):
    problems: list[str] = []
    with admin_page(browser, scan_server, javascript=True) as page:
        page.goto("intern/scans")
        problems += axe_violations(page)
        page.fill("#scan-url", "http://10.0.0.1/")
        with page.expect_navigation() as navigation:
            page.click("form.check-form button[type=submit]")
        assert navigation.value.status == 422
        assert page.title().startswith("Fehler: ")
        problems += axe_violations(page)
        tab_to(page, ".error-summary a[href='#scan-url']")
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#scan-url"
        page.fill("#scan-url", local_site + "plugins/youtube.html")
        page.fill("#scan-depth", "0")
        with page.expect_navigation():
            page.click("form.check-form button[type=submit]")
        problems += axe_violations(page)
        finished(page)
        assert "fertig" in page.locator("#stand").inner_text()
        problems += axe_violations(page)
        page.goto("intern/scans")
        problems += axe_violations(page)  # the list with a scan in it
        page.go_back()
        page.click("text=Vollständiger Bericht")
        assert page.locator("h1").inner_text().startswith("Prüfbericht")
        problems += axe_violations(page)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.slow
def test_a_scan_is_started_and_followed_without_javascript(browser, scan_server, local_site):
    with admin_page(browser, scan_server, javascript=False) as page:
        page.goto("intern/scans")
        page.fill("#scan-url", local_site)
        page.select_option("#scan-authority_id", "1")
        page.check("#scan-browser-nein")
        page.fill("#scan-depth", "1")
        page.fill("#scan-max_pages", "2")
        with page.expect_navigation():
            page.click("form.check-form button[type=submit]")
        assert "Der Scan wurde gestartet" in page.locator(".notice").inner_text()
        finished(page)
        assert "2 von höchstens 2 Seiten geprüft" in page.locator("#stand").inner_text()
        with page.expect_navigation():
            page.click("text=Vollständiger Bericht")
        assert page.locator("h1").is_visible()
