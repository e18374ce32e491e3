"""Static scans of the page set served on 127.0.0.1: known plugins found, friendly ones not."""

import pytest

from leitplanke.scan import Effect, EvidenceKind, Moment, ScanOptions, scan_site
from tests.scan.expectations import cases, found, page_of


@pytest.fixture(scope="module")
def crawled(site, scanner, static_options):
    """One static crawl of the whole page set."""
    return scan_site(site, static_options.model_copy(update={"depth": 3}), scanner=scanner)


@pytest.mark.parametrize(("path", "want"), cases("static"))
def test_static_scan_finds_the_known_plugins_of_each_page(crawled, site, path, want):
    assert found(page_of(crawled, site, path)) == want


def test_privacy_friendly_patterns_are_recognised(crawled, site):
    kinds = {
        path: {hit.safeguard for hit in page_of(crawled, site, path).safeguards}
        for path in (
            "friendly/shariff.html",
            "friendly/two-click.html",
            "friendly/consent-manager.html",
            "friendly/links.html",
            "plugins/mastodon.html",
        )
    }
    assert kinds == {
        "friendly/shariff.html": {"shariff"},
        "friendly/two-click.html": {"two-click"},
        "friendly/consent-manager.html": {"consent-category", "cookiebot-blocking"},
        "friendly/links.html": {"share-link"},
        "plugins/mastodon.html": {"share-link"},
    }


def test_what_a_two_click_placeholder_holds_back_is_blocked_not_loading(crawled, site):
    page = page_of(crawled, site, "friendly/consent-manager.html")
    assert {e.signature: e.effect for e in page.evidence} == {
        "google-analytics": Effect.BLOCKED,
        "youtube": Effect.BLOCKED,
    }
    assert page.third_party_hosts_before_consent == []


def test_a_pixel_behind_consent_is_reported_as_loading_after_consent(crawled, site):
    (finding,) = page_of(crawled, site, "tricky/pixel-after-consent.html").findings
    assert finding.moment is Moment.AFTER_CONSENT
    assert "auch mit Einwilligung unzulässig" in finding.message


def test_a_finding_points_at_the_element_in_the_html(crawled, site):
    (finding,) = page_of(crawled, site, "plugins/youtube.html").findings
    assert finding.position == (9, 1)
    evidence = finding.evidence[0]
    assert evidence.kind is EvidenceKind.ELEMENT
    assert evidence.url == "https://www.youtube.com/embed/dQw4w9WgXcQ"
    assert evidence.snippet.startswith('<iframe width="560"')
    assert finding.level == "warning"
    assert finding.legal_basis[0] == "§ 25 Abs. 1 TDDDG"


def test_static_scan_lists_the_third_party_hosts_the_page_loads(crawled, site):
    page = page_of(crawled, site, "plugins/tiktok-linkedin-pinterest.html")
    assert page.third_party_hosts_before_consent == [
        "assets.pinterest.com",
        "platform.linkedin.com",
        "www.tiktok.com",
    ]


def test_lazy_loading_is_said_in_the_evidence(crawled, site):
    page = page_of(crawled, site, "tricky/lazy.html")
    details = {e.signature: (e.effect, e.detail) for e in page.evidence}
    assert details["youtube"] == (Effect.LOADS, "loading=lazy: lädt beim Scrollen, ohne Klick")
    assert details["vimeo"][0] is Effect.DEFERRED


def test_a_saved_file_is_scanned_like_the_page(scanner):
    from tests.scan.site_server import SITE

    options = ScanOptions(base_url="https://www.berlin.de/video.html")
    site = scan_site(str(SITE / "plugins" / "youtube.html"), options, scanner=scanner)
    (page,) = site.pages
    assert found(page) == {"youtube": "INST-SP-03"}
    assert page.final_url == "https://www.berlin.de/video.html"
