"""The browser scan: a page in headless Chromium without consent, every request recorded.

Each page gets a fresh browser context (no cookies, no storage: a first visit) and is loaded
without any click. Every request passes a route handler that records it, checks its address
(no private ranges unless allowed) and, in offline mode, answers requests to third parties
itself through a responder instead of contacting them (the default responder answers with an
empty body). A script injected into every frame records writes to localStorage,
sessionStorage and `document.cookie`. After the page has loaded and the network has been quiet
for a moment, the page is scrolled through (scrolling is no consent, and lazy content loads
then), and the cookies are read. If a consent selector is given, it is clicked and everything
that follows is recorded as after consent.

Chromium is Debian's `chromium` (or the one `LEITPLANKE_CHROMIUM` names, or Playwright's own),
started with flags that keep it from talking to anything but the pages (no updates, sync,
QUIC or background networking). In offline mode, host names other than the site's own do not
resolve at all (`--host-resolver-rules`), so not even a preconnect or DNS prefetch leaves the
machine.
"""

import asyncio
import contextlib
import os
import shutil
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Route,
    async_playwright,
)
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Request as PlaywrightRequest

from leitplanke.scan.addresses import AddressPolicy, RefusedAddressError
from leitplanke.scan.parties import PartyRule, registrable_domain, url_host
from leitplanke.scan.result import (
    ConsentPass,
    CookieRecord,
    Moment,
    Party,
    RequestRecord,
    StorageRecord,
)

CHROMIUM_ARGS = (
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # One renderer per page instead of one per site: faster, and a scan's page holds no secrets.
    "--disable-site-isolation-trials",
    "--disable-features=site-per-process,IsolateOrigins",
)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
RECORDER = "__leitplankeRecordStorage"
# Runs in every frame before the page's own scripts.
INIT_SCRIPT = """(() => {
  const record = (area, key) => { try { window.BINDING(area, String(key)); } catch (e) {} };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    try { record(this === window.localStorage ? 'localStorage' : 'sessionStorage', key); }
    catch (e) {}
    return setItem.call(this, key, value);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() { return cookie.get.call(this); },
    set(value) {
      record('cookie', String(value).split('=')[0].trim());
      cookie.set.call(this, value);
    },
  });
})();""".replace("BINDING", RECORDER)
SCROLL_SCRIPT = """async (steps) => {
  const pause = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 25)));
  let done = 0;
  for (let y = window.innerHeight; done < steps && y < document.documentElement.scrollHeight;
       y += window.innerHeight, done++) {
    window.scrollTo(0, y); await pause();
  }
  window.scrollTo(0, 0);
  return done;
}"""
LINKS_SCRIPT = "() => Array.from(document.querySelectorAll('a[href], area[href]'), a => a.href)"
SCROLL_STEPS = 30
SCROLL_QUIET_S = 0.1
CLICK_TIMEOUT_MS = 3000


@dataclass(frozen=True)
class ThirdPartyRequest:
    """A request to a third party the browser made, as the responder sees it (offline mode)."""

    url: str
    method: str
    resource_type: str
    headers: dict[str, str]


@dataclass(frozen=True)
class StubResponse:
    """What the responder answers instead of the third party."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


Responder = Callable[[ThirdPartyRequest], Awaitable[StubResponse]]


async def empty_response(request: ThirdPartyRequest) -> StubResponse:
    """The default responder of offline mode: an empty body, no cookies."""
    return StubResponse()


def find_chromium() -> str | None:
    """Chromium's path: `LEITPLANKE_CHROMIUM`, else the first on PATH; None: Playwright's own."""
    configured = os.environ.get("LEITPLANKE_CHROMIUM")
    if configured:
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class BrowserRecording:
    """What the browser saw on one page."""

    final_url: str | None = None
    status: int | None = None
    html: str | None = None
    title: str | None = None
    links: list[str] = field(default_factory=list)
    requests: list[RequestRecord] = field(default_factory=list)
    cookies: list[CookieRecord] = field(default_factory=list)
    storage: list[StorageRecord] = field(default_factory=list)
    consent: ConsentPass | None = None
    error: str | None = None


@dataclass
class _Traffic:
    """Requests in flight, for telling when the network has gone quiet."""

    open: set[PlaywrightRequest] = field(default_factory=set)
    last: float = field(default_factory=time.monotonic)
    quiet_floor: float | None = None

    def started(self, request: PlaywrightRequest) -> None:
        self.open.add(request)
        self.last = time.monotonic()

    def touch(self, quiet: float) -> None:
        """The next wait for quiet counts from now and needs only `quiet` seconds."""
        self.last = time.monotonic()
        self.quiet_floor = quiet

    def ended(self, request: PlaywrightRequest) -> None:
        if request in self.open:
            self.open.discard(request)
            self.last = time.monotonic()


@dataclass
class _Tab:
    """A fresh context with a blank page, instrumented; a visit plugs its handlers in."""

    context: BrowserContext
    page: Page
    on_route: Callable[[Route], Awaitable[None]] | None = None
    on_storage: Callable[[dict[str, Any], str, str], Awaitable[None]] | None = None
    on_request_end: Callable[[PlaywrightRequest], None] | None = None

    async def route(self, route: Route) -> None:
        if self.on_route is None:
            await route.abort()
        else:
            await self.on_route(route)

    async def storage(self, source: dict[str, Any], area: str, key: str) -> None:
        if self.on_storage is not None:
            await self.on_storage(source, area, key)

    def request_ended(self, request: PlaywrightRequest) -> None:
        if self.on_request_end is not None:
            self.on_request_end(request)


@dataclass(frozen=True)
class BrowserSettings:
    """How the browser scans pages."""

    offline: bool = False
    consent_selector: str | None = None
    scroll: bool = True
    settle_ms: int = 250
    timeout_s: float = 15.0
    user_agent: str | None = None
    site_domains: tuple[str, ...] = ()
    prewarm: bool = False  # keep a blank page ready for the next visit


class BrowserSession:
    """One Chromium for many pages; each page in its own context. Use as `async with`."""

    def __init__(
        self,
        settings: BrowserSettings,
        policy: AddressPolicy,
        responder: Responder = empty_response,
    ) -> None:
        self.settings = settings
        self.policy = policy
        self.responder = responder
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._spare: asyncio.Task[_Tab] | None = None
        self._closing: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> "BrowserSession":
        args = list(CHROMIUM_ARGS)
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium's sandbox refuses to start as root
        if self.settings.offline:
            exclusions = "".join(
                f", EXCLUDE {domain}, EXCLUDE *.{domain}" for domain in self.settings.site_domains
            )
            args.append(f"--host-resolver-rules=MAP * ~NOTFOUND{exclusions}")
        self._playwright = await async_playwright().start()
        try:
            self._browser = await self._playwright.chromium.launch(
                executable_path=find_chromium(), args=args, headless=True
            )
        except BaseException:
            await self._playwright.stop()
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._spare is not None:
            spare = self._spare
            self._spare = None
            with contextlib.suppress(PlaywrightError, asyncio.CancelledError):
                await (await spare).context.close()
        await asyncio.gather(*self._closing, return_exceptions=True)
        if self._browser is not None:
            await self._browser.close()
        if self._playwright is not None:
            await self._playwright.stop()

    async def visit(
        self, url: str, parties: PartyRule, *, document: str | None = None
    ) -> BrowserRecording:
        """Load `url` (or serve `document` as its HTML) and record what happens."""
        recording = BrowserRecording()
        tab = await self._blank_tab()
        try:
            await self._record(tab, url, parties, document, recording)
        except PlaywrightError as error:
            recording.error = f"Browser: {error.message.splitlines()[0]}"
        finally:
            tab.on_route = tab.on_storage = tab.on_request_end = None
            closing = asyncio.create_task(tab.context.close())  # no need to wait for it
            self._closing.add(closing)
            closing.add_done_callback(self._closing.discard)
        return recording

    async def _new_tab(self) -> _Tab:
        """A new context and page with the storage recorder and the route handler in place."""
        assert self._browser is not None, "use BrowserSession in `async with`"
        context = await self._browser.new_context(
            locale="de-DE", service_workers="block", user_agent=self.settings.user_agent
        )
        context.set_default_timeout(self.settings.timeout_s * 1000)
        tab = _Tab(context, await context.new_page())
        await context.expose_binding(RECORDER, tab.storage)
        await context.add_init_script(INIT_SCRIPT)
        await context.route("**/*", tab.route)
        context.on("requestfinished", tab.request_ended)
        context.on("requestfailed", tab.request_ended)
        return tab

    async def _blank_tab(self) -> _Tab:
        """A fresh tab: the one kept ready, if any, else a new one."""
        spare, self._spare = self._spare, None
        if spare is not None:
            try:
                return await spare
            except PlaywrightError:
                pass
        return await self._new_tab()

    def _prepare_spare(self) -> None:
        """Start the next page's renderer while this page's network settles (crawls only).

        Starting a renderer takes a good part of a page scan, and waiting for quiet leaves
        the processor idle.
        """
        if self.settings.prewarm and self._spare is None:
            self._spare = asyncio.create_task(self._new_tab())

    async def _record(
        self,
        tab: _Tab,
        url: str,
        parties: PartyRule,
        document: str | None,
        recording: BrowserRecording,
    ) -> None:
        moment = [Moment.BEFORE_CONSENT]
        traffic = _Traffic()
        local_host = url_host(url) if document is not None else None

        async def on_storage(source: dict[str, Any], area: str, key: str) -> None:
            origin = source["frame"].url
            recording.storage.append(
                StorageRecord(
                    area=area,
                    key=key[:200],
                    origin=origin,
                    party=parties.of_url(origin),
                    moment=moment[0],
                )
            )

        async def on_route(route: Route) -> None:
            request = route.request
            target = request.url
            if not target.startswith(("http://", "https://")):
                await route.continue_()
                return
            traffic.started(request)
            host = url_host(target)
            party = parties.of_host(host)
            outcome = "contacted"
            try:
                frame_url: str | None = request.frame.url
            except PlaywrightError:
                frame_url = None
            try:
                if document is not None and host == local_host:
                    if request.is_navigation_request() and target == url:
                        await route.fulfill(status=200, content_type="text/html", body=document)
                    else:
                        await route.fulfill(status=404, body="")
                    outcome = "stubbed"
                elif party is Party.THIRD and self.settings.offline:
                    answer = await self.responder(
                        ThirdPartyRequest(
                            target, request.method, request.resource_type, dict(request.headers)
                        )
                    )
                    await route.fulfill(
                        status=answer.status, headers=answer.headers, body=answer.body
                    )
                    outcome = "stubbed"
                else:
                    await self.policy.check(target)
                    await route.continue_()
            except RefusedAddressError:
                outcome = "refused"
                await route.abort("blockedbyclient")
            except PlaywrightError:
                outcome = "failed"
            recording.requests.append(
                RequestRecord(
                    url=target,
                    host=host,
                    party=party,
                    moment=moment[0],
                    resource_type=request.resource_type,
                    outcome=outcome,
                    frame_url=frame_url,
                )
            )

        tab.on_storage, tab.on_route, tab.on_request_end = on_storage, on_route, traffic.ended
        context, page = tab.context, tab.page
        response = await page.goto(url, wait_until="load")
        self._prepare_spare()
        await self._settle(traffic)
        if response is not None:
            recording.status = response.status
            try:
                recording.html = await response.text()
            except PlaywrightError:
                recording.html = None
        if self.settings.scroll and await page.evaluate(SCROLL_SCRIPT, SCROLL_STEPS):
            traffic.touch(SCROLL_QUIET_S)  # lazy content starts loading right after the scroll
            await self._settle(traffic)
        recording.final_url = page.url
        recording.title = await page.title() or None
        recording.links = [str(link) for link in await page.evaluate(LINKS_SCRIPT)]
        before = await context.cookies()
        recording.cookies = [_cookie(c, parties, Moment.BEFORE_CONSENT) for c in before]
        if self.settings.consent_selector:
            moment[0] = Moment.AFTER_CONSENT
            recording.consent = await self._consent(page, self.settings.consent_selector)
            traffic.touch(self.settings.settle_ms / 1000)  # what the click starts comes later
            await self._settle(traffic)
            known = {(c["name"], c["domain"], c["path"]) for c in before}
            recording.cookies += [
                _cookie(c, parties, Moment.AFTER_CONSENT)
                for c in await context.cookies()
                if (c["name"], c["domain"], c["path"]) not in known
            ]

    async def _consent(self, page: Any, selector: str) -> ConsentPass:
        try:
            await page.click(selector, timeout=CLICK_TIMEOUT_MS)
        except PlaywrightError as error:
            message = error.message.splitlines()[0]
            return ConsentPass(selector=selector, clicked=False, error=message)
        return ConsentPass(selector=selector, clicked=True)

    async def _settle(self, traffic: _Traffic) -> None:
        """Wait until no request is open and none started or ended for `settle_ms`."""
        quiet = self.settings.settle_ms / 1000
        if traffic.quiet_floor is not None:
            quiet, traffic.quiet_floor = min(quiet, traffic.quiet_floor), None
        deadline = time.monotonic() + self.settings.timeout_s
        while time.monotonic() < deadline:
            if not traffic.open and time.monotonic() - traffic.last >= quiet:
                return
            await asyncio.sleep(0.02)


def _cookie(cookie: Any, parties: PartyRule, moment: Moment) -> CookieRecord:
    domain = str(cookie.get("domain", ""))
    expires = cookie.get("expires")
    return CookieRecord(
        name=str(cookie.get("name", "")),
        domain=domain,
        path=str(cookie.get("path", "/")),
        party=parties.of_host(domain.lstrip(".")),
        moment=moment,
        expires=float(expires) if expires is not None and expires >= 0 else None,
        secure=bool(cookie.get("secure")),
        http_only=bool(cookie.get("httpOnly")),
        same_site=cookie.get("sameSite"),
    )


def site_domains(urls: list[str]) -> tuple[str, ...]:
    """The registrable domains of the sites' hosts (IP addresses need no exclusion rule)."""
    return tuple(sorted({registrable_domain(url_host(u)) for u in urls if url_host(u)}))
