"""Scan report `json`: every site scan in full, and a summary over all.

Each page lists `third_party_hosts_before_consent`, the hosts of other parties the page
contacts before any interaction, so that results can be compared with other scanners.
"""

import json
from collections.abc import Sequence
from typing import Any, TextIO

from leitplanke.scan.reports.base import ScanReportContext
from leitplanke.scan.result import SiteScan

REPORT_FORMAT = "leitplanke-scan-report/1"


def report_document(sites: Sequence[SiteScan], context: ScanReportContext) -> dict[str, Any]:
    """The report as JSON-ready data."""
    return {
        "format": REPORT_FORMAT,
        "rulebook": context.scanner.rulebook,
        "catalogue_version": context.scanner.catalogue.version,
        "sites": [site.model_dump(mode="json") for site in sites],
        "summary": {
            "sites": len(sites),
            "pages": sum(site.summary.pages for site in sites),
            "error": sum(site.summary.error for site in sites),
            "warning": sum(site.summary.warning for site in sites),
            "info": sum(site.summary.info for site in sites),
        },
    }


def write_json(sites: Sequence[SiteScan], out: TextIO, context: ScanReportContext) -> None:
    """Write the report as indented JSON."""
    json.dump(report_document(sites, context), out, ensure_ascii=False, indent=2)
    out.write("\n")
