"""The registry of scan report formats: name to the function that writes it, checked at start-up.

A report format is a function `(sites, out, context) -> None` writing the scanned sites to a
text stream. The built-ins register through the same table an extension would.
"""

from collections.abc import Iterable, Sequence
from typing import TextIO

from leitplanke.extension_points import resolve_registry
from leitplanke.scan.reports.base import ScanReportContext, ScanReportWriter
from leitplanke.scan.result import SiteScan

__all__ = [
    "BUILT_IN",
    "SCAN_REPORTS",
    "ScanReportContext",
    "ScanReportWriter",
    "build_registry",
    "write_report",
]

BUILT_IN: tuple[tuple[str, str], ...] = (
    ("text", "leitplanke.scan.reports.text:write_text"),
    ("json", "leitplanke.scan.reports.json_report:write_json"),
    ("sarif", "leitplanke.scan.reports.sarif:write_sarif"),
    ("html", "leitplanke.scan.reports.html_report:write_html"),
)


def build_registry(entries: Iterable[tuple[str, str]]) -> dict[str, ScanReportWriter]:
    """Resolve `module:function` entries; a duplicate name or a missing function is an error."""
    return resolve_registry(entries, "scan report format")


SCAN_REPORTS: dict[str, ScanReportWriter] = build_registry(BUILT_IN)


def write_report(
    name: str, sites: Sequence[SiteScan], out: TextIO, context: ScanReportContext
) -> None:
    """Write `sites` in format `name`; KeyError for an unknown format."""
    SCAN_REPORTS[name](sites, out, context)
