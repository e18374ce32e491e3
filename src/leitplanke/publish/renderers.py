"""The registry of renderers: format name to the function that renders it, checked at start-up."""

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from leitplanke.extension_points import resolve_registry
from leitplanke.publish.publication import Artifact, Publication

Renderer = Callable[[Publication], list[Artifact]]

# name -> "module:function"; the built-ins register through the same table an extension would.
BUILT_IN: tuple[tuple[str, str], ...] = (
    ("json", "leitplanke.publish.json_document:render_json"),
    ("csv", "leitplanke.publish.csv_table:render_csv"),
    ("rdf", "leitplanke.publish.rdf:render_rdf"),
    ("akoma-ntoso", "leitplanke.publish.akoma_ntoso:render_akoma_ntoso"),
    ("html", "leitplanke.publish.html_site:render_html"),
    ("pdf", "leitplanke.publish.pdf:render_pdf"),
    ("dcat", "leitplanke.publish.dcat:render_dcat"),
    ("changes", "leitplanke.publish.changes:render_changes"),
)


def build_registry(entries: Iterable[tuple[str, str]]) -> dict[str, Renderer]:
    """Resolve `module:function` entries; a duplicate name or a missing function is an error."""
    return resolve_registry(entries, "renderer")


RENDERERS: dict[str, Renderer] = build_registry(BUILT_IN)


@contextmanager
def fewer_collections(threshold: int = 50_000) -> Iterator[None]:
    """Run the cyclic garbage collector less often while rendering.

    Rendering creates millions of short-lived objects beside a large long-lived document; with
    Python's default generation-0 threshold (700) the collector rescans that document hundreds of
    times, about a tenth of the time for 1,000 rules. Memory stays bounded: collections still
    happen, only later. The previous thresholds are restored afterwards.
    """
    previous = gc.get_threshold()
    gc.set_threshold(max(threshold, previous[0]), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def render_all(publication: Publication) -> list[Artifact]:
    """Every artifact of every registered renderer; a path produced twice is an error."""
    artifacts: dict[str, Artifact] = {}
    with fewer_collections():
        for name, renderer in RENDERERS.items():
            for artifact in renderer(publication):
                if artifact.path in artifacts:
                    raise ValueError(f"renderer {name!r} writes {artifact.path} a second time")
                artifacts[artifact.path] = artifact
    return list(artifacts.values())
