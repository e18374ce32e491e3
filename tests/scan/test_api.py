"""The scanner's public surface for the web app: names, plain-data results, cancellation."""

import threading

import leitplanke.scan as scan
from leitplanke.scan import ScanOptions, SiteScan, scan_page, scan_site

PUBLIC = {
    "AddressPolicy",
    "Catalogue",
    "CatalogueError",
    "ConsentPass",
    "CookieRecord",
    "CrawlStateError",
    "Effect",
    "Evidence",
    "EvidenceKind",
    "Moment",
    "PageScan",
    "Party",
    "ProgressCallback",
    "RefusedAddressError",
    "RequestRecord",
    "Responder",
    "SafeguardHit",
    "ScanFinding",
    "ScanMode",
    "ScanOptions",
    "ScanProgress",
    "Scanner",
    "SiteScan",
    "SiteSummary",
    "SkippedUrl",
    "StorageRecord",
    "StubResponse",
    "ThirdPartyRequest",
    "empty_response",
    "load_catalogue",
    "scan_page",
    "scan_site",
    "scan_site_async",
}


def test_the_public_names_are_exactly_these():
    assert set(scan.__all__) == PUBLIC
    assert all(hasattr(scan, name) for name in scan.__all__)


def test_a_site_scan_survives_a_round_trip_through_json(site, scanner, static_options):
    result = scan_site(site, static_options.model_copy(update={"depth": 1}), scanner=scanner)
    assert SiteScan.model_validate_json(result.model_dump_json()) == result


def test_scan_page_scans_one_page_and_follows_no_link(site, scanner, static_options):
    page = scan_page(site, static_options.model_copy(update={"depth": 5}), scanner=scanner)
    assert page.url == site and page.error is None


def test_scan_page_says_why_a_page_was_not_scanned(site, scanner):
    page = scan_page(site, ScanOptions(), scanner=scanner)
    assert "nicht öffentlichen Adresse" in page.error


def test_a_cancelled_scan_stops_at_once(site, scanner, static_options):
    cancel = threading.Event()
    cancel.set()
    result = scan_site(site, static_options, scanner=scanner, cancel=cancel)
    assert result.state == "cancelled" and result.pages == []


def test_options_are_plain_data_for_storing_with_a_scan():
    options = ScanOptions(browser=True, depth=2, consent_selector="#ok")
    assert ScanOptions.model_validate_json(options.model_dump_json()) == options
