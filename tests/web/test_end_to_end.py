"""End to end in Chromium: an editor plans a presence, answers the decision process, a reviewer
signs it, the editor approves and activates it, and the public list names it as official."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from leitplanke.accounts.roles import Role
from leitplanke.accounts.users import create_user
from leitplanke.audit.chain import SYSTEM
from leitplanke.database.engine import transaction
from leitplanke.registry.tables import Authority, Person
from leitplanke.rulebook.loader import BUNDLED
from leitplanke.settings import Settings
from leitplanke.web import create_app
from tests.assessments.approved import APPROVED_ANSWERS
from tests.live_server import serve
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HANDLE = "@pankow_e2e@social.berlin.example"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server of the bundled rulebook with an authority, a person and two accounts."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("end_to_end"))
    apps: list[Any] = []

    def make_app(base_url: str) -> Any:
        apps.append(create_app(BUNDLED, base_url, settings))
        return apps[0]

    with serve(make_app) as base_url:
        with transaction(apps[0].state.sessions) as session:
            authority = Authority(slug="bezirksamt-pankow", name="Bezirksamt Pankow")
            session.add(authority)
            session.flush()
            session.add(Person(authority_id=authority.id, name="Katrin Berger"))
            create_user(
                session,
                SYSTEM,
                username="redaktion",
                display_name="Redaktion Pankow",
                role=Role.EDITOR,
                password=PASSWORD,
                authority_id=authority.id,
            )
            create_user(
                session,
                SYSTEM,
                username="freigabe",
                display_name="Freigabe",
                role=Role.REVIEWER,
                password=PASSWORD,
            )
        yield base_url
    apps[0].state.database.dispose()


def sign_in(page: Page, username: str) -> None:
    page.goto("anmelden")
    page.fill("#feld-username", username)
    page.fill("#feld-password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "Interner Bereich" in page.title(), page.url


def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.click("form.inline-form button:has-text('Abmelden')")


def answer_step(page: Page) -> None:
    """Fills every question on the step page with the answer from APPROVED_ANSWERS."""
    for question, value in APPROVED_ANSWERS.items():
        if page.locator(f"[name='{question}']").count() == 0:
            continue
        values = value if isinstance(value, list) else [value]
        kind = page.locator(f"[name='{question}']").first.get_attribute("type")
        if kind in {"radio", "checkbox"}:
            for item in values:
                page.check(f"[name='{question}'][value='{item}']")
        else:
            page.fill(f"[name='{question}']", str(value))


def test_a_new_presence_goes_from_assessment_to_the_public_list(browser: Browser, server: str):
    context = browser.new_context(base_url=server, locale="de-DE")
    page = context.new_page()

    # The editor plans the presence.
    sign_in(page, "redaktion")
    page.goto("intern/praesenzen/neu")
    page.fill("[name=name]", "Bezirksamt Pankow auf Mastodon")
    page.select_option("select[name=platform]", "mastodon")
    page.fill("[name=handle]", HANDLE)
    page.fill("[name=url]", "https://social.berlin.example/@pankow_e2e")
    page.fill("[name=purpose]", "Informationen zu Bürgerdiensten und Terminen im Bezirk.")
    page.select_option("select[name=responsible_id]", label="Katrin Berger (Bezirksamt Pankow)")
    page.fill("[name=imprint_url]", "https://www.berlin.de/ba-pankow/impressum/")
    page.fill("[name=privacy_notice_url]", "https://www.berlin.de/ba-pankow/datenschutz/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    presence_url = page.url
    assert "/intern/praesenzen/" in presence_url, page.content()[:2000]

    # … and answers the decision process step by step.
    with page.expect_navigation():
        page.click("button:has-text('Klärung beginnen')")
    page.click("main a[href*='/schritte/']")
    for _ in range(40):
        if "/schritte/" not in page.url:
            break
        answer_step(page)
        with page.expect_navigation():
            page.click("button[value=weiter]")
    assert page.url.endswith("/ergebnis"), page.url  # the last step leads to the result
    assert "Der Auftritt kann eingerichtet werden." in page.content(), (
        page.url + page.inner_text("main")[:1500]
    )
    result_url = page.url
    sign_out(page)

    # The reviewer signs the result.
    sign_in(page, "freigabe")
    page.goto(result_url)
    page.check("#feld-bestaetigung")
    with page.expect_navigation():
        page.click("button:has-text('Ergebnis zeichnen')")
    assert "/intern/entscheidungen/" in page.url, page.content()[:2000]
    sign_out(page)

    # The editor approves and activates the presence.
    sign_in(page, "redaktion")
    for status in ("approved", "active"):
        page.goto(presence_url)
        page.check(f"#status-{status}")
        with page.expect_navigation():
            page.click("button:has-text('Status ändern')")
    sign_out(page)

    # The public sees it as official.
    page.goto("praesenzen")
    assert "Bezirksamt Pankow auf Mastodon" in page.content()
    listed = json.loads(page.request.get("praesenzen.json").text())
    assert HANDLE in json.dumps(listed, ensure_ascii=False)
    context.close()
