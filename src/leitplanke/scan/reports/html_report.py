"""Scan report `html`: one self-contained page, a summary per site, then each page's findings."""

from collections.abc import Sequence
from typing import TextIO

from jinja2 import Environment, PackageLoader, StrictUndefined

from leitplanke.checks.results import SEVERITY_LABEL
from leitplanke.scan.reports.base import ScanReportContext
from leitplanke.scan.result import SiteScan

PARTY_LABEL = {"first": "eigene Seite", "third": "Drittanbieter"}
MOMENT_LABEL = {"before_consent": "vor Einwilligung", "after_consent": "nach Einwilligung"}
KIND_LABEL = {
    "element": "Element",
    "script": "Skript",
    "markup": "Markup",
    "request": "Anfrage",
    "cookie": "Cookie",
    "storage": "Speicher",
}


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("leitplanke.scan", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        severity_label={str(k): v for k, v in SEVERITY_LABEL.items()},
        party_label=PARTY_LABEL,
        moment_label=MOMENT_LABEL,
        kind_label=KIND_LABEL,
    )
    return environment


def write_html(sites: Sequence[SiteScan], out: TextIO, context: ScanReportContext) -> None:
    """Write the report as one HTML document."""
    template = _environment().get_template("scan_report.html")
    out.write(
        template.render(
            sites=sites,
            rulebook=context.scanner.rulebook,
            catalogue_version=context.scanner.catalogue.version,
        )
    )
