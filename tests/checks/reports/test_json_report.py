"""Report format `json`: each draft with its source and findings, a summary, input errors."""

import json
from pathlib import Path

from leitplanke.checks.draft import Draft
from leitplanke.checks.finding import Finding
from leitplanke.checks.input import SourcedDraft
from leitplanke.checks.results import CheckedDraft
from leitplanke.rulebook.errors import SourceError
from tests.checks.check_rulebook import finding
from tests.checks.reports.reporting import (
    POST,
    PRIVATE,
    RECORD,
    UNNAMED,
    run_checked,
    run_json,
)


def test_each_draft_has_its_source_audience_summary_and_findings():
    report = run_json("json", [POST, RECORD, UNNAMED, PRIVATE])
    assert [draft["source"] for draft in report["drafts"]] == [
        "post.md",
        "batch.jsonl#p 2",
        "batch.jsonl#L3",
        "batch.jsonl#privat",
    ]
    post, *_, private = report["drafts"]
    assert (post["file"], post["line"], post["id"]) == ("post.md", None, None)
    assert (post["audience"], private["audience"]) == ("institution", "employee")
    assert post["summary"] == {"drafts": 1, "error": 1, "warning": 0, "info": 1, "findings": 2}
    findings = [Finding.model_validate(item) for item in post["findings"]]
    assert [f.rule_id for f in findings] == ["INST-CI-01", "INST-SP-01"]
    assert [item["rule_id"] for item in private["findings"]] == ["MA-DS-01"]
    assert report["summary"] == {"drafts": 4, "error": 1, "warning": 1, "info": 2, "findings": 4}
    assert report["input_errors"] == []
    assert report["personal_data_shown"] is False


def test_input_errors_are_listed_and_the_document_stays_valid_json():
    error = SourceError(Path("batch.jsonl"), 4, 1, "text", "fehlt")
    report = run_json("json", [RECORD], fail_with=[error])
    assert report["input_errors"] == [
        {"file": "batch.jsonl", "line": 4, "column": 1, "field": "text", "message": "fehlt"}
    ]
    assert report["summary"]["drafts"] == 1


def test_personal_data_is_masked_unless_asked_for():
    draft = SourcedDraft(Draft(text="Ruf an: 0171 1234567"), "post.txt", whole_file=True)
    checked = [CheckedDraft(draft, [finding(8, 20, sensitive=True, matched="0171 1234567")])]
    masked = json.loads(run_checked("json", checked))
    assert masked["drafts"][0]["findings"][0]["matched"] == "0**********7"
    assert masked["personal_data_shown"] is False
    shown = json.loads(run_checked("json", checked, show_personal_data=True))
    assert shown["drafts"][0]["findings"][0]["matched"] == "0171 1234567"
    assert shown["personal_data_shown"] is True
