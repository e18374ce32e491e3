"""Scanning a site: from a start URL along same-site links, or one saved HTML file.

Links are followed to `depth` and until `max_pages` pages are scanned, `concurrency` pages at
a time, with at least `per_host_delay` seconds (or robots.txt's Crawl-delay) between requests
to one host. robots.txt is obeyed unless told otherwise. Every URL is checked by the address
policy before it is contacted. With a state file, the crawl can be interrupted and resumed.
A progress callback hears of every page; a cancel event stops the crawl after the pages in
flight are put back into the queue.
"""

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urldefrag, urlsplit, urlunsplit

import httpx

from leitplanke import __version__
from leitplanke.scan.addresses import AddressPolicy, RefusedAddressError
from leitplanke.scan.browser import (
    BrowserSession,
    BrowserSettings,
    Responder,
    empty_response,
    site_domains,
)
from leitplanke.scan.crawl_state import (
    CrawlState,
    append_page,
    clear_state,
    load_state,
    save_state,
)
from leitplanke.scan.fetch import FetchError, HostPacer, PageFetcher, RobotsRules
from leitplanke.scan.options import ScanOptions
from leitplanke.scan.parties import PartyRule, registrable_domain, url_host
from leitplanke.scan.result import (
    PageScan,
    ScanMode,
    ScanProgress,
    SiteScan,
    SiteSummary,
    SkippedUrl,
)
from leitplanke.scan.scanner import Scanner

ProgressCallback = Callable[[ScanProgress], None]
FILE_ORIGIN = "https://datei.leitplanke.invalid/"  # where a saved file is shown to the browser
NOT_PAGES = frozenset(
    [
        ".pdf",
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".svg",
        ".webp",
        ".ico",
        ".zip",
        ".gz",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".ods",
        ".mp3",
        ".mp4",
        ".webm",
        ".ogg",
        ".wav",
        ".avi",
        ".mov",
        ".ics",
        ".vcf",
        ".css",
        ".js",
        ".json",
        ".xml",
        ".rss",
        ".atom",
        ".txt",
        ".csv",
        ".epub",
    ]
)


def normalise(url: str) -> str | None:
    """The URL without fragment, with lower-case scheme and host; None if not http(s)."""
    try:
        url = urldefrag(url).url
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    scheme = parts.scheme.lower()
    default = {"http": 80, "https": 443}[scheme]
    netloc = host if port in (None, default) else f"{host}:{port}"
    if ":" in host and not host.startswith("["):
        netloc = f"[{host}]" if port in (None, default) else f"[{host}]:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def is_page_link(url: str) -> bool:
    """Whether a link looks like an HTML page rather than a download or an asset."""
    return PurePosixPath(urlsplit(url).path).suffix.lower() not in NOT_PAGES


def is_file_target(target: str) -> bool:
    """Whether a scan target is a saved HTML file rather than a URL."""
    return not target.lower().startswith(("http://", "https://"))


class SiteCrawl:
    """One scan of one site (or file), run once with `run()`."""

    def __init__(
        self,
        scanner: Scanner,
        start: str,
        options: ScanOptions,
        *,
        on_progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        state_path: Path | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        responder: Responder = empty_response,
        policy: AddressPolicy | None = None,
    ) -> None:
        self.scanner = scanner
        self.start = start
        self.options = options
        self.on_progress = on_progress
        self.cancel = cancel or threading.Event()
        self.state_path = state_path
        self.transport = transport
        self.responder = responder
        self.policy = policy or AddressPolicy(allow_private=options.allow_private)
        self.pacer = HostPacer(options.per_host_delay)
        self.mode = ScanMode.BROWSER if options.browser else ScanMode.STATIC

    async def run(self) -> SiteScan:
        """Scan the site and return its result."""
        started_at = datetime.now(UTC)
        skipped: list[SkippedUrl] = []
        if is_file_target(self.start):
            pages, state = await self._scan_file(), "complete"
        else:
            pages, skipped, state = await self._crawl()
        return SiteScan(
            tool_version=__version__,
            catalogue_version=self.scanner.catalogue.version,
            rulebook=self.scanner.rulebook,
            start=self.start,
            mode=self.mode,
            started_at=started_at,
            finished_at=datetime.now(UTC),
            state=state,
            pages=pages,
            skipped=skipped,
            summary=site_summary(pages),
        )

    # --- a saved file ------------------------------------------------------------------------

    async def _scan_file(self) -> list[PageScan]:
        started_at, clock = datetime.now(UTC), time.perf_counter()
        path = Path(self.start)
        try:
            html = path.read_bytes()[: self.options.max_bytes].decode("utf-8", "replace")
        except OSError as error:
            return [self._failed(self.start, 0, started_at, clock, f"Datei nicht lesbar: {error}")]
        if self.options.browser:
            page_url = self.options.base_url or FILE_ORIGIN + path.name
        else:
            page_url = self.options.base_url or path.resolve().as_uri()
        parties = self._parties([page_url] if self.options.base_url or self.options.browser else [])
        static = self.scanner.analyse_html(html, page_url, parties)
        recording = None
        if self.options.browser:
            async with self._browser([page_url]) as session:
                recording = await session.visit(page_url, parties, document=html)
        page = self.scanner.page_result(
            url=self.start,
            page_url=page_url,
            mode=self.mode,
            depth=0,
            started_at=started_at,
            duration_ms=(time.perf_counter() - clock) * 1000,
            parties=parties,
            static=static,
            recording=recording,
            error=recording.error if recording else None,
        )
        self._progress(1, 0, self.start, page)
        return [page]

    # --- a site ------------------------------------------------------------------------------

    def _parties(self, site_urls: list[str]) -> PartyRule:
        return PartyRule([url_host(u) for u in site_urls], self.options.first_party_domains)

    def _browser(self, site_urls: list[str]) -> BrowserSession:
        settings = BrowserSettings(
            offline=self.options.offline,
            consent_selector=self.options.consent_selector,
            scroll=self.options.scroll,
            settle_ms=self.options.settle_ms,
            timeout_s=self.options.timeout,
            user_agent=None,
            site_domains=site_domains(site_urls) + tuple(self.options.first_party_domains),
            prewarm=self.options.depth > 0 and self.options.max_pages > 1,
        )
        return BrowserSession(settings, self.policy, self.responder)

    def _same_site(self, url: str, start_host: str) -> bool:
        host = url_host(url)
        if self.options.include_subdomains:
            return registrable_domain(host) == registrable_domain(start_host)
        return host == start_host

    async def _crawl(self) -> tuple[list[PageScan], list[SkippedUrl], str]:
        start = normalise(self.start)
        if start is None:
            raise ValueError(f"keine http(s)-URL: {self.start}")
        state = None
        if self.state_path is not None:
            state = load_state(self.state_path, start, self.options)
        if state is None:
            state = CrawlState(start=start, options=self.options, queue=[(start, 0)], seen={start})
        start_host = url_host(start)
        parties = self._parties([start])
        queue = deque(state.queue)
        in_flight: dict[asyncio.Task[tuple[PageScan | SkippedUrl, list[str]]], tuple[str, int]] = {}
        limited = False
        fetcher = PageFetcher(
            self.policy,
            user_agent=self.options.user_agent,
            timeout=self.options.timeout,
            max_bytes=self.options.max_bytes,
            transport=self.transport,
        )
        robots = RobotsRules(fetcher, self.options.user_agent)
        session = self._browser([start]) if self.options.browser else None
        try:
            if session is not None:
                await session.__aenter__()
            while True:
                while (
                    queue and len(in_flight) < self.options.concurrency and not self.cancel.is_set()
                ):
                    if len(state.pages) + len(in_flight) >= self.options.max_pages:
                        limited = True
                        break
                    url, depth = queue.popleft()
                    task = asyncio.create_task(
                        self._page(url, depth, fetcher, robots, session, parties)
                    )
                    in_flight[task] = (url, depth)
                if not in_flight:
                    break
                finished, _ = await asyncio.wait(
                    in_flight, timeout=0.1, return_when=asyncio.FIRST_COMPLETED
                )
                for task in finished:
                    url, depth = in_flight.pop(task)
                    outcome, links = task.result()
                    if isinstance(outcome, SkippedUrl):
                        state.skipped.append(outcome)
                    else:
                        state.pages.append(outcome)
                        if self.state_path is not None:
                            append_page(self.state_path, outcome)
                    state.done.append(url)
                    if depth < self.options.depth:
                        for found in links:
                            link = normalise(found)
                            if (
                                link
                                and link not in state.seen
                                and self._same_site(link, start_host)
                                and is_page_link(link)
                            ):
                                state.seen.add(link)
                                queue.append((link, depth + 1))
                    last = outcome if isinstance(outcome, PageScan) else None
                    self._progress(len(state.pages), len(queue) + len(in_flight), url, last)
                if self.cancel.is_set():
                    for task in in_flight:
                        task.cancel()
                    await asyncio.gather(*in_flight, return_exceptions=True)
                    queue.extendleft(reversed(list(in_flight.values())))
                    in_flight.clear()
                if self.state_path is not None:
                    state.queue = [*in_flight.values(), *queue]
                    save_state(self.state_path, state)
        finally:
            for task in in_flight:
                task.cancel()
            if session is not None:
                await session.__aexit__(None, None, None)
            await fetcher.close()
        if queue and not self.cancel.is_set():
            limited = True
            state.skipped += [
                SkippedUrl(url=url, reason="limit", message="Seitengrenze erreicht")
                for url, _ in queue
            ]
        result_state = "cancelled" if self.cancel.is_set() else "limited" if limited else "complete"
        if self.state_path is not None and result_state != "cancelled":
            clear_state(self.state_path)
        return state.pages, state.skipped, result_state

    async def _page(
        self,
        url: str,
        depth: int,
        fetcher: PageFetcher,
        robots: RobotsRules,
        session: BrowserSession | None,
        parties: PartyRule,
    ) -> tuple[PageScan | SkippedUrl, list[str]]:
        """Scan one page; a URL that may not be scanned comes back as SkippedUrl."""
        try:
            await self.policy.check(url)
        except RefusedAddressError as error:
            return SkippedUrl(url=url, reason="refused", message=str(error)), []
        delay = None
        if self.options.respect_robots:
            if not await robots.allowed(url):
                message = "robots.txt verbietet den Abruf (oder ist nicht erreichbar)"
                return SkippedUrl(url=url, reason="robots", message=message), []
            delay = await robots.crawl_delay(url)
        await self.pacer.wait(url_host(url), delay)
        started_at, clock = datetime.now(UTC), time.perf_counter()
        if session is not None:
            recording = await session.visit(url, parties)
            page_url = recording.final_url or url
            static = (
                self.scanner.analyse_html(recording.html, page_url, parties)
                if recording.html
                else None
            )
            page = self.scanner.page_result(
                url=url,
                page_url=page_url,
                mode=self.mode,
                depth=depth,
                started_at=started_at,
                duration_ms=(time.perf_counter() - clock) * 1000,
                parties=parties,
                status=recording.status,
                static=static,
                recording=recording,
                error=recording.error,
            )
            return page, recording.links
        try:
            fetched = await fetcher.get(url)
        except RefusedAddressError as error:
            return SkippedUrl(url=url, reason="refused", message=str(error)), []
        except FetchError as error:
            return self._failed(url, depth, started_at, clock, str(error)), []
        if not fetched.is_html:
            message = f"kein HTML ({fetched.content_type or 'ohne Inhaltstyp'})"
            return SkippedUrl(url=url, reason="not_html", message=message), []
        assert fetched.text is not None
        static = self.scanner.analyse_html(fetched.text, fetched.final_url, parties)
        status_error = f"HTTP-Status {fetched.status}" if fetched.status >= 400 else None
        page = self.scanner.page_result(
            url=url,
            page_url=fetched.final_url,
            mode=self.mode,
            depth=depth,
            started_at=started_at,
            duration_ms=(time.perf_counter() - clock) * 1000,
            parties=parties,
            status=fetched.status,
            static=static,
            error=status_error,
        )
        return page, static.links

    def _failed(
        self, url: str, depth: int, started_at: datetime, clock: float, message: str
    ) -> PageScan:
        return PageScan(
            url=url,
            mode=self.mode,
            depth=depth,
            error=message,
            started_at=started_at,
            duration_ms=round((time.perf_counter() - clock) * 1000, 1),
        )

    def _progress(self, done: int, queued: int, url: str | None, page: PageScan | None) -> None:
        if self.on_progress is not None:
            self.on_progress(
                ScanProgress(
                    site=self.start,
                    done=done,
                    queued=queued,
                    limit=self.options.max_pages,
                    url=url,
                    findings=len(page.findings) if page else 0,
                )
            )


def site_summary(pages: list[PageScan]) -> SiteSummary:
    """Counts over the pages of a site."""
    findings = [f for page in pages for f in page.findings]
    return SiteSummary(
        pages=len(pages),
        pages_with_findings=sum(1 for page in pages if page.findings),
        error=sum(page.summary.error for page in pages),
        warning=sum(page.summary.warning for page in pages),
        info=sum(page.summary.info for page in pages),
        vendors=sorted({f.vendor for f in findings}),
        rules=sorted({f.rule_id for f in findings}),
        third_party_hosts_before_consent=sorted(
            {host for page in pages for host in page.third_party_hosts_before_consent}
        ),
    )
