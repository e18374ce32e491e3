"""Results: counts by level in German, and personal data masked for output."""

import pytest

from leitplanke.checks.finding import Severity
from leitplanke.checks.results import CheckSummary, shown
from tests.checks.check_rulebook import finding


@pytest.mark.parametrize(
    ("levels", "drafts", "sentence"),
    [
        ([], 1, "1 Entwurf geprüft: keine Befunde."),
        ([Severity.ERROR], 2, "2 Entwürfe geprüft: 1 Fehler, 0 Warnungen, 0 Hinweise."),
        (
            [Severity.ERROR, Severity.ERROR, Severity.WARNING, Severity.INFO, Severity.INFO],
            1,
            "1 Entwurf geprüft: 2 Fehler, 1 Warnung, 2 Hinweise.",
        ),
    ],
)
def test_summary_counts_findings_by_level_in_german(levels, drafts, sentence):
    summary = CheckSummary.of([finding(0, 1, level=level) for level in levels], drafts)
    assert summary.sentence() == sentence
    assert summary.findings == len(levels)


def test_summaries_add_up():
    one = CheckSummary.of([finding(0, 1, level=Severity.ERROR)])
    two = CheckSummary.of([finding(0, 1, level=Severity.INFO)] * 2)
    assert one.plus(two).model_dump() == {
        "drafts": 2,
        "error": 1,
        "warning": 0,
        "info": 2,
        "findings": 3,
    }


def test_sensitive_matches_are_masked_wherever_they_appear():
    raw = finding(
        0, 5, sensitive=True, matched="Erika", message="Name Erika", fix="Erika weglassen"
    )
    masked = shown(raw)
    assert (masked.matched, masked.message, masked.fix) == (
        "E***a",
        "Name E***a",
        "E***a weglassen",
    )
    assert shown(raw, show_personal_data=True) is raw


def test_matches_that_are_not_personal_data_are_shown_as_they_are():
    plain = finding(0, 4, matched="Like", message="„Like“")
    assert shown(plain) is plain
