"""Scan report `sarif`: SARIF 2.1.0, one run, a result per finding.

The driver lists the rules the catalogue cites (ID, title, rule page, legal basis), written as
for `leitplanke check`. A result's location is the page (its URL, or the file as given) with
the region of the first evidence in the HTML, if any; vendor, signature, category, party,
moment, confidence and the evidence's URLs are its properties. Pages not scanned are tool
execution notifications.
"""

import json
from collections.abc import Sequence
from typing import Any, TextIO

from leitplanke import __version__
from leitplanke.checks.reports.sarif import SARIF_LEVEL, SCHEMA_URI, file_uri, rule_descriptor
from leitplanke.scan.reports.base import ScanReportContext
from leitplanke.scan.result import PageScan, ScanFinding, SiteScan


def page_uri(page: PageScan) -> str:
    """A page as a URI: its URL, or the file it was read from."""
    return page.url if page.url.startswith(("http://", "https://")) else file_uri(page.url)


def cited_rules(context: ScanReportContext) -> list[str]:
    """IDs of the rules the catalogue's categories and signatures cite, in rulebook order."""
    catalogue = context.scanner.catalogue
    cited = {c.rule for c in catalogue.categories} | {s.rule for s in catalogue.signatures}
    return [rule_id for rule_id in context.scanner.rules if rule_id in cited]


def result(finding: ScanFinding, page: PageScan, rule_index: dict[str, int]) -> dict[str, Any]:
    """A finding as a SARIF result."""
    message = finding.message + (f" Vorschlag: {finding.fix}" if finding.fix else "")
    location: dict[str, Any] = {"artifactLocation": {"uri": page_uri(page)}}
    position = finding.position
    if position is not None:
        location["region"] = {"startLine": position[0], "startColumn": position[1]}
        snippet = next((e.snippet for e in finding.evidence if e.line is not None), None)
        if snippet:
            location["region"]["snippet"] = {"text": snippet}
    return {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index[finding.rule_id],
        "level": SARIF_LEVEL[finding.level],
        "message": {"text": message},
        "locations": [{"physicalLocation": location}],
        "properties": {
            "vendor": finding.vendor,
            "signature": finding.signature,
            "category": finding.category,
            "party": str(finding.party),
            "moment": str(finding.moment),
            "confidence": finding.confidence,
            "legalBasis": finding.legal_basis,
            "evidence": sorted({e.url for e in finding.evidence if e.url}),
        },
    }


def write_sarif(sites: Sequence[SiteScan], out: TextIO, context: ScanReportContext) -> None:
    """Write one SARIF log for all sites."""
    published = {rule.id: rule for rule in context.scanner.publication.document.rules}
    rule_ids = cited_rules(context)
    rule_index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    results = [
        result(finding, page, rule_index)
        for site in sites
        for page in site.pages
        for finding in page.findings
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"nicht geprüft: {page.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": page_uri(page)}}}],
        }
        for site in sites
        for page in site.pages
        if page.error
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    publication = context.scanner.publication
    driver = {
        "name": "Leitplanke",
        "semanticVersion": __version__,
        "informationUri": publication.base_url,
        "rules": [rule_descriptor(published[rule_id]) for rule_id in rule_ids],
        "properties": {
            "rulebook": context.scanner.rulebook,
            "catalogueVersion": context.scanner.catalogue.version,
        },
    }
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "results": results,
                "invocations": [invocation],
                "properties": {
                    "pages": [
                        {
                            "uri": page_uri(page),
                            "thirdPartyHostsBeforeConsent": page.third_party_hosts_before_consent,
                        }
                        for site in sites
                        for page in site.pages
                    ]
                },
            }
        ],
    }
    json.dump(log, out, ensure_ascii=False, indent=2)
    out.write("\n")
