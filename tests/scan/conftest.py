"""Fixtures of the scanner's tests: the page set on a local server, a scanner, options."""

import os
from collections.abc import Iterator

import pytest

from leitplanke.scan import Scanner, ScanOptions
from leitplanke.scan.browser import find_chromium
from tests.live_server import serve
from tests.scan.site_server import make_site_app


@pytest.fixture(scope="session")
def site() -> Iterator[str]:
    """The base URL (`http://127.0.0.1:PORT/`) of the page set."""
    with serve(make_site_app) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def scanner() -> Scanner:
    """A scanner with the bundled catalogue, filter lists and rulebook."""
    return Scanner()


@pytest.fixture(scope="session")
def static_options() -> ScanOptions:
    """Static scans of the local page set: loopback allowed, no pause between requests."""
    return ScanOptions(allow_private=True, per_host_delay=0, max_pages=100)


@pytest.fixture(scope="session")
def browser_options(chromium: str) -> ScanOptions:
    """Browser scans of the local page set, third parties answered locally (offline mode)."""
    return ScanOptions(
        browser=True, offline=True, allow_private=True, per_host_delay=0, max_pages=100
    )


@pytest.fixture(scope="session")
def chromium() -> str:
    """Chromium's path; skipped where there is none, except in CI, where it fails."""
    found = find_chromium()
    if found is None:
        message = "Chromium not found; install Debian's package chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found
