"""Results of checking drafts: the findings of one draft, counts by level, masked personal data."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, computed_field

from leitplanke.checks.finding import Finding, Severity
from leitplanke.checks.input import SourcedDraft

SEVERITY_LABEL: dict[Severity, str] = {
    Severity.ERROR: "Fehler",
    Severity.WARNING: "Warnung",
    Severity.INFO: "Hinweis",
}


class CheckSummary(BaseModel):
    """How many drafts were checked and how many findings of each level they had."""

    model_config = ConfigDict(frozen=True)

    drafts: int = Field(description="Checked drafts.")
    error: int = Field(description="Findings of level error (rules that say *muss*).")
    warning: int = Field(description="Findings of level warning (*soll*).")
    info: int = Field(description="Findings of level info (*kann*).")

    @computed_field(description="All findings.")  # type: ignore[prop-decorator]
    @property
    def findings(self) -> int:
        """All findings."""
        return self.error + self.warning + self.info

    @classmethod
    def of(cls, findings: Iterable[Finding], drafts: int = 1) -> "CheckSummary":
        """The counts of the findings of `drafts` drafts."""
        levels = Counter(finding.level for finding in findings)
        return cls(
            drafts=drafts,
            error=levels[Severity.ERROR],
            warning=levels[Severity.WARNING],
            info=levels[Severity.INFO],
        )

    def plus(self, other: "CheckSummary") -> "CheckSummary":
        """Both summaries added up."""
        return CheckSummary(
            drafts=self.drafts + other.drafts,
            error=self.error + other.error,
            warning=self.warning + other.warning,
            info=self.info + other.info,
        )

    def sentence(self) -> str:
        """The counts in German, e.g. '2 Entwürfe geprüft: 1 Fehler, 2 Warnungen, 0 Hinweise.'"""
        drafts = counted(self.drafts, "Entwurf", "Entwürfe")
        if not self.findings:
            return f"{drafts} geprüft: keine Befunde."
        return f"{drafts} geprüft: {self.counts()}."

    def counts(self) -> str:
        """The findings by level in German, e.g. '1 Fehler, 2 Warnungen, 0 Hinweise'."""
        return ", ".join(
            (
                counted(self.error, "Fehler", "Fehler"),
                counted(self.warning, "Warnung", "Warnungen"),
                counted(self.info, "Hinweis", "Hinweise"),
            )
        )


def counted(number: int, singular: str, plural: str) -> str:
    """A number with the German noun in singular or plural, e.g. '2 Entwürfe'."""
    return f"{number} {singular if number == 1 else plural}"


EMPTY_SUMMARY = CheckSummary(drafts=0, error=0, warning=0, info=0)


@dataclass(frozen=True)
class CheckedDraft:
    """A draft, where it came from, and its findings."""

    source: SourcedDraft
    findings: list[Finding]

    @property
    def summary(self) -> CheckSummary:
        """The counts of this draft's findings."""
        return CheckSummary.of(self.findings)


def shown(finding: Finding, *, show_personal_data: bool = False) -> Finding:
    """The finding as an output may show it: personal data masked unless `show_personal_data`.

    The matched text is masked in `matched` and wherever the message or fix hint repeat it.
    """
    if show_personal_data or not finding.sensitive or not finding.matched:
        return finding
    masked = finding.masked()
    return finding.model_copy(
        update={
            "matched": masked,
            "message": finding.message.replace(finding.matched, masked),
            "fix": finding.fix.replace(finding.matched, masked) if finding.fix else None,
        }
    )
