"""The page "Entwurf prüfen": its form, and the draft shown with its findings marked in place.

The form is a plain POST form that works without JavaScript. It needs no CSRF token yet: the
app stores nothing and changes nothing when a draft is checked, it only answers. Findings are
shown unmasked here: the page shows the author's own draft back to the author.
"""

from dataclasses import dataclass, field
from urllib.parse import parse_qs

from fastapi import Request
from markupsafe import Markup, escape

from leitplanke.checks.draft import DEFAULT_AUDIENCE, Draft, Platform
from leitplanke.checks.finding import Finding, LineIndex, Severity
from leitplanke.checks.highlight import segments, whole_draft
from leitplanke.checks.results import SEVERITY_LABEL, CheckSummary, counted
from leitplanke.publish.html_site import SiteLinks, render_page
from leitplanke.publish.publication import Publication
from leitplanke.rulebook.vocabulary import AUDIENCE_LABEL, Audience

NAV_LINK = ("Entwurf prüfen", "pruefen")  # (label, path) in the web app's navigation
MAX_TEXT = 100_000  # as Draft.text allows
MAX_FORM_BYTES = 4 * MAX_TEXT + 4096  # UTF-8 and URL encoding of the text, and the rest

PLATFORM_LABEL: dict[Platform, str] = {
    Platform.MASTODON: "Mastodon",
    Platform.BLUESKY: "Bluesky",
    Platform.X: "X (Twitter)",
    Platform.INSTAGRAM: "Instagram",
    Platform.FACEBOOK: "Facebook",
    Platform.LINKEDIN: "LinkedIn",
    Platform.THREADS: "Threads",
    Platform.YOUTUBE: "YouTube",
}

# Who posts the draft, in the words of the form's choice.
POSTED_BY: dict[Audience, str] = {
    Audience.INSTITUTION: "Die Behörde über ihren offiziellen Auftritt",
    Audience.EMPLOYEE: "Eine Beschäftigte oder ein Beschäftigter im eigenen Namen",
}

# Findings reuse the badges of the rules' levels, which carry their level as text too.
LEVEL_CLASS: dict[Severity, str] = {
    Severity.ERROR: "level-muss",
    Severity.WARNING: "level-soll",
    Severity.INFO: "level-kann",
}


@dataclass(frozen=True)
class DraftForm:
    """What the form sent, and what is wrong with it (field name to message)."""

    text: str = ""
    platform: str = ""
    audience: str = str(DEFAULT_AUDIENCE)
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, body: bytes) -> "DraftForm":
        """The form's fields from an `application/x-www-form-urlencoded` body."""
        try:
            fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=10)
        except (UnicodeDecodeError, ValueError):
            return cls(errors={"text": "Die Eingabe konnte nicht gelesen werden."})
        # Browsers send a textarea's line breaks as CR LF.
        text = fields.get("text", [""])[0].replace("\r\n", "\n")
        platform = fields.get("platform", [""])[0]
        audience = fields.get("audience", [str(DEFAULT_AUDIENCE)])[0]
        errors = {}
        if not text.strip():
            errors["text"] = "Bitte geben Sie den Text des Entwurfs ein."
        elif len(text) > MAX_TEXT:
            errors["text"] = (
                f"Der Text ist zu lang: {len(text):,} Zeichen, erlaubt sind höchstens "
                f"{MAX_TEXT:,}.".replace(",", ".")
            )
        if platform and platform not in set(Platform):
            errors["platform"] = "Bitte wählen Sie eine Plattform aus der Liste."
        if audience not in set(Audience):
            errors["audience"] = "Bitte wählen Sie, wer den Beitrag veröffentlicht."
        return cls(text, platform, audience, errors)

    def draft(self) -> Draft | None:
        """The draft to check, or None if the form has errors."""
        if self.errors:
            return None
        return Draft(
            text=self.text,
            audience=Audience(self.audience),
            platform=Platform(self.platform) if self.platform else None,
        )


TOO_LARGE = DraftForm(errors={"text": "Der Text ist zu lang: höchstens 100.000 Zeichen."})


async def read_form(request: Request) -> DraftForm:
    """The submitted form, read up to MAX_FORM_BYTES (beyond that: an error, not the text)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return TOO_LARGE
    return DraftForm.parse(bytes(body))


@dataclass(frozen=True)
class FindingView:
    """A finding as the page lists it: number, level in words and where it is."""

    number: int
    finding: Finding
    place: str
    in_text: bool

    @property
    def level_label(self) -> str:
        """The level in German."""
        return SEVERITY_LABEL[self.finding.level]

    @property
    def level_class(self) -> str:
        """The CSS class of the level badge."""
        return LEVEL_CLASS[self.finding.level]


def place_of(finding: Finding, lines: LineIndex) -> str:
    """Where a finding is, in words: line and characters, or the draft as a whole."""
    if whole_draft((finding.start, finding.end)):
        return "der ganze Entwurf"
    if finding.end <= finding.start:
        return f"Zeile {finding.line}, vor Zeichen {finding.column}"
    last_line, last_column = lines.position(finding.end - 1)
    if last_line == finding.line:
        if last_column == finding.column:
            return f"Zeile {finding.line}, Zeichen {finding.column}"
        return f"Zeile {finding.line}, Zeichen {finding.column} bis {last_column}"
    return (
        f"Zeile {finding.line}, Zeichen {finding.column} bis Zeile {last_line}, "
        f"Zeichen {last_column}"
    )


def marked_text(text: str, findings: list[Finding]) -> Markup:
    """The text with each finding's span in <mark> and a numbered link to the finding after it.

    Where spans overlap, the overlapping part is one <mark class="overlap"> and the links of
    every finding ending there follow one another.
    """
    parts: list[Markup] = []
    for segment in segments(text, [(finding.start, finding.end) for finding in findings]):
        piece = escape(segment.text)
        if segment.covered_by:
            overlap = ' class="overlap"' if len(segment.covered_by) > 1 else ""
            piece = Markup(f"<mark{overlap}>") + piece + Markup("</mark>")
        parts.append(piece)
        parts += [
            Markup(
                '<sup class="finding-ref">[<a id="stelle-{0}" href="#befund-{0}">'
                '<span class="visually-hidden">Befund </span>{0}</a>]</sup>'
            ).format(number)
            for number in segment.ends
        ]
    return Markup("").join(parts)


def result_sentence(summary: CheckSummary) -> str:
    """The result in one German sentence."""
    if not summary.findings:
        return "Keine Befunde: Die automatischen Prüfungen haben nichts gefunden."
    return f"{counted(summary.findings, 'Befund', 'Befunde')}: {summary.counts()}."


def render_check_page(
    publication: Publication,
    form: DraftForm,
    findings: list[Finding] | None = None,
    *,
    links: SiteLinks | None = None,
) -> str:
    """The page with the form; with `findings`, the checked draft and its findings above it."""
    lines = LineIndex(form.text)
    views = [
        FindingView(
            number,
            finding,
            place_of(finding, lines),
            in_text=not whole_draft((finding.start, finding.end)),
        )
        for number, finding in enumerate(findings or [], start=1)
    ]
    return render_page(
        publication,
        "check.html",
        links or SiteLinks(),
        form=form,
        checked=findings is not None,
        findings=views,
        marked=marked_text(form.text, findings or []),
        result=result_sentence(CheckSummary.of(findings or [])),
        platforms=[(str(platform), label) for platform, label in PLATFORM_LABEL.items()],
        audiences=[
            (str(audience), label, AUDIENCE_LABEL[audience])
            for audience, label in POSTED_BY.items()
        ],
        checked_rules=AUDIENCE_LABEL[Audience(form.audience)] if findings is not None else "",
        max_text=MAX_TEXT,
    )
