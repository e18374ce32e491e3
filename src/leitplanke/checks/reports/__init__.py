"""The registry of report formats: name to the class that writes it, checked at start-up."""

from collections.abc import Iterable
from typing import TextIO

from leitplanke.checks.reports.base import Report, ReportContext, ReportFactory
from leitplanke.extension_points import resolve_registry

__all__ = ["BUILT_IN", "REPORTS", "Report", "ReportContext", "build_registry", "create_report"]

# name -> "module:class"; the built-ins register through the same table an extension would.
BUILT_IN: tuple[tuple[str, str], ...] = (
    ("text", "leitplanke.checks.reports.text:TextReport"),
    ("json", "leitplanke.checks.reports.json_report:JsonReport"),
    ("sarif", "leitplanke.checks.reports.sarif:SarifReport"),
)


def build_registry(entries: Iterable[tuple[str, str]]) -> dict[str, ReportFactory]:
    """Resolve `module:class` entries; a duplicate name or a missing class is an error."""
    return resolve_registry(entries, "report format")


REPORTS: dict[str, ReportFactory] = build_registry(BUILT_IN)


def create_report(name: str, out: TextIO, context: ReportContext) -> Report:
    """A report of format `name` writing to `out`; KeyError for an unknown format."""
    return REPORTS[name](out, context)
