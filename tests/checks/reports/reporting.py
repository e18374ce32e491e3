"""Runs a report format over drafts in memory, for the tests of each format."""

import contextlib
import io
import json
from typing import Any

from leitplanke.checks.draft import Draft
from leitplanke.checks.input import DraftInputError, SourcedDraft
from leitplanke.checks.reports import ReportContext, create_report
from leitplanke.checks.results import EMPTY_SUMMARY, CheckedDraft
from leitplanke.checks.runner import check_drafts
from leitplanke.rulebook.errors import SourceError
from leitplanke.rulebook.vocabulary import Audience
from tests.checks.check_rulebook import checks_engine

# An official account's post: the institution rules report the like button, not the street.
POST = SourcedDraft(Draft(text="Unser Like-Button\nim Rosenweg 12"), "post.md", whole_file=True)
RECORD = SourcedDraft(Draft(text="Sauber.", id="p 2"), "batch.jsonl", line=2)
UNNAMED = SourcedDraft(Draft(text="Ein Hashtag"), "batch.jsonl", line=3)
# An employee's own post: the employee rule reports the street.
PRIVATE = SourcedDraft(
    Draft(text="Treffen im Rosenweg 12", id="privat", audience=Audience.EMPLOYEE), "batch.jsonl", 4
)


def run(
    name: str,
    sources: list[SourcedDraft],
    *,
    show_personal_data: bool = False,
    fail_with: list[SourceError] | None = None,
) -> str:
    """The report's output for `sources`; `fail_with` makes the input fail after them."""
    out = io.StringIO()
    report = create_report(name, out, ReportContext(checks_engine(), show_personal_data))

    def drafts():
        yield from sources
        if fail_with:
            raise DraftInputError(fail_with)

    with contextlib.suppress(DraftInputError):  # the report is what the tests look at
        check_drafts(checks_engine(), drafts(), report)
    return out.getvalue()


def run_checked(name: str, checked: list[CheckedDraft], **options: Any) -> str:
    """The report's output for drafts with findings made by hand."""
    out = io.StringIO()
    report = create_report(name, out, ReportContext(checks_engine(), **options))
    report.begin()
    for item in checked:
        report.add(item)
    report.end(EMPTY_SUMMARY, ())
    return out.getvalue()


def run_json(name: str, sources: list[SourcedDraft], **options: Any) -> Any:
    """The report's output, parsed as JSON."""
    return json.loads(run(name, sources, **options))
