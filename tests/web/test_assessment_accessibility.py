"""The decision process's pages in a real browser: no WCAG 2.1 A/AA violation by axe-core,
errors that lead to their field, a sign-off by keyboard alone, questions shown without script."""

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from leitplanke.accounts.roles import Role
from leitplanke.accounts.sessions import start_session
from leitplanke.accounts.tables import User
from leitplanke.database.engine import transaction
from leitplanke.registry.tables import Authority
from leitplanke.rulebook.loader import BUNDLED
from leitplanke.settings import Settings
from leitplanke.web import create_app
from leitplanke.web.authentication import SESSION_COOKIE
from tests.assessments.approved import APPROVED_ANSWERS
from tests.browser import TIMEOUT, crawl
from tests.live_server import serve
from tests.web.assessment_data import add_presence, answered
from tests.web.test_accessibility import axe_violations, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@dataclass(frozen=True)
class Served:
    """The server's address, the session cookies of an editor and a reviewer, two assessments."""

    base_url: str
    editor: str
    reviewer: str
    complete: int
    partial: int


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("klaerung")
    settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'db.sqlite3'}")
    apps = []

    def make_app(base_url: str):
        apps.append(create_app(BUNDLED, base_url, settings))
        return apps[0]

    with serve(make_app) as base_url:
        app = apps[0]
        with transaction(app.state.sessions) as session:
            authority = Authority(slug="testbehoerde", name="Senatsverwaltung für Tests")
            session.add(authority)
            session.flush()
            complete = add_presence(session, authority.id, "Fertig")
            partial = add_presence(session, authority.id, "Halb")
            cookies = []
            for username, role, authority_id in (
                ("redaktion", Role.EDITOR, authority.id),
                ("freigabe", Role.REVIEWER, None),
            ):
                user = User(
                    username=username,
                    display_name=username.title(),
                    role=role,
                    authority_id=authority_id,
                )
                session.add(user)
                session.flush()
                cookies.append(start_session(session, user, 1)[0])
        complete_id, _ = answered(app, complete, APPROVED_ANSWERS)
        partial_answers = {"zweck-aufgabe": "Information", "plattform-wahl": "facebook"}
        partial_id, _ = answered(app, partial, partial_answers)
        yield Served(base_url, cookies[0], cookies[1], complete_id, partial_id)
        app.state.database.dispose()


def context_of(
    browser: Browser, served: Served, cookie: str, *, javascript: bool = True
) -> BrowserContext:
    """A German browser context signed in with the session `cookie`. The pages load no script,
    so JavaScript changes nothing for them; axe-core needs it to run."""
    context = browser.new_context(
        base_url=served.base_url, locale="de-DE", java_script_enabled=javascript
    )
    context.set_default_timeout(TIMEOUT)
    host = urlsplit(served.base_url).hostname
    context.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "domain": host, "path": "/"}])
    return context


@pytest.fixture
def editor_page(browser: Browser, served: Served) -> Iterator[Page]:
    with context_of(browser, served, served.editor) as context:
        yield context.new_page()


@pytest.fixture
def editor_page_without_javascript(browser: Browser, served: Served) -> Iterator[Page]:
    with context_of(browser, served, served.editor, javascript=False) as context:
        yield context.new_page()


@pytest.fixture
def reviewer_page(browser: Browser, served: Served) -> Iterator[Page]:
    with context_of(browser, served, served.reviewer) as context:
        yield context.new_page()


def test_every_page_of_the_process_has_no_wcag_21_aa_violation(browser, served):
    with context_of(browser, served, served.editor) as context:
        internal = f"{served.base_url}intern/"
        pages = crawl(
            context,
            served.base_url,
            ["intern/klaerungen"],
            skip=lambda url: not url.startswith(internal),
        )
        assert len(pages) > 20, pages
        page = context.new_page()
        problems: list[str] = []
        for url in pages:
            assert page.goto(url).ok, url
            problems += axe_violations(page)
    assert not problems, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(problems)


def test_a_bad_answer_comes_back_with_an_error_that_leads_to_its_question(editor_page, served):
    page = editor_page
    page.goto(f"intern/klaerungen/{served.partial}/schritte/verantwortung")
    tab_to(page, "#feld-verantwortung-redaktion")
    page.keyboard.type("viele")
    tab_to(page, "button[value=weiter]")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 422
    assert page.title().startswith("Fehler: ")
    field = page.locator("#feld-verantwortung-redaktion")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == "viele"
    tab_to(page, ".error-summary a[href='#feld-verantwortung-redaktion']")
    page.keyboard.press("Enter")
    assert field.is_visible()
    assert axe_violations(page) == []


def test_a_question_shown_by_an_answer_appears_after_saving_without_javascript(
    editor_page_without_javascript, served
):
    page = editor_page_without_javascript
    page.goto(f"intern/klaerungen/{served.partial}/schritte/plattform")
    assert page.locator("#feld-plattform-instanz").count() == 0
    page.locator("label[for='feld-plattform-wahl']").click()  # Mastodon, the first option
    with page.expect_navigation():
        page.locator("button[value=weiter]").click()
    assert page.locator("#feld-plattform-instanz").is_visible()
    assert "neu" in page.locator("#feld-plattform-instanz").locator("xpath=../..").inner_text()


def test_a_reviewer_signs_by_keyboard_alone(reviewer_page, served):
    page = reviewer_page
    page.goto(f"intern/klaerungen/{served.complete}/ergebnis")
    tab_to(page, "#feld-bestaetigung", presses=300)
    page.keyboard.press("Space")
    tab_to(page, ".assessment-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/intern/entscheidungen/" in page.url
    assert page.get_by_text("Die Signatur ist gültig").is_visible()
    assert axe_violations(page) == []
