"""Report format `text`: one line per finding, `file:line:col: Stufe REGEL-ID Meldung [Vorschlag]`.

Like Vale's line format, for people and for grep. For a draft that is not a whole file, `file`
carries a fragment (`batch.jsonl#<id>`, `#L<line>`, `draft.yaml#text`) and line and column count
within the draft's text. The last line sums up.
"""

from collections.abc import Sequence
from typing import TextIO

from leitplanke.checks.reports.base import ReportContext
from leitplanke.checks.results import SEVERITY_LABEL, CheckedDraft, CheckSummary, shown
from leitplanke.rulebook.errors import SourceError


class TextReport:
    """Writes each finding as one line as soon as its draft is checked."""

    def __init__(self, out: TextIO, context: ReportContext) -> None:
        self.out = out
        self.show_personal_data = context.show_personal_data

    def begin(self) -> None:
        """Nothing comes before the findings."""

    def add(self, checked: CheckedDraft) -> None:
        """One line per finding of the draft."""
        name = checked.source.name
        for finding in checked.findings:
            finding = shown(finding, show_personal_data=self.show_personal_data)
            fix = f" [{finding.fix}]" if finding.fix else ""
            self.out.write(
                f"{name}:{finding.line}:{finding.column}: {SEVERITY_LABEL[finding.level]} "
                f"{finding.rule_id} {finding.message}{fix}\n"
            )

    def end(self, summary: CheckSummary, input_errors: Sequence[SourceError]) -> None:
        """The summary line; a note when input errors stopped the run."""
        self.out.write(summary.sentence() + "\n")
        if input_errors:
            self.out.write("Abgebrochen: Die Eingabe enthält Fehler (siehe Fehlerausgabe).\n")
