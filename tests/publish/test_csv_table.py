"""The CSV publication: one row per rule, agreeing with rulebook.json."""

import csv
import io
import json

from leitplanke.publish.csv_table import COLUMNS, render_csv
from leitplanke.publish.json_document import render_json


def test_csv_has_one_row_per_rule_agreeing_with_json(publication):
    (artifact,) = render_csv(publication)
    rows = list(csv.DictReader(io.StringIO(artifact.content.decode("utf-8"), newline="")))
    document = json.loads(
        next(a for a in render_json(publication) if a.path == "rulebook.json").content
    )
    assert tuple(rows[0].keys()) == COLUMNS
    assert len(rows) == len(document["rules"])
    for row, rule in zip(rows, document["rules"], strict=True):
        assert (row["id"], row["title"], row["text"]) == (rule["id"], rule["title"], rule["text"])
        assert row["legal_bases"] == "; ".join(b["citation"] for b in rule["legal_bases"])
