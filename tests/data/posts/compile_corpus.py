"""Compile the hand-written corpus source (`corpus.md`) into `corpus.jsonl` with exact offsets.

Source format (see the head of `corpus.md`): a post starts with a line `### <id> · <platform>`;
its text runs to the next `##`/`###` heading. Inside the text an entity is marked up as
`[surface text]{KIND}` or `[surface text]{KIND:role}`; the markup is removed and the span of
the surface text in the plain text becomes the entity. Lines of the form `<!-- … -->` are
annotator notes and do not belong to any post.

Run `python tests/data/posts/compile_corpus.py` to rewrite `corpus.jsonl`, or with `--check`
to exit 1 when the compiled file is not up to date with its source.
"""

import json
import re
import sys
from pathlib import Path

from leitplanke.checks.personal_data.entity import KINDS as PERSONAL_DATA_KINDS

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "corpus.md"
COMPILED = HERE / "corpus.jsonl"

KINDS = frozenset(PERSONAL_DATA_KINDS)
ROLES = frozenset({"office", "organisation"})
PLATFORMS = frozenset(
    {"mastodon", "bluesky", "x", "instagram", "facebook", "linkedin", "threads", "youtube"}
)

POST_HEADING = re.compile(r"^### (?P<id>[a-z0-9][a-z0-9-]*) · (?P<platform>[a-z]+)\s*$")
SECTION_HEADING = re.compile(r"^##? ")
NOTE = re.compile(r"^<!--.*-->\s*$")
MARKUP = re.compile(r"\[(?P<surface>[^\[\]]+)\]\{(?P<kind>[A-Z_]+)(?::(?P<role>[a-z]+))?\}")


class CorpusSourceError(ValueError):
    """A mistake in `corpus.md`, with the line it is on."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"corpus.md:{line}: {message}")


def strip_markup(marked: str, line: int) -> tuple[str, list[dict[str, object]]]:
    """Plain text and entities (with offsets into the plain text) of one marked-up post text."""
    plain: list[str] = []
    entities: list[dict[str, object]] = []
    length = 0
    position = 0
    for match in MARKUP.finditer(marked):
        before = marked[position : match.start()]
        plain.append(before)
        length += len(before)
        kind, role, surface = match["kind"], match["role"], match["surface"]
        if kind not in KINDS:
            raise CorpusSourceError(line, f"unknown entity kind {kind!r}")
        if role is not None and role not in ROLES:
            raise CorpusSourceError(line, f"unknown role {role!r}")
        if surface != surface.strip():
            raise CorpusSourceError(line, f"span {surface!r} starts or ends with white space")
        entity: dict[str, object] = {"kind": kind, "start": length, "end": length + len(surface)}
        if role is not None:
            entity["role"] = role
        entities.append(entity)
        plain.append(surface)
        length += len(surface)
        position = match.end()
    plain.append(marked[position:])
    text = "".join(plain)
    for leftover in re.finditer(r"\]\{[A-Z_:a-z]*\}", text):
        raise CorpusSourceError(line, f"broken markup near {text[leftover.start() - 20 :]!r}")
    return text, entities


def compile_source(source: str) -> list[dict[str, object]]:
    """All posts of a corpus source, in source order."""
    posts: list[dict[str, object]] = []
    current: dict[str, object] | None = None
    lines: list[str] = []
    first_line = 0

    def close() -> None:
        if current is None:
            return
        marked = "\n".join(lines).strip("\n")
        if not marked.strip():
            raise CorpusSourceError(first_line, f"post {current['id']} has no text")
        text, entities = strip_markup(marked, first_line)
        posts.append({**current, "text": text, "entities": entities})

    seen: set[str] = set()
    for number, raw in enumerate(source.splitlines(), start=1):
        heading = POST_HEADING.match(raw)
        if heading:
            close()
            post_id, platform = heading["id"], heading["platform"]
            if post_id in seen:
                raise CorpusSourceError(number, f"duplicate post id {post_id!r}")
            if platform not in PLATFORMS:
                raise CorpusSourceError(number, f"unknown platform {platform!r}")
            seen.add(post_id)
            current, lines, first_line = {"id": post_id, "platform": platform}, [], number
        elif raw.startswith("###"):
            raise CorpusSourceError(number, "post heading must be `### <id> · <platform>`")
        elif SECTION_HEADING.match(raw):
            close()
            current, lines = None, []
        elif NOTE.match(raw):
            continue
        elif current is not None:
            lines.append(raw.rstrip())
    close()
    return posts


def render_jsonl(posts: list[dict[str, object]]) -> str:
    """One JSON object per line, keys in a fixed order, non-ASCII kept readable."""
    return "".join(json.dumps(post, ensure_ascii=False) + "\n" for post in posts)


def main(argv: list[str]) -> int:
    """Write `corpus.jsonl`, or with `--check` report whether it is up to date."""
    compiled = render_jsonl(compile_source(SOURCE.read_text(encoding="utf-8")))
    if "--check" in argv:
        current = COMPILED.read_text(encoding="utf-8") if COMPILED.exists() else ""
        if current != compiled:
            print(f"{COMPILED.name} is out of date: run python {Path(__file__).name}")
            return 1
        return 0
    COMPILED.write_text(compiled, encoding="utf-8")
    print(f"wrote {COMPILED.name}: {compiled.count(chr(10))} posts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
