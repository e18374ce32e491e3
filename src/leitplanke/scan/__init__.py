"""Scanning web pages for social plugins and trackers that load before consent.

The entry points for the CLI and the web app (which runs them as a background job):

- `scan_site(start, options)`: a site from a URL (crawled along same-site links) or a saved
  HTML file; `scan_site_async` is the same for a running event loop.
- `scan_page(target, options)`: one page, no links followed.
- `Scanner`: the compiled catalogue, filter lists and rules; make one and pass it to many scans.

All return plain Pydantic models (`SiteScan`, `PageScan`), to be stored as JSON
(`model_dump_json()`) and read back (`SiteScan.model_validate_json`). A progress callback
hears of each page (`ScanProgress`), and setting a `threading.Event` passed as `cancel` stops a
scan, whose state file (if any) then lets it resume.
"""

import threading
from pathlib import Path

import httpx

from leitplanke.scan.addresses import AddressPolicy, RefusedAddressError
from leitplanke.scan.browser import (
    Responder,
    StubResponse,
    ThirdPartyRequest,
    empty_response,
)
from leitplanke.scan.catalogue import Catalogue, CatalogueError, load_catalogue
from leitplanke.scan.crawl import ProgressCallback, SiteCrawl
from leitplanke.scan.crawl_state import CrawlStateError
from leitplanke.scan.event_loop import run_to_end
from leitplanke.scan.options import ScanOptions
from leitplanke.scan.result import (
    ConsentPass,
    CookieRecord,
    Effect,
    Evidence,
    EvidenceKind,
    Moment,
    PageScan,
    Party,
    RequestRecord,
    SafeguardHit,
    ScanFinding,
    ScanMode,
    ScanProgress,
    SiteScan,
    SiteSummary,
    SkippedUrl,
    StorageRecord,
)
from leitplanke.scan.scanner import Scanner

__all__ = [
    "AddressPolicy",
    "Catalogue",
    "CatalogueError",
    "ConsentPass",
    "CookieRecord",
    "CrawlStateError",
    "Effect",
    "Evidence",
    "EvidenceKind",
    "Moment",
    "PageScan",
    "Party",
    "ProgressCallback",
    "RefusedAddressError",
    "RequestRecord",
    "Responder",
    "SafeguardHit",
    "ScanFinding",
    "ScanMode",
    "ScanOptions",
    "ScanProgress",
    "Scanner",
    "SiteScan",
    "SiteSummary",
    "SkippedUrl",
    "StorageRecord",
    "StubResponse",
    "ThirdPartyRequest",
    "empty_response",
    "load_catalogue",
    "scan_page",
    "scan_site",
    "scan_site_async",
]


async def scan_site_async(
    start: str,
    options: ScanOptions | None = None,
    *,
    scanner: Scanner | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    state_path: Path | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    responder: Responder = empty_response,
    policy: AddressPolicy | None = None,
) -> SiteScan:
    """Scan a site from `start` (a URL, or the path of a saved HTML file).

    `state_path` keeps the crawl's state so that an interrupted scan resumes where it stopped;
    `transport` (httpx) and `responder` (third-party answers in offline mode) replace the
    network, e.g. in tests; `policy` decides which addresses may be contacted (default: public
    addresses only, unless `options.allow_private`).
    """
    crawl = SiteCrawl(
        scanner or Scanner(),
        start,
        options or ScanOptions(),
        on_progress=on_progress,
        cancel=cancel,
        state_path=state_path,
        transport=transport,
        responder=responder,
        policy=policy,
    )
    return await crawl.run()


def scan_site(
    start: str,
    options: ScanOptions | None = None,
    *,
    scanner: Scanner | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    state_path: Path | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    responder: Responder = empty_response,
    policy: AddressPolicy | None = None,
) -> SiteScan:
    """`scan_site_async` in an event loop of its own (for threads and background jobs)."""
    return run_to_end(
        scan_site_async(
            start,
            options,
            scanner=scanner,
            on_progress=on_progress,
            cancel=cancel,
            state_path=state_path,
            transport=transport,
            responder=responder,
            policy=policy,
        )
    )


def scan_page(
    target: str,
    options: ScanOptions | None = None,
    *,
    scanner: Scanner | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    responder: Responder = empty_response,
    policy: AddressPolicy | None = None,
) -> PageScan:
    """Scan one page (URL or saved HTML file) without following links.

    A page that may not be scanned (robots.txt, a refused address, not HTML) comes back with
    `error` saying why.
    """
    options = (options or ScanOptions()).model_copy(update={"depth": 0, "max_pages": 1})
    site = scan_site(
        target, options, scanner=scanner, transport=transport, responder=responder, policy=policy
    )
    if site.pages:
        return site.pages[0]
    reason = site.skipped[0].message if site.skipped else "nicht geprüft"
    return PageScan(
        url=target,
        mode=site.mode,
        error=reason,
        started_at=site.started_at,
        duration_ms=(site.finished_at - site.started_at).total_seconds() * 1000,
    )
