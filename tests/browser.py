"""Debian's headless Chromium driven by Playwright: a browser per session, a page per test, a crawl.

Playwright downloads no browser here: it starts the system's Chromium with flags that keep it
off the network (no updates, sync or QUIC), so it runs on a closed CI machine and as root.
Without Chromium, browser tests are skipped, except in CI (`CI` set), where they fail.
`crawl` finds a site's HTML pages as the user of a browser context sees them.
"""

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package `chromium`
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # containers often have a small /dev/shm
)
TIMEOUT = 10_000  # milliseconds for each action and navigation; the server is local
ACCEPT_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # as Chromium
MAX_PAGES = 300


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """A headless Chromium for the whole session."""
    if not CHROMIUM.is_file():
        message = f"Chromium not found at {CHROMIUM}; install Debian's package chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with (
        sync_playwright() as playwright,
        playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), headless=True
        ) as chromium,
    ):
        yield chromium


@pytest.fixture
def browser_context(browser: Browser, live_server: str) -> Iterator[BrowserContext]:
    """A fresh German-speaking browser context whose relative URLs go to `live_server`.

    For another context (no JavaScript, a logged-in user's cookies or storage state), call
    `browser.new_context(base_url=live_server, …)` in the test.
    """
    with browser.new_context(base_url=live_server, locale="de-DE") as context:
        context.set_default_timeout(TIMEOUT)
        yield context


@pytest.fixture
def page(browser_context: BrowserContext) -> Page:
    """A blank page in `browser_context`."""
    return browser_context.new_page()


def crawl(
    context: BrowserContext,
    base_url: str,
    entry_points: Iterable[str] = ("",),
    *,
    skip: Callable[[str], bool] = lambda url: False,
) -> list[str]:
    """The URLs of the HTML pages reachable from `entry_points` by links within `base_url`'s site.

    Pages are fetched with `context.request`, so with the context's cookies: a context made with
    `storage_state=…` crawls what its logged-in user sees. Entry points are paths relative to
    `base_url` (pages no link leads to: a form's address, a page with a query). Links to other
    hosts, fragments and anything `skip` says (a logout link, say) are not followed. Every
    followed link must answer 2xx; resources that are not HTML (downloads, CSS) are not pages.
    """
    origin = urlsplit(base_url)[:2]
    queue = [urldefrag(urljoin(base_url, path)).url for path in entry_points]
    linked_from = dict.fromkeys(queue, "entry points")
    pages: list[str] = []
    broken: list[str] = []
    while queue:
        url = queue.pop(0)
        response = context.request.get(url, headers={"Accept": ACCEPT_HTML})
        html = response.headers.get("content-type", "").startswith("text/html")
        text = response.text() if html and response.ok else ""
        response.dispose()
        if not response.ok:
            broken.append(f"{url} (linked from {linked_from[url]}) answered {response.status}")
        if not text or response.url in pages:
            continue
        pages.append(response.url)
        assert len(pages) <= MAX_PAGES, f"more than {MAX_PAGES} pages; does a link loop?"
        tree = lxml.html.document_fromstring(text)
        for href in tree.xpath("//a/@href | //area/@href"):
            link = urldefrag(urljoin(response.url, str(href))).url
            if urlsplit(link)[:2] == origin and link not in linked_from and not skip(link):
                linked_from[link] = response.url
                queue.append(link)
    assert not broken, "broken links:\n" + "\n".join(broken)
    return pages
