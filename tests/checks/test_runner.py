"""Running the engine over drafts: every draft reaches the report, input errors end it properly."""

import io

import pytest

from leitplanke.checks.input import DraftInputError, read_drafts
from leitplanke.checks.reports import ReportContext, create_report
from leitplanke.checks.runner import check_drafts
from tests.checks.check_rulebook import DRAFTS, checks_engine


def test_the_summary_counts_every_draft_and_the_callback_sees_each():
    seen = []
    report = create_report("json", io.StringIO(), ReportContext(checks_engine()))
    drafts = read_drafts([str(DRAFTS / "stapel.jsonl"), str(DRAFTS / "sauber.txt")])
    summary = check_drafts(checks_engine(), drafts, report, on_draft=lambda: seen.append(1))
    assert summary.drafts == 4 == len(seen)
    assert (summary.error, summary.warning, summary.info) == (1, 1, 1)


def test_an_input_error_closes_the_report_and_is_raised_again(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Like"}\n{"txt": 1}\n', encoding="utf-8")
    out = io.StringIO()
    report = create_report("sarif", out, ReportContext(checks_engine()))
    with pytest.raises(DraftInputError, match=r"bad\.jsonl:2:1: text: Pflichtfeld fehlt"):
        check_drafts(checks_engine(), read_drafts([str(bad)]), report)
    assert out.getvalue().endswith("}\n")
    assert '"executionSuccessful": false' in out.getvalue()
