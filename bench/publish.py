"""Benchmark: time to publish the bundled and a generated 1,000-rule rulebook in every format.

Run: .venv/bin/python bench/publish.py [--rules 1000] [--repeat 3]
Pins itself to one CPU core; prints the best of `--repeat` runs per renderer and in total.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from leitplanke.publish.publication import Publication
from leitplanke.publish.renderers import RENDERERS, fewer_collections
from leitplanke.publish.site import write_site
from leitplanke.rulebook.loader import BUNDLED
from leitplanke.rulebook.synthetic import grow_rulebook
from leitplanke.rulebook.versions import load_history
from leitplanke.rulebook.writer import write_rulebook

BASE_URL = "https://www.berlin.de/leitplanke/"


def publish_once(source: Path, out: Path) -> dict[str, float]:
    """One full publication from the source folder; seconds per step."""
    with fewer_collections():  # as `leitplanke publish` does
        return timed_steps(source, out)


def timed_steps(source: Path, out: Path) -> dict[str, float]:
    """Load, build the document, run each renderer, write; seconds per step."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    history = load_history(source)
    timings["load"] = time.perf_counter() - started
    publication = Publication(history, BASE_URL)
    _ = publication.document
    timings["document"] = time.perf_counter() - started - timings["load"]
    artifacts = []
    for name, renderer in RENDERERS.items():
        step = time.perf_counter()
        artifacts += renderer(publication)
        timings[name] = time.perf_counter() - step
    step = time.perf_counter()
    write_site(artifacts, out)
    timings["write"] = time.perf_counter() - step
    timings["total"] = time.perf_counter() - started
    return timings


def best_of(source: Path, repeat: int) -> dict[str, float]:
    """Per-step minimum over `repeat` runs."""
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeat):
            runs.append(publish_once(source, Path(folder) / "site"))
    return {step: min(run[step] for run in runs) for step in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=1000, help="size of the generated rulebook")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    history = load_history(BUNDLED)
    with tempfile.TemporaryDirectory() as generated:
        write_rulebook(grow_rulebook(history.current, args.rules), Path(generated))
        bundled = f"bundled ({len(history.current.rules)} rules, {len(history.versions)} versions)"
        cases = {
            bundled: BUNDLED,
            f"generated ({args.rules} rules)": Path(generated),
        }
        results = {label: best_of(source, args.repeat) for label, source in cases.items()}
    steps = list(next(iter(results.values())))
    print(f"{'step':<14}" + "".join(f"{label:>34}" for label in results))
    for step in steps:
        print(f"{step:<14}" + "".join(f"{result[step]:>32.3f} s" for result in results.values()))
    sys.exit(0)


if __name__ == "__main__":
    main()
