"""Benchmark: pages per second of the static and the browser scan on the project's page set.

Run: .venv/bin/python bench/scan.py [--repeat 3] [--cores 1] [--concurrency 1 2 4] [--json OUT]

The page set of the tests (`tests/data/scan/site`, 26 pages with known plugins) is served on
127.0.0.1 by the tests' server, which also answers for every third-party host; the browser
scan runs in offline mode, its third-party requests answered by that server, so nothing leaves
the machine. Measured per mode and concurrency: a crawl of the whole set (depth 3, no pause
between requests), best of `--repeat` runs, as pages per second and the median time of one page.
The static analysis alone (HTML already in memory, no HTTP) is measured too. `--cores 1` pins
the process, and so the Chromium it starts, to one core.

`--json OUT` writes, per page, the third-party hosts contacted before consent as the browser
saw them (and as the static scan expects them), to compare with other scanners' host lists.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the page set's server lives with the tests

from tests.live_server import serve  # noqa: E402
from tests.scan.site_server import SITE, forwarding_responder, make_site_app  # noqa: E402

from leitplanke.scan import Scanner, ScanOptions, SiteScan, scan_site  # noqa: E402
from leitplanke.scan.parties import PartyRule  # noqa: E402


def crawl(
    site: str, scanner: Scanner, *, browser: bool, concurrency: int
) -> tuple[float, SiteScan]:
    options = ScanOptions(
        browser=browser,
        offline=True,
        allow_private=True,
        per_host_delay=0,
        depth=3,
        max_pages=1000,
        concurrency=concurrency,
    )
    started = time.perf_counter()
    result = scan_site(site, options, scanner=scanner, responder=forwarding_responder(site))
    return time.perf_counter() - started, result


def analysis_rate(scanner: Scanner, repeat: int) -> float:
    """Pages per second of the static analysis alone, over the set's HTML files."""
    pages = [(p.read_text(encoding="utf-8"), p) for p in sorted(SITE.rglob("*.html"))]
    parties = PartyRule(["www.berlin.de"])
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(20):
            for html, path in pages:
                scanner.analyse_html(html, f"https://www.berlin.de/{path.name}", parties)
        best = min(best, time.perf_counter() - started)
    return 20 * len(pages) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cores", type=int, default=0, help="pin to this many cores (0: all)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--json", type=Path, help="write the hosts per page here")
    args = parser.parse_args()
    if args.cores:
        os.sched_setaffinity(0, set(range(args.cores)))
    cores = len(os.sched_getaffinity(0))
    started = time.perf_counter()
    scanner = Scanner()
    print(f"Scanner ready in {time.perf_counter() - started:.2f} s (catalogue, lists, rules)")
    print(f"{cores} core(s); best of {args.repeat} runs\n")
    print(f"static analysis alone: {analysis_rate(scanner, args.repeat):8.1f} pages/s")
    rows: list[tuple[str, int, int, float, float]] = []
    hosts: dict[str, Any] = {}
    with serve(make_site_app) as site:
        modes = [False] if args.no_browser else [False, True]
        for browser in modes:
            for concurrency in args.concurrency:
                runs = [
                    crawl(site, scanner, browser=browser, concurrency=concurrency)
                    for _ in range(args.repeat)
                ]
                seconds, result = min(runs, key=lambda run: run[0])
                median = statistics.median(page.duration_ms for page in result.pages)
                mode = "browser" if browser else "static"
                rows.append(
                    (mode, concurrency, len(result.pages), len(result.pages) / seconds, median)
                )
                hosts.setdefault(
                    mode,
                    {
                        page.url.removeprefix(site) or "/": page.third_party_hosts_before_consent
                        for page in result.pages
                    },
                )
    print(f"\n{'mode':8} {'concurrency':>11} {'pages':>6} {'pages/s':>9} {'median ms/page':>15}")
    for mode, concurrency, pages, rate, median in rows:
        print(f"{mode:8} {concurrency:>11} {pages:>6} {rate:>9.1f} {median:>15.0f}")
    if args.json:
        args.json.write_text(
            json.dumps(hosts, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"\nthird-party hosts before consent per page: {args.json}")


if __name__ == "__main__":
    main()
