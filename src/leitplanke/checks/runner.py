"""Runs the check engine over a stream of drafts and hands each result to a report."""

from collections.abc import Callable, Iterable

from leitplanke.checks.engine import CheckEngine
from leitplanke.checks.input import DraftInputError, SourcedDraft
from leitplanke.checks.reports import Report
from leitplanke.checks.results import EMPTY_SUMMARY, CheckedDraft, CheckSummary


def check_drafts(
    engine: CheckEngine,
    drafts: Iterable[SourcedDraft],
    report: Report,
    *,
    on_draft: Callable[[], None] | None = None,
) -> CheckSummary:
    """Check every draft into `report`, one at a time; the summary of all of them.

    A DraftInputError from the input still ends the report properly (listing the error, so a
    JSON or SARIF document stays well-formed) and is then raised again.
    """
    summary = EMPTY_SUMMARY
    report.begin()
    try:
        for source in drafts:
            checked = CheckedDraft(source, engine.check(source.draft))
            report.add(checked)
            summary = summary.plus(checked.summary)
            if on_draft is not None:
                on_draft()
    except DraftInputError as error:
        report.end(summary, error.errors)
        raise
    report.end(summary, ())
    return summary
