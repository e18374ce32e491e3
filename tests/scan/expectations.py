"""The page set's expectations (`tests/data/scan/expectations.yaml`) as test parameters."""

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from leitplanke.scan import PageScan, SiteScan

EXPECTATIONS = Path(__file__).resolve().parents[1] / "data" / "scan" / "expectations.yaml"
CASES = YAML(typ="safe").load(EXPECTATIONS.read_text(encoding="utf-8"))


def cases(mode: str) -> list[object]:
    """(page, wanted findings) per page, with the page as the test ID."""
    return [pytest.param(case["page"], case[mode], id=case["page"]) for case in CASES]


def found(page: PageScan) -> dict[str, str]:
    """The page's findings as `signature: rule`."""
    return {finding.signature: finding.rule_id for finding in page.findings}


def page_of(site: SiteScan, base_url: str, path: str) -> PageScan:
    """The scanned page at `path` of the page set."""
    url = base_url + ("" if path == "index.html" else path)
    for page in site.pages:
        if page.url == url:
            return page
    raise AssertionError(f"{url} not scanned; scanned: {[p.url for p in site.pages]}")
