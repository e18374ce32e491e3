"""The renderer registry: every catalogued format is written by the renderer it names."""

import gc

import pytest

from leitplanke.publish.formats import FORMATS
from leitplanke.publish.renderers import RENDERERS, build_registry, fewer_collections, render_all


def test_every_format_is_written_by_its_named_renderer(publication):
    for info in FORMATS:
        paths = {artifact.path for artifact in RENDERERS[info.renderer](publication)}
        assert info.file in paths, info.name


def test_render_all_writes_each_path_once(publication):
    paths = [artifact.path for artifact in render_all(publication)]
    assert len(paths) == len(set(paths))
    assert {info.file for info in FORMATS} <= set(paths)


def test_duplicate_renderer_name_fails_at_start_up():
    entry = ("json", "leitplanke.publish.json_document:render_json")
    with pytest.raises(ValueError, match="registered twice"):
        build_registry([entry, entry])


def test_entry_that_is_no_function_fails_at_start_up():
    with pytest.raises(ValueError, match="is not a function"):
        build_registry([("x", "leitplanke.publish.json_document:SOURCE_SCHEMAS")])


def test_fewer_collections_restores_the_collector_thresholds():
    before = gc.get_threshold()
    with fewer_collections(threshold=12_345):
        assert gc.get_threshold()[0] == max(12_345, before[0])
    assert gc.get_threshold() == before
