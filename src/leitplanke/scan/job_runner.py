"""Runs queued scan jobs in a small pool of threads: claims a job, scans its site, records the
progress after each page and the result at the end, and marks failures.

The web app owns one `ScanJobRunner`: `start()` when it starts (jobs a stopped server left
running are marked failed first), `wake()` after queuing a job, `cancel(job_id)` to stop one at
once, `stop()` when it shuts down (running scans are cancelled and end as failed, "abgebrochen").
Each worker thread has its own `Scanner` and runs each scan in an event loop of its own
(`scan_site_async` in `asyncio.run`), so a browser scan starts its own Chromium.

Every scan contacts public addresses only: the runner's `AddressPolicy` refuses loopback,
private, link-local and other non-public addresses, for the start URL when a job is created
(`check_address`) and for every URL while it runs. `allowed_networks` lets chosen ranges
through (the tests' server on 127.0.0.1); it is an argument of the runner, not an input of the
form or the API, and not a setting. `overrides` are scan options imposed on every job (the
tests: offline mode with their `responder`, no pause between requests).
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from leitplanke.audit.chain import SYSTEM, record
from leitplanke.database.base import now
from leitplanke.database.engine import transaction
from leitplanke.scan import scan_site_async
from leitplanke.scan.addresses import AddressPolicy, Resolver, system_resolver
from leitplanke.scan.browser import Responder, empty_response
from leitplanke.scan.event_loop import run_to_end
from leitplanke.scan.jobs import INTERRUPTED, recover_interrupted
from leitplanke.scan.options import ScanOptions
from leitplanke.scan.result import ScanProgress, SiteScan
from leitplanke.scan.scanner import Scanner
from leitplanke.scan.tables import ScanJob, ScanStatus

logger = logging.getLogger(__name__)

ScannerFactory = Callable[[], Scanner]
T = TypeVar("T")
POLL_SECONDS = 5.0  # a worker looks for queued jobs at least this often (jobs of other processes)
FINISH_ATTEMPTS = 5  # tries to record a job's end (the audit log's sequence may clash)
ERROR_LENGTH = 2000


def describe(error: BaseException) -> str:
    """An exception as a line for the job's error message."""
    text = str(error).strip() or type(error).__name__
    return text[:ERROR_LENGTH]


def outcome(result: SiteScan, cancel_requested: bool) -> tuple[ScanStatus, str | None]:
    """How a scan that returned ends: cancelled (by a user) or interrupted (by the server
    stopping), failed when not a single page could be scanned, else done."""
    if result.state == "cancelled":
        return (
            (ScanStatus.CANCELLED, None) if cancel_requested else (ScanStatus.FAILED, INTERRUPTED)
        )
    if not any(page.error is None for page in result.pages):
        reasons = [page.error for page in result.pages if page.error]
        reasons += [skipped.message for skipped in result.skipped]
        reason = f": {reasons[0]}" if reasons else "."
        return ScanStatus.FAILED, f"Keine Seite konnte geprüft werden{reason}"[:ERROR_LENGTH]
    return ScanStatus.DONE, None


class ScanJobRunner:
    """Runs the queued scan jobs of one database, `workers` at a time."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        workers: int = 1,
        make_scanner: ScannerFactory = Scanner,
        allowed_networks: Iterable[str] = (),
        overrides: Mapping[str, Any] | None = None,
        responder: Responder = empty_response,
        resolver: Resolver = system_resolver,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        if workers < 1:
            raise ValueError("a runner needs at least one worker")
        overrides = dict(overrides or {})
        if "allow_private" in overrides:
            raise ValueError("allow_private is never imposed; name allowed_networks instead")
        ScanOptions.model_validate(overrides)  # unknown names and bad values fail here
        self.sessions = sessions
        self.workers = workers
        self.make_scanner = make_scanner
        self.allowed_networks = tuple(allowed_networks)
        AddressPolicy(allowed_networks=self.allowed_networks)  # a bad network fails here
        self.overrides = overrides
        self.responder = responder
        self.resolver = resolver
        self.poll_seconds = poll_seconds
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._condition = threading.Condition()
        self._pending = 0
        self._lock = threading.Lock()
        self._cancels: dict[int, threading.Event] = {}
        self._local = threading.local()
        self._report_scanner: Scanner | None = None

    # --- addresses and scanners ----------------------------------------------------------------

    def policy(self) -> AddressPolicy:
        """A fresh address policy (one per scan: it remembers each host's verdict)."""
        return AddressPolicy(allowed_networks=self.allowed_networks, resolver=self.resolver)

    def check_address(self, url: str) -> None:
        """Raises RefusedAddressError if a scan may not contact `url` (resolving its host:
        call it from a synchronous route, which runs in a worker thread)."""
        run_to_end(self.policy().check(url))

    def scanner(self) -> Scanner:
        """The calling thread's scanner, made at its first use."""
        found: Scanner | None = getattr(self._local, "scanner", None)
        if found is None:
            found = self._local.scanner = self.make_scanner()
        return found

    def report_scanner(self) -> Scanner:
        """A scanner for writing reports (they only read it), shared by every thread."""
        with self._lock:
            if self._report_scanner is None:
                self._report_scanner = self.make_scanner()
            return self._report_scanner

    # --- life cycle ----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether the worker threads are running."""
        return bool(self._threads)

    def start(self) -> list[int]:
        """Marks the jobs a stopped server left running as failed, then starts the workers;
        the IDs of the jobs so marked."""
        if self._threads:
            return []
        with transaction(self.sessions) as session:
            recovered = recover_interrupted(session)
        if recovered:
            logger.warning(
                "scan jobs left running by a stopped server marked failed: %s", recovered
            )
        self._stopping.clear()
        self._threads = [
            threading.Thread(target=self._work, name=f"leitplanke-scan-{number}", daemon=True)
            for number in range(1, self.workers + 1)
        ]
        for thread in self._threads:
            thread.start()
        return recovered

    def stop(self, timeout: float = 30.0) -> None:
        """Cancels the running scans (they end as failed, "abgebrochen") and waits up to
        `timeout` seconds for the workers to end."""
        self._stopping.set()
        with self._condition:
            self._condition.notify_all()
        with self._lock:
            for event in self._cancels.values():
                event.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._threads = []

    def wake(self) -> None:
        """Tells an idle worker that a job was queued."""
        with self._condition:
            self._pending += 1
            self._condition.notify()

    def cancel(self, job_id: int) -> None:
        """Stops the job at once if it runs in this process (its `cancel_requested` stops it
        anyway, after the page in progress)."""
        with self._lock:
            event = self._cancels.get(job_id)
        if event is not None:
            event.set()

    # --- work ----------------------------------------------------------------------------------

    def _work(self) -> None:
        while not self._stopping.is_set():
            try:
                ran = self.run_next()
            except Exception:  # a worker must not die: log, pause, go on
                logger.exception("scan job runner failed")
                ran = False
            if not ran:
                self._idle()

    def _idle(self) -> None:
        with self._condition:
            self._condition.wait_for(
                lambda: self._pending > 0 or self._stopping.is_set(), timeout=self.poll_seconds
            )
            if self._pending > 0:
                self._pending -= 1

    def run_next(self) -> bool:
        """Claims the oldest queued job and runs it in the calling thread; False if there was
        none (or the database was busy)."""
        job_id = self._claim()
        if job_id is None:
            return False
        self._run(job_id)
        return True

    def _claim(self) -> int | None:
        """Moves the oldest queued job to `running`; a job another worker took is skipped."""
        try:
            with transaction(self.sessions) as session:
                candidates = session.scalars(
                    select(ScanJob.id)
                    .where(ScanJob.status == ScanStatus.QUEUED)
                    .order_by(ScanJob.id)
                    .limit(self.workers + 1)
                ).all()
                for job_id in candidates:
                    claimed = session.execute(
                        update(ScanJob)
                        .where(ScanJob.id == job_id, ScanJob.status == ScanStatus.QUEUED)
                        .values(status=ScanStatus.RUNNING, started_at=now())
                    ).rowcount  # type: ignore[attr-defined]
                    if claimed:
                        return job_id
        except SQLAlchemyError:
            logger.warning("no scan job claimed: database busy", exc_info=True)
        return None

    def effective_options(self, stored: Mapping[str, Any]) -> ScanOptions:
        """The options a job runs with: its own, the runner's overrides, never private
        addresses."""
        return ScanOptions.model_validate({**stored, **self.overrides, "allow_private": False})

    def _run(self, job_id: int) -> None:
        cancel = threading.Event()
        with self._lock:
            self._cancels[job_id] = cancel
        try:
            with transaction(self.sessions) as session:
                job = session.get_one(ScanJob, job_id)
                options = self.effective_options(job.options)
                job.options = options.model_dump(mode="json")
                url = job.url
                if job.cancel_requested or self._stopping.is_set():
                    cancel.set()
            scanner = self.scanner()
            result = run_to_end(
                scan_site_async(
                    url,
                    options,
                    scanner=scanner,
                    on_progress=lambda progress: self._progress(job_id, progress, cancel),
                    cancel=cancel,
                    responder=self.responder,
                    policy=self.policy(),
                )
            )
        except Exception as error:
            logger.exception("scan job %s failed", job_id)
            self._finish(job_id, None, f"Der Scan ist fehlgeschlagen: {describe(error)}")
            return
        finally:
            with self._lock:
                self._cancels.pop(job_id, None)
        self._finish(job_id, result, None)

    def _progress(self, job_id: int, progress: ScanProgress, cancel: threading.Event) -> None:
        """Records the pages done; a cancel asked for in the database stops the scan."""
        try:
            with transaction(self.sessions) as session:
                session.execute(
                    update(ScanJob)
                    .where(ScanJob.id == job_id, ScanJob.status == ScanStatus.RUNNING)
                    .values(pages_done=progress.done)
                )
                if session.scalar(select(ScanJob.cancel_requested).where(ScanJob.id == job_id)):
                    cancel.set()
        except SQLAlchemyError:
            logger.warning("progress of scan job %s not recorded", job_id, exc_info=True)

    def _finish(self, job_id: int, result: SiteScan | None, error: str | None) -> None:
        """Records how the job ended, with its result; retried when the write clashes."""
        for attempt in range(FINISH_ATTEMPTS):
            try:
                with transaction(self.sessions) as session:
                    job = session.get_one(ScanJob, job_id, populate_existing=True)
                    if job.status is not ScanStatus.RUNNING:
                        return  # ended elsewhere (marked failed at another server's start)
                    status, reason = (
                        (ScanStatus.FAILED, error)
                        if result is None
                        else outcome(result, job.cancel_requested)
                    )
                    values: dict[str, Any] = {
                        "status": status,
                        "error": reason,
                        "finished_at": now(),
                    }
                    if result is not None:
                        values |= {
                            "result": result.model_dump_json(),
                            "summary": result.summary.model_dump(mode="json"),
                            "pages_done": result.summary.pages,
                        }
                    session.execute(update(ScanJob).where(ScanJob.id == job_id).values(values))
                    data: dict[str, Any] = {"status": status.value, "error": reason}
                    if result is not None:
                        summary = result.summary
                        data |= {
                            "pages": summary.pages,
                            "findings": [summary.error, summary.warning, summary.info],
                        }
                    record(session, SYSTEM, "scan.finish", "scan", job_id, data)
                return
            except SQLAlchemyError:
                logger.warning("end of scan job %s not recorded yet", job_id, exc_info=True)
                time.sleep(0.1 * (attempt + 1))
        logger.error(
            "end of scan job %s not recorded; it is marked failed at the next start", job_id
        )
