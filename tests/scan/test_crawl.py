"""Crawling the page set: depth and page limits, robots.txt, resuming, refused addresses."""

import asyncio
import json
import threading
import time

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from leitplanke.scan import AddressPolicy, ScanOptions, scan_site
from leitplanke.scan.crawl import is_page_link, normalise
from leitplanke.scan.crawl_state import pages_path
from leitplanke.scan.fetch import HostPacer


def paths(site_scan, base_url):
    return sorted(page.url.removeprefix(base_url) for page in site_scan.pages)


def test_links_are_followed_to_the_given_depth(site, scanner, static_options):
    result = scan_site(site, static_options.model_copy(update={"depth": 2}), scanner=scanner)
    scanned = paths(result, site)
    assert "tiefe/2.html" in scanned and "tiefe/3.html" not in scanned
    assert result.state == "complete"
    assert "assets/bericht.pdf" not in scanned  # a download, not a page


def test_depth_zero_scans_the_start_page_only(site, scanner, static_options):
    result = scan_site(site + "tiefe/1.html", static_options, scanner=scanner)
    assert paths(result, site) == ["tiefe/1.html"]


def test_the_page_limit_stops_the_crawl(site, scanner, static_options):
    options = static_options.model_copy(update={"depth": 3, "max_pages": 3})
    result = scan_site(site, options, scanner=scanner)
    assert len(result.pages) == 3
    assert result.state == "limited"
    assert {s.reason for s in result.skipped} >= {"limit"}


def test_robots_txt_is_obeyed_unless_told_otherwise(site, scanner, static_options):
    options = static_options.model_copy(update={"depth": 1})
    obeyed = scan_site(site, options, scanner=scanner)
    assert "privat/geheim.html" not in paths(obeyed, site)
    assert [s.reason for s in obeyed.skipped if "privat" in s.url] == ["robots"]
    ignored = scan_site(site, options.model_copy(update={"respect_robots": False}), scanner=scanner)
    assert "privat/geheim.html" in paths(ignored, site)


def test_a_crawl_resumes_from_its_state_file(site, scanner, static_options, tmp_path):
    options = static_options.model_copy(update={"depth": 3, "concurrency": 2})
    state = tmp_path / "scan.json"
    cancel = threading.Event()

    def stop_after_five(progress):
        if progress.done >= 5:
            cancel.set()

    first = scan_site(
        site,
        options,
        scanner=scanner,
        state_path=state,
        cancel=cancel,
        on_progress=stop_after_five,
    )
    assert first.state == "cancelled"
    assert 5 <= len(first.pages) < 20
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert saved["queue"] and len(saved["done"]) >= 5
    second = scan_site(site, options, scanner=scanner, state_path=state)
    assert second.state == "complete"
    full = scan_site(site, options, scanner=scanner)
    assert paths(second, site) == paths(full, site)
    assert len({page.url for page in second.pages}) == len(second.pages)
    assert not state.exists() and not pages_path(state).exists()


def test_a_state_file_of_another_scan_is_refused(site, scanner, static_options, tmp_path):
    from leitplanke.scan import CrawlStateError

    state = tmp_path / "scan.json"
    state.write_text(
        json.dumps({"format": "leitplanke-crawl-state/1", "start": "https://example.org/"}),
        encoding="utf-8",
    )
    with pytest.raises(CrawlStateError, match=r"gehört zum Scan von https://example\.org/"):
        scan_site(site, static_options, scanner=scanner, state_path=state)


def test_loopback_addresses_are_refused_by_default(site, scanner):
    result = scan_site(site, ScanOptions(per_host_delay=0), scanner=scanner)
    assert result.pages == []
    (skipped,) = result.skipped
    assert skipped.reason == "refused"
    assert "nicht öffentlichen Adresse" in skipped.message


def test_a_redirect_to_a_link_local_address_is_refused(site, scanner, static_options):
    policy = AddressPolicy(allowed_networks=["127.0.0.1/32"])
    options = static_options.model_copy(update={"allow_private": False})
    result = scan_site(site + "weiter", options, scanner=scanner, policy=policy)
    assert [(s.reason, "169.254.169.254" in s.message) for s in result.skipped] == [
        ("refused", True)
    ]


def test_a_redirect_within_the_site_is_followed(site, scanner, static_options):
    result = scan_site(site + "umleitung", static_options, scanner=scanner)
    (page,) = result.pages
    assert page.final_url == site + "plugins/youtube.html"
    assert [f.signature for f in page.findings] == ["youtube"]


def test_pages_can_come_through_a_transport_without_a_network(scanner):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        html = '<script src="https://connect.facebook.net/de_DE/sdk.js"></script>'
        return httpx.Response(200, html=html)

    options = ScanOptions(per_host_delay=0)
    policy = AddressPolicy(resolver=lambda host, port: _resolved("93.184.216.34"))
    result = scan_site(
        "https://amt.example/",
        options,
        scanner=scanner,
        transport=httpx.MockTransport(handler),
        policy=policy,
    )
    assert [f.signature for f in result.pages[0].findings] == ["facebook-plugins"]


async def _resolved(address: str) -> list[str]:
    return [address]


def test_the_pacer_keeps_requests_to_one_host_apart():
    pacer = HostPacer(0.05)

    async def three() -> float:
        start = time.monotonic()
        for _ in range(3):
            await pacer.wait("amt.example")
        await pacer.wait("anderes.example")  # another host does not wait
        return time.monotonic() - start

    assert 0.1 <= asyncio.run(three()) < 0.5


def test_progress_is_reported_after_every_page(site, scanner, static_options):
    seen = []
    options = static_options.model_copy(update={"depth": 1, "max_pages": 4})
    scan_site(site, options, scanner=scanner, on_progress=seen.append)
    assert [p.done for p in seen if p.url] == sorted(p.done for p in seen if p.url)
    assert seen[-1].done == 4 and seen[-1].limit == 4


@given(st.text())
def test_normalising_any_text_never_fails_and_is_idempotent(text):
    url = normalise(text)
    assert url is None or normalise(url) == url


@pytest.mark.parametrize(
    ("link", "page"),
    [("https://a.de/x.pdf", False), ("https://a.de/x.html", True), ("https://a.de/dir/", True)],
)
def test_downloads_are_not_followed_as_pages(link, page):
    assert is_page_link(link) is page
