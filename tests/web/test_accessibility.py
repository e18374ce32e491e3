"""Every page in a real browser: no WCAG 2.1 A/AA violation by axe-core, usable by keyboard and
without JavaScript.

The pages are found by crawling the served mini rulebook from its entry points, so a page
linked from any of them later on is checked without changing these tests.
"""

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from leitplanke.settings import Settings
from leitplanke.web import create_app
from tests.browser import crawl
from tests.live_server import MINI, serve
from tests.web.conftest import PASSWORD
from tests.web.registry_setup import fill

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Pages no link leads to: the form's address, a filtered index (a GET form's answer). Pages
# behind a login: crawl with a context that has logged in (`storage_state=…`), skipping logout.
ENTRY_POINTS = ("", "pruefen", "?audience=employee&aspect=data_protection")
NOT_FOUND = "gibt-es-nicht.html"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()  # axe-core as the package ships it, injected into each page: no network
DRAFT = "Frau Erika Mustermann wohnt in der Musterstraße 5.\nBitte teilen!"


@pytest.fixture(scope="module")
def site_pages(browser: Browser, live_server: str) -> Iterator[list[str]]:
    """The URLs of every HTML page of the served mini rulebook."""
    with browser.new_context() as context:
        yield crawl(context, live_server, ENTRY_POINTS)


def axe_violations(page: Page) -> list[str]:
    """What axe-core finds against WCAG 2.1 A and AA on the page, one line per element."""
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    violations = AXE.run(page, options=options).response["violations"]
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}) at "
        f"{' '.join(map(str, node['target']))}: {violation['help']} ({violation['helpUrl']})"
        for violation in violations
        for node in violation["nodes"]
    ]


def tab_to(page: Page, selector: str, presses: int = 50) -> None:
    """Press Tab until the element `selector` has the focus; fails if it never gets it."""
    target = page.locator(selector)
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{selector} not reached by {presses} presses of Tab on {page.url}")


def focused(page: Page) -> str:
    """The focused element as `tag#id.class`."""
    return str(
        page.evaluate(
            "() => { const e = document.activeElement; return e.localName"
            " + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') }"
        )
    )


def test_the_crawl_reaches_every_page_of_the_rulebook(site_pages, live_server):
    paths = {url.removeprefix(live_server) for url in site_pages}
    wanted = {
        "",
        "index.html",
        "pruefen",
        "versions.html",
        "rules/INST-SP-01.html",
        "rules/MA-DS-01.html",
        "changes/0.9.0..1.0.0.html",
        "?audience=employee&aspect=data_protection",
    }
    assert wanted <= paths, sorted(paths)


def test_every_page_has_no_wcag_21_aa_violation(page, site_pages, live_server):
    elsewhere: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live_server) else elsewhere.append(r.url))
    problems: list[str] = []
    for url in site_pages:
        assert page.goto(url).ok, url
        problems += axe_violations(page)
    assert page.goto(NOT_FOUND).status == 404
    problems += axe_violations(page)
    assert not problems, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(problems)
    assert not elsewhere, f"pages load from other hosts: {elsewhere}"


def test_the_skip_link_is_the_first_stop_and_moves_the_focus_to_the_content(page, site_pages):
    for url in site_pages:
        page.goto(url)
        page.keyboard.press("Tab")
        assert focused(page) == "a.skip-link", url
        assert page.locator("a.skip-link").is_visible(), url
        page.keyboard.press("Enter")
        assert focused(page) == "main#inhalt.wrapper", url


def test_the_check_form_can_be_filled_and_sent_by_keyboard_alone(page):
    page.goto("pruefen")
    tab_to(page, "#entwurf-text")
    page.keyboard.type(DRAFT)
    tab_to(page, "#entwurf-platform")
    page.keyboard.press("ArrowDown")
    assert page.locator("#entwurf-platform").input_value() == "mastodon"
    tab_to(page, ".check-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#ergebnis").is_visible()
    assert page.locator("#entwurf-text").input_value() == DRAFT
    assert page.locator("#entwurf-platform").input_value() == "mastodon"
    assert axe_violations(page) == []


def test_a_blank_draft_comes_back_with_an_error_that_leads_to_its_field(page):
    page.goto("pruefen")
    tab_to(page, "#entwurf-text")
    page.keyboard.type("   ")  # passes the browser's `required`, not the server's check
    tab_to(page, ".check-form button[type=submit]")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 422
    assert page.title().startswith("Fehler: ")
    assert page.locator("#entwurf-text").get_attribute("aria-invalid") == "true"
    tab_to(page, ".error-summary a[href='#entwurf-text']")
    page.keyboard.press("Enter")
    assert page.locator("#entwurf-text").is_visible()
    assert axe_violations(page) == []


def test_the_rule_filter_can_be_chosen_and_applied_by_keyboard_alone(page):
    page.goto("")
    tab_to(page, "#filter-audience")
    page.keyboard.press("ArrowDown")
    assert page.locator("#filter-audience").input_value() != ""
    tab_to(page, "form.filter button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "audience=" in page.url
    assert page.locator("#treffer").inner_text() == "1 von 2 Regeln entsprechen dem Filter."
    assert axe_violations(page) == []


def test_every_page_renders_and_its_forms_work_without_javascript(browser, live_server, site_pages):
    with browser.new_context(base_url=live_server, java_script_enabled=False) as context:
        page = context.new_page()
        for url in site_pages:
            assert page.goto(url).ok, url
            assert page.locator("h1").is_visible(), url
            assert page.locator("main").inner_text().strip(), url
        page.goto("pruefen")
        page.fill("#entwurf-text", DRAFT)
        page.select_option("#entwurf-platform", "bluesky")
        with page.expect_navigation():
            page.click(".check-form button[type=submit]")
        assert page.locator("#ergebnis").is_visible()
        page.goto("")
        page.select_option("#filter-audience", "employee")
        with page.expect_navigation():
            page.click("form.filter button[type=submit]")
        assert page.locator("#treffer").inner_text() == "1 von 2 Regeln entsprechen dem Filter."


# --- the registry, signed in --------------------------------------------------------------------
# A server of its own with a filled registry (presences in every status, people, contact points),
# crawled by an administrator: every internal page a link leads to, and the public list.
REGISTRY_ENTRY_POINTS = (
    "intern",
    "praesenzen",
    "praesenzen?konto=%40senatskanzlei%40berlin.social",
)


@pytest.fixture(scope="module")
def registry_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a server whose registry is filled (see `registry_setup.fill`)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("registry_server"))
    apps = []

    def make_app(base_url: str):
        app = create_app(MINI, base_url, settings)
        fill(app, with_decisions=False)
        apps.append(app)
        return app

    with serve(make_app) as base_url:
        yield base_url
    apps[0].state.database.dispose()


@pytest.fixture(scope="module")
def signed_in_state(browser: Browser, registry_server: str) -> dict:
    """The storage state (session cookie) of an administrator signed in by the login form."""
    with browser.new_context(base_url=registry_server) as context:
        page = context.new_page()
        page.goto("anmelden")
        page.fill("#feld-username", "admin")
        page.fill("#feld-password", PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        assert "Interner Bereich" in page.title(), page.url
        return context.storage_state()


@pytest.fixture(scope="module")
def registry_pages(browser: Browser, registry_server: str, signed_in_state: dict) -> list[str]:
    """Every page an administrator reaches from the internal area and the public list."""
    with browser.new_context(storage_state=signed_in_state) as context:
        return crawl(context, registry_server, REGISTRY_ENTRY_POINTS)


@pytest.fixture
def admin_page(browser: Browser, registry_server: str, signed_in_state: dict) -> Iterator[Page]:
    """A page of a signed-in administrator."""
    with browser.new_context(
        base_url=registry_server, storage_state=signed_in_state, locale="de-DE"
    ) as context:
        yield context.new_page()


def test_the_crawl_reaches_the_registry_pages(registry_pages, registry_server):
    paths = {url.removeprefix(registry_server) for url in registry_pages}
    wanted = {
        "intern/praesenzen",
        "intern/praesenzen/neu",
        "intern/praesenzen/1",
        "intern/praesenzen/1/bearbeiten",
        "intern/behoerden",
        "intern/personen",
        "intern/ansprechpartner",
        "praesenzen",
        "praesenzen/1",
    }
    assert wanted <= paths, sorted(paths)


def test_every_registry_page_has_no_wcag_21_aa_violation_signed_in(admin_page, registry_pages):
    problems: list[str] = []
    for url in registry_pages:
        assert admin_page.goto(url).ok, url
        problems += axe_violations(admin_page)
    assert not problems, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(problems)


def test_registry_forms_with_errors_have_no_violation_and_lead_to_their_fields(admin_page):
    page = admin_page
    page.goto("intern/praesenzen/neu")
    page.fill("#praesenz-name", "x" * 10)
    page.select_option("#praesenz-platform", "mastodon")
    page.fill("#praesenz-handle", "@SENATSKANZLEI@berlin.social")  # taken
    page.fill("#praesenz-purpose", "Zum Testen.")
    page.select_option("#praesenz-authority_id", "1")
    with page.expect_navigation() as navigation:
        page.click("main form.check-form button[type=submit]")
    assert navigation.value.status == 409
    assert page.locator("#praesenz-handle").get_attribute("aria-invalid") == "true"
    problems = axe_violations(page)
    tab_to(page, ".error-summary a[href='#praesenz-handle']")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#praesenz-handle"
    page.goto("praesenzen?konto=zwei+w%C3%B6rter")
    assert page.locator("#konto-konto").get_attribute("aria-invalid") == "true"
    problems += axe_violations(page)
    page.goto("intern/praesenzen/3")  # planned: status form without a choice
    with page.expect_navigation():
        page.click("form[action$='/status'] button[type=submit]")
    assert page.title().startswith("Fehler: ")
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_registry_pages_work_without_javascript(browser, registry_server, signed_in_state):
    with browser.new_context(
        base_url=registry_server, storage_state=signed_in_state, java_script_enabled=False
    ) as context:
        page = context.new_page()
        page.goto("intern/praesenzen/3")
        page.check("#stellvertretung-2")
        with page.expect_navigation():
            page.click("form[action$='/team'] button[type=submit]")
        assert page.locator(".notice").inner_text() == "Das Team wurde gespeichert."
        page.goto("praesenzen")
        page.fill("#konto-konto", "https://berlin.social/@senatskanzlei")
        with page.expect_navigation():
            page.click("form.check-form button[type=submit]")
        assert "Ja, offiziell." in page.locator("#antwort").inner_text()
