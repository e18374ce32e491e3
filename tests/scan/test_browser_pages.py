"""Browser scans of the page set in Debian's Chromium: what loads before consent, and after.

Third parties are never contacted: in offline mode the scanner answers their requests itself,
here through the local server's stand-ins, which set cookies as the platforms do.
"""

import pytest

from leitplanke.scan import EvidenceKind, Moment, Party, ScanOptions, scan_page, scan_site
from tests.scan.expectations import cases, found, page_of
from tests.scan.site_server import SITE, forwarding_responder

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def crawled(site, scanner, browser_options):
    """One browser crawl of the whole page set."""
    options = browser_options.model_copy(update={"depth": 3})
    return scan_site(site, options, scanner=scanner, responder=forwarding_responder(site))


def browse(site, scanner, browser_options, path, **options):
    """A browser scan of one page of the set."""
    return scan_page(
        site + path,
        browser_options.model_copy(update=options),
        scanner=scanner,
        responder=forwarding_responder(site),
    )


@pytest.mark.parametrize(("path", "want"), cases("browser"))
def test_browser_scan_finds_the_known_plugins_of_each_page(crawled, site, path, want):
    page = page_of(crawled, site, path)
    assert page.error is None
    assert found(page) == want


def test_no_request_reaches_a_third_party(crawled):
    third_party = [r for page in crawled.pages for r in page.requests if r.party is Party.THIRD]
    assert third_party, "the page set makes third-party requests"
    assert {r.outcome for r in third_party} == {"stubbed"}


def test_the_hosts_contacted_before_consent_are_listed_per_page(crawled, site):
    page = page_of(crawled, site, "plugins/facebook-like.html")
    assert page.third_party_hosts_before_consent == ["connect.facebook.net", "www.facebook.com"]
    assert page_of(crawled, site, "friendly/two-click.html").third_party_hosts_before_consent == []


def test_a_frame_inserted_by_the_sdk_and_its_cookie_are_evidence(crawled, site):
    (finding,) = page_of(crawled, site, "plugins/facebook-like.html").findings
    kinds = {(e.kind, e.host) for e in finding.evidence}
    assert (EvidenceKind.REQUEST, "www.facebook.com") in kinds
    assert (EvidenceKind.COOKIE, "facebook.com") in kinds
    assert finding.confidence == 1.0


def test_a_pixel_cookie_on_the_site_itself_is_attributed_to_the_pixel(crawled, site):
    page = page_of(crawled, site, "plugins/meta-pixel.html")
    (cookie,) = [c for c in page.cookies if c.name == "_fbp"]
    assert (cookie.party, cookie.signature) == (Party.FIRST, "meta-pixel")


def test_storage_writes_are_recorded_and_attributed(crawled, site):
    page = page_of(crawled, site, "plugins/analytics.html")
    writes = {(w.area, w.key, w.signature) for w in page.storage}
    assert ("localStorage", "_ga_session", "google-analytics") in writes
    assert ("cookie", "_ga", "google-analytics") in writes


def test_lazy_content_is_seen_loading_when_the_page_is_scrolled(crawled, site):
    page = page_of(crawled, site, "tricky/lazy.html")
    hosts = {r.host for r in page.requests}
    assert {"www.youtube.com", "player.vimeo.com"} <= hosts


def test_robots_txt_keeps_the_browser_away_from_forbidden_pages(crawled, site):
    assert [s.reason for s in crawled.skipped if "privat" in s.url] == ["robots"]


def test_clicking_the_two_click_button_loads_the_video_only_then(site, scanner, browser_options):
    page = browse(
        site,
        scanner,
        browser_options,
        "friendly/two-click.html",
        consent_selector="#video-laden",
    )
    assert page.consent is not None and page.consent.clicked
    assert page.third_party_hosts_before_consent == []
    assert page.third_party_hosts_after_consent == ["www.youtube-nocookie.com"]
    assert page.findings == []


def test_consent_does_not_cure_a_tracking_pixel(site, scanner, browser_options):
    page = browse(
        site,
        scanner,
        browser_options,
        "tricky/pixel-after-consent.html",
        consent_selector="#alle-akzeptieren",
    )
    (finding,) = page.findings
    assert (finding.signature, finding.moment) == ("meta-pixel", Moment.AFTER_CONSENT)
    assert {e.kind for e in finding.evidence} >= {EvidenceKind.REQUEST}
    assert page.third_party_hosts_before_consent == []


def test_analytics_after_consent_is_recorded_but_not_reported(site, scanner, browser_options):
    page = browse(
        site,
        scanner,
        browser_options,
        "friendly/consent-manager.html",
        consent_selector="#alle-akzeptieren",
    )
    assert page.findings == []
    assert "www.googletagmanager.com" in page.third_party_hosts_after_consent
    assert {c.name for c in page.cookies if c.moment is Moment.AFTER_CONSENT} >= {"_ga"}


def test_a_missing_consent_button_is_reported_not_fatal(site, scanner, browser_options):
    page = browse(
        site, scanner, browser_options, "plugins/youtube.html", consent_selector="#gibt-es-nicht"
    )
    assert page.consent is not None and not page.consent.clicked
    assert found(page) == {"youtube": "INST-SP-03"}


def test_a_saved_file_is_loaded_in_the_browser_without_contacting_anyone(
    scanner, browser_options, site
):
    page = scan_page(
        str(SITE / "plugins" / "x-timeline.html"),
        browser_options,
        scanner=scanner,
        responder=forwarding_responder(site),
    )
    assert found(page) == {"x-widgets": "INST-SP-01"}
    assert {r.outcome for r in page.requests} == {"stubbed"}


def test_a_page_scan_takes_seconds_at_most(site, scanner, browser_options):
    """The goal is well under a second (bench/scan.py measures it); a busy CI may be slower."""
    page = browse(site, scanner, browser_options, "plugins/youtube.html")
    assert page.duration_ms < 5000


def test_the_browser_refuses_private_addresses_unless_allowed(site, scanner, chromium):
    options = ScanOptions(browser=True, offline=True, per_host_delay=0)
    page = scan_page(site + "plugins/youtube.html", options, scanner=scanner)
    assert page.error is not None and "nicht öffentlichen Adresse" in page.error
