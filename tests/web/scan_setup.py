"""Scans for the web tests: the scanner's page set on a local server, and a filled registry
whose app scans it.

The app's own runner refuses 127.0.0.1 like every non-public address; the registry here gets a
runner that lets 127.0.0.1 through (and only it), as no setting or input of the app can.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy import func, select

from leitplanke.scan.job_runner import ScanJobRunner
from leitplanke.scan.tables import ScanJob
from leitplanke.web.scan_view import scanner_factory
from tests.live_server import serve
from tests.scan.site_server import make_site_app
from tests.web.registry_setup import Registry, registry_on

FINISHED = frozenset({"done", "failed", "cancelled"})
RUN_SCAN = frozenset({"admin", "editor", "other_editor", "dpo"})


@contextmanager
def served_site() -> Iterator[str]:
    """The base URL (`http://127.0.0.1:PORT/`) of the scanner's page set, while served."""
    with serve(make_site_app) as base_url:
        yield base_url


def local_runner(app: FastAPI, **options: Any) -> ScanJobRunner:
    """A runner for `app` that may reach 127.0.0.1 (the page set's server)."""
    return ScanJobRunner(
        app.state.sessions,
        make_scanner=scanner_factory(app.state.site.publication),
        allowed_networks=["127.0.0.1/32"],
        poll_seconds=0.2,
        **options,
    )


@contextmanager
def scanning_registry(kind: str, folder: Path) -> Iterator[Registry]:
    """A filled registry (see `registry_setup.fill`) whose app runs scans of 127.0.0.1."""
    with registry_on(kind, folder) as registry:
        runner = local_runner(registry.app)
        registry.app.state.scan_runner = runner
        runner.start()
        try:
            yield registry
        finally:
            runner.stop()


def scan_count(registry: Registry) -> int:
    """How many scan jobs the database holds."""
    with registry.app.state.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(ScanJob)) or 0)


def wait_for(registry: Registry, scan_id: int, timeout: float = 30.0) -> dict[str, Any]:
    """The scan (as the API shows it) once it has ended."""
    client = registry.client("admin")
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = client.get(f"/api/v1/scans/{scan_id}").json()
        if job["status"] in FINISHED:
            return job
        assert time.monotonic() < deadline, f"scan {scan_id} still {job['status']}"
        time.sleep(0.05)
