"""Scans in the web app: the app's job runner and its life, status labels, and reports as
responses.

The app makes one `ScanJobRunner` (`scan_workers` threads) at start-up and keeps it on
`app.state.scan_runner`; `scan_jobs_lifespan` starts it when the server starts (jobs a
stopped server left running are marked failed first) and stops it when the server stops.
A test may put a runner of its own there before the app starts (one that reaches the tests'
server on 127.0.0.1); the app itself never lets a scan reach a non-public address.

Findings cite the rules of the rulebook the app serves; a rulebook without the rules the
signature catalogue cites (INST-SP-01 to INST-SP-03) gets the bundled Berlin rulebook's.
"""

import base64
import hashlib
import io
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Literal, cast

import anyio
from fastapi import Depends, FastAPI, Request, Response
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from leitplanke.publish.publication import Publication
from leitplanke.scan.catalogue import CatalogueError
from leitplanke.scan.job_runner import ScanJobRunner, ScannerFactory
from leitplanke.scan.reports import ScanReportContext, write_report
from leitplanke.scan.result import SiteScan
from leitplanke.scan.scanner import Scanner
from leitplanke.scan.tables import ScanStatus
from leitplanke.settings import Settings

logger = logging.getLogger(__name__)

STATUS_LABEL: dict[ScanStatus, str] = {
    ScanStatus.QUEUED: "wartet",
    ScanStatus.RUNNING: "läuft",
    ScanStatus.DONE: "fertig",
    ScanStatus.FAILED: "fehlgeschlagen",
    ScanStatus.CANCELLED: "abgebrochen",
}

ReportFormat = Literal["json", "sarif", "html", "text"]
REPORT_MEDIA_TYPE: dict[str, str] = {
    "json": "application/json",
    "sarif": "application/sarif+json",
    "html": "text/html; charset=utf-8",
    "text": "text/plain; charset=utf-8",
}
NONE = "'none'"
STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def scanner_factory(publication: Publication) -> ScannerFactory:
    """Makes scanners citing `publication`'s rules, or the bundled rulebook's when the
    catalogue cites rules that `publication` lacks (decided at the first scanner)."""
    fallback: list[bool] = []

    def make() -> Scanner:
        if not fallback:
            try:
                scanner = Scanner(publication=publication)
            except CatalogueError:
                fallback.append(True)
                return Scanner()
            fallback.append(False)
            return scanner
        return Scanner() if fallback[0] else Scanner(publication=publication)

    return make


def make_scan_runner(
    settings: Settings, sessions: sessionmaker[Session], publication: Publication
) -> ScanJobRunner:
    """The app's runner: `scan_workers` threads, public addresses only."""
    return ScanJobRunner(
        sessions, workers=settings.scan_workers, make_scanner=scanner_factory(publication)
    )


@asynccontextmanager
async def scan_jobs_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Starts the app's scan job runner with the server and stops it with the server."""
    runner = cast(ScanJobRunner, app.state.scan_runner)
    try:
        await anyio.to_thread.run_sync(runner.start)
    except SQLAlchemyError:  # a database without the schema yet: the app serves, scans wait
        logger.exception("scan job runner not started")
    try:
        yield
    finally:
        await anyio.to_thread.run_sync(runner.stop)


def scan_runner(request: Request) -> ScanJobRunner:
    """The app's scan job runner."""
    return cast(ScanJobRunner, request.app.state.scan_runner)


ScanRunnerDep = Annotated[ScanJobRunner, Depends(scan_runner)]


def report_response(runner: ScanJobRunner, result: SiteScan, format_name: str) -> Response:
    """The report of `result` in `format_name`; the HTML report is a page of its own, whose
    stylesheet the Content-Security-Policy allows by its hash."""
    out = io.StringIO()
    write_report(format_name, [result], out, ScanReportContext(runner.report_scanner()))
    body = out.getvalue()
    headers = {"Cache-Control": "no-store"}
    if format_name == "html":
        hashes = " ".join(
            "'sha256-" + base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() + "'"
            for style in STYLE.findall(body)
        )
        headers["Content-Security-Policy"] = (
            f"default-src 'none'; style-src {hashes or NONE}; img-src 'self' data:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
    return Response(body, media_type=REPORT_MEDIA_TYPE[format_name], headers=headers)
