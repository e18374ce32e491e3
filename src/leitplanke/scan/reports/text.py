"""Scan report `text`: one line per finding, `page:line:col: Stufe REGEL-ID Meldung [Vorschlag]`.

The position is that of the first evidence found in the HTML; a finding seen only in the
browser names the page alone. Each site ends with a summary line and the third-party hosts
contacted before consent.
"""

from collections.abc import Sequence
from typing import TextIO

from leitplanke.checks.results import SEVERITY_LABEL
from leitplanke.scan.reports.base import ScanReportContext
from leitplanke.scan.result import SiteScan

STATE_LABEL = {
    "complete": "",
    "limited": " (Seitengrenze erreicht)",
    "cancelled": " (abgebrochen)",
}


def write_text(sites: Sequence[SiteScan], out: TextIO, context: ScanReportContext) -> None:
    """Write the findings of every page, then a summary per site."""
    for site in sites:
        for page in site.pages:
            if page.error:
                out.write(f"{page.url}: nicht geprüft: {page.error}\n")
            for finding in page.findings:
                position = finding.position
                where = f"{page.url}:{position[0]}:{position[1]}" if position else page.url
                fix = f" [{finding.fix}]" if finding.fix else ""
                out.write(
                    f"{where}: {SEVERITY_LABEL[finding.level]} {finding.rule_id} "
                    f"{finding.message}{fix}\n"
                )
        for skipped in site.skipped:
            out.write(f"{skipped.url}: übersprungen: {skipped.message}\n")
        summary = site.summary
        hosts = summary.third_party_hosts_before_consent
        out.write(
            f"{site.start}: {summary.pages} Seite(n) geprüft{STATE_LABEL.get(site.state, '')}, "
            f"{summary.pages_with_findings} mit Befunden: {summary.error} Fehler, "
            f"{summary.warning} Warnung(en), {summary.info} Hinweis(e); "
            f"{len(hosts)} Drittanbieter-Host(s) vor der Einwilligung"
            + (f": {', '.join(hosts)}" if hosts else "")
            + ".\n"
        )
