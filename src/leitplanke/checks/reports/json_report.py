"""Report format `json`: the findings of each draft, a summary, and any input errors.

Streamed draft by draft. Personal data is masked unless the report is made with
`show_personal_data` (see docs/checks.md for when to show it).
"""

from collections.abc import Sequence
from typing import Any, TextIO

from leitplanke.checks.reports.base import ReportContext
from leitplanke.checks.reports.streamed_json import MARKER, StreamedArray
from leitplanke.checks.results import EMPTY_SUMMARY, CheckedDraft, CheckSummary, shown
from leitplanke.rulebook.errors import SourceError


def source_error_json(error: SourceError) -> dict[str, Any]:
    """An input error as JSON: file, line, column, field and message."""
    return {
        "file": str(error.file),
        "line": error.line,
        "column": error.column,
        "field": error.field,
        "message": error.message,
    }


class JsonReport:
    """`{"drafts": [...], "summary": {...}, "input_errors": [...], "personal_data_shown": …}`."""

    def __init__(self, out: TextIO, context: ReportContext) -> None:
        self.show_personal_data = context.show_personal_data
        self.summary = EMPTY_SUMMARY
        self.input_errors: Sequence[SourceError] = ()
        self.stream = StreamedArray(out, self._layout)

    def _layout(self) -> dict[str, Any]:
        return {
            "drafts": MARKER,
            "summary": self.summary.model_dump(mode="json"),
            "input_errors": [source_error_json(error) for error in self.input_errors],
            "personal_data_shown": self.show_personal_data,
        }

    def begin(self) -> None:
        """Open the document."""
        self.stream.begin()

    def add(self, checked: CheckedDraft) -> None:
        """The draft's source, ID, audience checked, platform, summary and findings."""
        source = checked.source
        self.stream.add(
            {
                "source": source.name,
                "file": source.file,
                "line": source.line,
                "id": source.draft.id,
                "audience": source.draft.checked_audience,
                "platform": source.draft.platform,
                "summary": checked.summary.model_dump(mode="json"),
                "findings": [
                    shown(finding, show_personal_data=self.show_personal_data).model_dump(
                        mode="json"
                    )
                    for finding in checked.findings
                ],
            }
        )

    def end(self, summary: CheckSummary, input_errors: Sequence[SourceError]) -> None:
        """Close the document with the summary and the input errors."""
        self.summary = summary
        self.input_errors = input_errors
        self.stream.end()
