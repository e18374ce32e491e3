"""The state of an interrupted crawl, kept on disk so that it can be resumed.

Two files: the state itself (JSON: start, options, the queue with the pages in flight, the
URLs seen, done and skipped), rewritten atomically after each page, and beside it the page
results as JSON Lines (`<state>.pages.jsonl`), appended before the state names the page done.
A page whose result was written but not yet marked done is scanned again on resume and its
earlier line ignored.
"""

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from leitplanke.scan.options import ScanOptions
from leitplanke.scan.result import PageScan, SkippedUrl

STATE_FORMAT = "leitplanke-crawl-state/1"


class CrawlStateError(ValueError):
    """A state file that does not belong to this crawl or cannot be read (German message)."""


@dataclass
class CrawlState:
    """Queue, seen, done and skipped URLs of one crawl, and its page results."""

    start: str
    options: ScanOptions
    queue: list[tuple[str, int]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    done: list[str] = field(default_factory=list)
    skipped: list[SkippedUrl] = field(default_factory=list)
    pages: list[PageScan] = field(default_factory=list)


def pages_path(path: Path) -> Path:
    """Where the page results of the state file `path` are kept."""
    return path.with_name(path.name + ".pages.jsonl")


def load_state(path: Path, start: str, options: ScanOptions) -> CrawlState | None:
    """The saved state for this start, or None if there is none; CrawlStateError if foreign."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CrawlStateError(f"{path}: Zustandsdatei nicht lesbar: {error}") from None
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        raise CrawlStateError(f"{path}: keine Zustandsdatei eines Leitplanke-Scans")
    if data.get("start") != start:
        raise CrawlStateError(f"{path}: gehört zum Scan von {data.get('start')}, nicht {start}")
    done = [str(url) for url in data.get("done", [])]
    pages: dict[str, PageScan] = {}
    results = pages_path(path)
    if results.exists():
        for line in results.read_text(encoding="utf-8").splitlines():
            if line.strip():
                page = PageScan.model_validate_json(line)
                pages[page.url] = page
    return CrawlState(
        start=start,
        options=options,
        queue=[(str(url), int(depth)) for url, depth in data.get("queue", [])],
        seen={str(url) for url in data.get("seen", [])},
        done=done,
        skipped=[SkippedUrl.model_validate(item) for item in data.get("skipped", [])],
        pages=[pages[url] for url in done if url in pages],
    )


def append_page(path: Path, page: PageScan) -> None:
    """Append one page result and flush it to disk."""
    with pages_path(path).open("a", encoding="utf-8") as out:
        out.write(page.model_dump_json() + "\n")
        out.flush()
        os.fsync(out.fileno())


def save_state(path: Path, state: CrawlState) -> None:
    """Write the state atomically: a temporary file in the same folder, then a rename."""
    data = {
        "format": STATE_FORMAT,
        "start": state.start,
        "options": state.options.model_dump(mode="json"),
        "queue": state.queue,
        "seen": sorted(state.seen),
        "done": state.done,
        "skipped": [item.model_dump(mode="json") for item in state.skipped],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def clear_state(path: Path) -> None:
    """Remove the state and its page results."""
    path.unlink(missing_ok=True)
    pages_path(path).unlink(missing_ok=True)
