"""A signed decision record as PDF: presence, outcome, reasons with rule IDs, answers per step,
rulebook version, signer and time, and the data to verify it (hash, signature, key ID).

The PDF is a readable copy for the file; what proves the record is the signed JSON export.
It is set with the fonts and paragraph styles of the rulebook's PDF (`leitplanke.publish.pdf`)
and is byte for byte the same for the same record.
"""

import io
from datetime import UTC, datetime
from typing import Any, Final

from reportlab.lib.pagesizes import A4
from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from leitplanke.assessments.records import HASH_ALGORITHM, SIGNATURE_ALGORITHM, SignedRecord
from leitplanke.publish.pdf import (
    MARGIN,
    MUTED,
    binary_streams,
    document_font,
    paragraph_styles,
    paragraph_text,
)
from leitplanke.publish.presentation import german_date

__all__ = ["MEDIA_TYPE", "render_record_pdf", "signed_at_label"]

MEDIA_TYPE: Final = "application/pdf"
TITLE: Final = "Entscheidung im Klärungsprozess"


def signed_at_label(moment: str | datetime) -> str:
    """The time of signing in German words, UTC: '25. November 2026, 14:03 Uhr (UTC)'."""
    when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    when = when.astimezone(UTC)
    return f"{german_date(when.date())}, {when:%H:%M} Uhr (UTC)"


def render_record_pdf(record: SignedRecord) -> bytes:
    """The record typeset on A4 pages with a footer naming it and the page number."""
    content = record.content
    styles = paragraph_styles(document_font())
    story = [
        Paragraph(paragraph_text(TITLE), styles["title"]),
        Paragraph(paragraph_text(_presence_line(content)), styles["subtitle"]),
        *_facts(content, styles),
        *_outcome(content, styles),
        *_answers(content, styles),
        *_sign_off(content, styles),
        *_verification(record, styles),
    ]
    buffer = io.BytesIO()
    footer = f"{TITLE} · Klärung Nr. {content.get('assessment_id')}"

    def draw_footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(document_font(), 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN / 2, f"Seite {doc.page}")
        canvas.drawRightString(A4[0] - MARGIN, MARGIN / 2, footer)
        canvas.restoreState()

    presence = content.get("presence", {})
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        invariant=1,
        title=f"{TITLE}: {presence.get('name', '')}",
        author=str(content.get("signer", {}).get("name", "")),
        subject=str(content.get("outcome_label", "")),
        creator="Leitplanke",
        lang="de",
        displayDocTitle=1,
        initialFontName=document_font(),
    )
    with binary_streams():
        template.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()


def _presence_line(content: dict[str, Any]) -> str:
    presence = content.get("presence", {})
    authority = presence.get("authority", {})
    platform = presence.get("platform_name") or presence.get("platform", "")
    return f"{presence.get('name', '')} · {platform} · {authority.get('name', '')}"


def _row(label: str, value: object, styles: dict[str, Any]) -> Paragraph:
    return Paragraph(
        f"<b>{paragraph_text(label)}:</b> {paragraph_text(str(value))}", styles["text"]
    )


def _facts(content: dict[str, Any], styles: dict[str, Any]) -> list[Any]:
    presence = content.get("presence", {})
    rulebook = content.get("rulebook", {})
    rows = [
        ("Präsenz", presence.get("name", "")),
        ("Plattform", presence.get("platform_name") or presence.get("platform", "")),
        ("Konto", presence.get("handle", "")),
        ("Behörde", presence.get("authority", {}).get("name", "")),
        ("Klärung", f"Nr. {content.get('assessment_id')}"),
        ("Regelwerk", f"{rulebook.get('title', '')}, Version {rulebook.get('version', '')}"),
        ("URI der Version", rulebook.get("uri", "")),
    ]
    return [_row(label, value, styles) for label, value in rows if value]


def _outcome(content: dict[str, Any], styles: dict[str, Any]) -> list[Any]:
    story: list[Any] = [
        Paragraph("Ergebnis", styles["heading-1"]),
        Paragraph(f"<b>{paragraph_text(content.get('outcome_label', ''))}</b>", styles["body"]),
        Paragraph("Gründe", styles["heading-1"]),
    ]
    reasons = content.get("reasons", [])
    if not reasons:
        story.append(
            Paragraph(
                paragraph_text("Keine Gründe: Alle Antworten entsprechen den Regeln."),
                styles["body"],
            )
        )
    for reason in reasons:
        rules = ", ".join(reason.get("rules", []))
        story.append(
            KeepTogether(
                [
                    Paragraph(
                        f"<b>{paragraph_text(reason.get('kind_label', ''))}</b> "
                        f"({paragraph_text(rules)}): {paragraph_text(reason.get('text', ''))}",
                        styles["body"],
                    ),
                    Paragraph(
                        paragraph_text(
                            f"Antwort auf „{reason.get('question', '')}“: "
                            f"{reason.get('answer_label', '')}"
                        ),
                        styles["meta"],
                    ),
                ]
            )
        )
    return story


def _answers(content: dict[str, Any], styles: dict[str, Any]) -> list[Any]:
    story: list[Any] = [Paragraph("Antworten", styles["heading-1"])]
    for step in content.get("steps", []):
        story.append(Paragraph(paragraph_text(step.get("title", "")), styles["heading-2"]))
        answers = step.get("answers", [])
        if not answers:
            story.append(
                Paragraph(paragraph_text("Keine Antworten in diesem Schritt."), styles["meta"])
            )
        for answer in answers:
            rules = ", ".join(answer.get("rules", []))
            story.append(
                KeepTogether(
                    [
                        Paragraph(paragraph_text(answer.get("question", "")), styles["label"]),
                        Paragraph(paragraph_text(answer.get("answer_label", "")), styles["small"]),
                        Paragraph(paragraph_text(f"Regeln: {rules}"), styles["meta"]),
                    ]
                )
            )
    return story


def _sign_off(content: dict[str, Any], styles: dict[str, Any]) -> list[Any]:
    sign_off = content.get("sign_off", {})
    signer = content.get("signer", {})
    story: list[Any] = [Paragraph("Zeichnung", styles["heading-1"])]
    if sign_off.get("text"):
        story.append(Paragraph(paragraph_text(sign_off["text"]), styles["body"]))
    signed_by = f"{signer.get('name', '')} ({signer.get('role_label', '')})"
    story += [
        _row("Zeichnende Stelle", sign_off.get("role", ""), styles),
        _row("Gezeichnet von", signed_by, styles),
        _row("Gezeichnet am", signed_at_label(str(content.get("signed_at", ""))), styles),
    ]
    return story


def _verification(record: SignedRecord, styles: dict[str, Any]) -> list[Any]:
    return [
        Spacer(1, 6),
        HRFlowable(width="100%", color=MUTED, thickness=0.5),
        Paragraph("Prüfdaten", styles["heading-1"]),
        Paragraph(
            paragraph_text(
                "Maßgeblich ist der signierte JSON-Datensatz. Prüfen lässt er sich mit dem "
                "öffentlichen Schlüssel (signaturschluessel.pem) und dem Befehl "
                "„leitplanke records verify DATEI.json --key signaturschluessel.pem“."
            ),
            styles["meta"],
        ),
        _row(f"Prüfsumme ({HASH_ALGORITHM})", record.content_hash, styles),
        _row(f"Signatur ({SIGNATURE_ALGORITHM})", record.signature, styles),
        _row("Schlüssel-ID", record.key_id, styles),
    ]
