"""A streamed array gives the same text as json.dumps of the whole document."""

import io
import json

import pytest

from leitplanke.checks.reports.streamed_json import MARKER, StreamedArray, dumps


@pytest.mark.parametrize(
    ("layout", "items"),
    [
        (lambda: {"items": MARKER, "after": {"n": 2}}, [{"a": [1, "ü"]}, 2]),
        (lambda: {"before": 1, "items": MARKER}, []),
        (lambda: {"runs": [{"tool": {"x": 1}, "results": MARKER, "end": [True]}]}, ["r"]),
    ],
    ids=["top level", "empty", "nested"],
)
def test_streamed_text_equals_the_whole_document_dumped(layout, items):
    out = io.StringIO()
    stream = StreamedArray(out, layout)
    stream.begin()
    for item in items:
        stream.add(item)
    stream.end()
    whole = json.loads(dumps(layout()).replace(json.dumps(MARKER), json.dumps(items)))
    assert out.getvalue() == dumps(whole) + "\n"
