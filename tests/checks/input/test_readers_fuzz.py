"""The batch readers never crash: any bytes give drafts or a DraftInputError, nothing else."""

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from leitplanke.checks.input import DraftInputError
from leitplanke.checks.input.lines import read_csv, read_jsonl

FIELDS = st.sampled_from(
    ["text", "id", "audience", "platform", "links", "media", "planned_at", "farbe"]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(FIELDS, inner, max_size=4),
    max_leaves=10,
)
JSON_LINES = st.lists(JSON_VALUES.map(json.dumps), max_size=5).map(
    lambda lines: "\n".join(lines).encode()
)
CSV_CELLS = st.text(alphabet=st.sampled_from('ab;,"\n\r\t ü\x00'), max_size=8)
CSV_TEXT = st.lists(st.lists(CSV_CELLS, min_size=1, max_size=4), max_size=5).map(
    lambda rows: "\n".join(";".join(row) for row in [["text", "platform"], *rows]).encode()
)


def consume(reader, data: bytes) -> None:
    try:
        for source in reader(io.BytesIO(data), "fuzz", {}):
            assert source.draft.text is not None
    except DraftInputError as error:
        assert error.errors and all(e.line >= 1 and e.message for e in error.errors)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | JSON_LINES)
def test_json_lines_reader_reads_or_reports_any_bytes(data):
    consume(read_jsonl, data)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | CSV_TEXT)
def test_csv_reader_reads_or_reports_any_bytes(data):
    consume(read_csv, data)
