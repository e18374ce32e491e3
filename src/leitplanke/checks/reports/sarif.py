"""Report format `sarif`: SARIF 2.1.0, for code-scanning tools and editors.

One run: the tool's driver lists the rules that have checks (ID, title, rule page, legal basis);
each finding is a result with its rule, level (error, warning, note) and region. Columns and
character offsets count Unicode code points (`columnKind`). For a draft out of a JSON, YAML or
batch file the region counts within the draft's text, and the artifact URI's fragment names the
draft (`batch.jsonl#<id>`, `#L<line>`, or `draft.yaml#text`). Input errors become tool
execution notifications.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from leitplanke import __version__
from leitplanke.checks.finding import SEVERITY_OF_LEVEL, Finding, Severity
from leitplanke.checks.input import STDIN, SourcedDraft
from leitplanke.checks.reports.base import ReportContext
from leitplanke.checks.reports.streamed_json import MARKER, StreamedArray
from leitplanke.checks.results import CheckedDraft, CheckSummary, shown
from leitplanke.publish.document import PublishedRule
from leitplanke.rulebook.errors import SourceError

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_LEVEL: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


def file_uri(file: str) -> str:
    """A file as a URI reference: relative paths stay relative, absolute ones become file: URIs."""
    if file == STDIN:
        return quote(file)
    path = Path(file)
    return path.as_uri() if path.is_absolute() else quote(path.as_posix())


def draft_uri(source: SourcedDraft) -> str:
    """The draft's artifact: its file, and the draft's fragment unless it is the whole file."""
    uri = file_uri(source.file)
    return uri if source.fragment is None else f"{uri}#{quote(source.fragment, safe='')}"


def rule_descriptor(rule: PublishedRule) -> dict[str, Any]:
    """A rule as a SARIF reportingDescriptor."""
    return {
        "id": rule.id,
        "name": rule.title,
        "shortDescription": {"text": rule.title},
        "helpUri": rule.page_url,
        "defaultConfiguration": {"level": SARIF_LEVEL[SEVERITY_OF_LEVEL[rule.level]]},
        "properties": {
            "level": str(rule.level),
            "levelKeyword": rule.level_keyword,
            "legalBasis": [basis.citation for basis in rule.legal_bases],
            "tags": [str(rule.audience), str(rule.aspect)],
        },
    }


def region(finding: Finding) -> dict[str, Any]:
    """The finding's span: lines and columns (1-based, end exclusive), offset and length."""
    span: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "charOffset": finding.start,
        "charLength": finding.end - finding.start,
    }
    if finding.matched:
        span["snippet"] = {"text": finding.matched}
    return span


def notification(error: SourceError) -> dict[str, Any]:
    """An input error as a SARIF tool execution notification."""
    text = f"{error.field}: {error.message}" if error.field else error.message
    location = {
        "artifactLocation": {"uri": file_uri(str(error.file))},
        "region": {"startLine": error.line, "startColumn": error.column},
    }
    return {
        "level": "error",
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
    }


class SarifReport:
    """A SARIF log with one run, its results streamed draft by draft."""

    def __init__(self, out: TextIO, context: ReportContext) -> None:
        self.show_personal_data = context.show_personal_data
        self.publication = context.engine.publication
        rules = {check.rule.id: check.rule for check in context.engine.checks}
        self.rule_index = {rule_id: index for index, rule_id in enumerate(rules)}
        self.rules = [rule_descriptor(rule) for rule in rules.values()]
        self.input_errors: Sequence[SourceError] = ()
        self.stream = StreamedArray(out, self._layout)

    def _layout(self) -> dict[str, Any]:
        meta = self.publication.rulebook.meta
        invocation: dict[str, Any] = {"executionSuccessful": not self.input_errors}
        if self.input_errors:
            invocation["toolExecutionNotifications"] = [
                notification(error) for error in self.input_errors
            ]
        driver = {
            "name": "Leitplanke",
            "semanticVersion": __version__,
            "informationUri": self.publication.base_url,
            "rules": self.rules,
            "properties": {
                "rulebook": {
                    "id": meta.id,
                    "title": meta.title,
                    "version": meta.version,
                    "uri": self.publication.rulebook_uri,
                }
            },
        }
        return {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": driver},
                    "columnKind": "unicodeCodePoints",
                    "results": MARKER,
                    "invocations": [invocation],
                    "properties": {"personalDataShown": self.show_personal_data},
                }
            ],
        }

    def begin(self) -> None:
        """Write the log up to the results."""
        self.stream.begin()

    def add(self, checked: CheckedDraft) -> None:
        """One result per finding of the draft."""
        uri = draft_uri(checked.source)
        for finding in checked.findings:
            finding = shown(finding, show_personal_data=self.show_personal_data)
            message = finding.message + (f" Vorschlag: {finding.fix}" if finding.fix else "")
            location = {"artifactLocation": {"uri": uri}, "region": region(finding)}
            self.stream.add(
                {
                    "ruleId": finding.rule_id,
                    "ruleIndex": self.rule_index[finding.rule_id],
                    "level": SARIF_LEVEL[finding.level],
                    "message": {"text": message},
                    "locations": [{"physicalLocation": location}],
                    "properties": {
                        "draft": checked.source.name,
                        "checkType": finding.check_type,
                        "confidence": finding.confidence,
                        "sensitive": finding.sensitive,
                        "legalBasis": finding.legal_basis,
                    },
                }
            )

    def end(self, summary: CheckSummary, input_errors: Sequence[SourceError]) -> None:
        """Close the results and record whether the input could be read."""
        self.input_errors = input_errors
        self.stream.end()
