"""PDF renderer: `rulebook.pdf`, the rulebook typeset for print with contents and bookmarks.

ReportLab's platypus lays out A4 pages: a title page, the contents, then the rules by audience
and aspect, each with its normative text (its Markdown, as published in HTML, set as paragraphs
and lists), rationale, legal bases, examples and cross-references. Every heading is a link
target and an outline entry. The font is DejaVu Sans (Debian's fonts-dejavu-core), else
ReportLab's bundled Vera, else Helvetica.

The pages are laid out in one pass. The page numbers in the contents and the page total in the
footers are unknown where they are drawn, so they are PDF forms, drawn by name and defined
later, as `Canvas.doForm` allows: a heading's page number once it is placed, the total on the
last page. (`TableOfContents` needs three passes of `multiBuild`, 2.5 times as long for a large
rulebook.) `invariant=1` keeps the bytes equal for equal input, so ETags stay stable.
"""

import io
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape, quoteattr

import reportlab
from lxml import html as lxml_html
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.fonts import tt2ps
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from leitplanke.publish.document import PublishedRule, PublishedRulebook
from leitplanke.publish.presentation import german_date, grouped_rules
from leitplanke.publish.publication import Artifact, Publication

FILE: Final = "rulebook.pdf"
MEDIA_TYPE: Final = "application/pdf"

MARGIN: Final = 22 * mm
NUMBER_COLUMN: Final = 32.0
"""Width kept free for the page numbers at the right of the contents."""
INK, ACCENT, MUTED = (colors.HexColor(code) for code in ("#1a1a1a", "#1f4e79", "#5a5a5a"))
_EXAMPLE_LABEL: Final = {"good": "Gutes Beispiel:", "bad": "Schlechtes Beispiel:"}
_PAGE_TOTAL: Final = "page-total"


def render_pdf(publication: Publication) -> list[Artifact]:
    """`rulebook.pdf`: the current version, typeset, with contents, bookmarks and metadata."""
    document = publication.document
    styles = paragraph_styles(document_font())
    body = _body(publication, styles)
    contents = [
        _ContentsEntry(flowable, styles) for flowable in body if isinstance(flowable, _Heading)
    ]
    heading = _Heading("Inhalt", "contents", -1, styles)
    buffer = io.BytesIO()
    with binary_streams():
        _RulebookTemplate(buffer, document).build(
            [*_title_page(document, styles), heading, *contents, *body, _PageTotal()]
        )
    return [Artifact(FILE, MEDIA_TYPE, buffer.getvalue())]


_RENDERING = threading.Lock()


@contextmanager
def binary_streams() -> Iterator[None]:
    """Compressed streams without ReportLab's default ASCII85 layer: a tenth smaller, and some
    6 % faster. The setting is global to ReportLab, so renderings in threads take turns."""
    with _RENDERING:
        before, rl_config.useA85 = rl_config.useA85, 0
        try:
            yield
        finally:
            rl_config.useA85 = before


# --- fonts and text -----------------------------------------------------------------------------

_DEJAVU: Final = Path("/usr/share/fonts/truetype/dejavu")
_VERA: Final = Path(reportlab.__file__).parent / "fonts"
_DEJAVU_FACES: Final = ("", "-Bold", "-Oblique", "-BoldOblique")
FONT_FAMILIES: Final = {  # the regular, bold, italic and bold italic faces
    "DejaVuSans": [_DEJAVU / f"DejaVuSans{face}.ttf" for face in _DEJAVU_FACES],
    "Vera": [_VERA / f"Vera{face}.ttf" for face in ("", "Bd", "It", "BI")],
}
STANDARD_FONT: Final = "Helvetica"
PLACEHOLDER: Final = "\ufffd"
"""Stands for a character the font lacks ('?' where it lacks this one too)."""


@cache
def document_font() -> str:
    """The text font, registered once per process."""
    return register_font_family(FONT_FAMILIES)


def register_font_family(families: dict[str, list[Path]]) -> str:
    """Register the first family whose four faces all exist as a family, so that <b> and <i>
    find their faces; its regular face, else Helvetica."""
    for family, paths in families.items():
        if all(path.is_file() for path in paths):
            faces = [f"Leitplanke-{family}{face}" for face in ("", "-Bold", "-Italic", "-BI")]
            for face, path in zip(faces, paths, strict=True):
                pdfmetrics.registerFont(TTFont(face, str(path)))
            pdfmetrics.registerFontFamily(faces[0], *faces)
            return faces[0]
    return STANDARD_FONT


@cache
def _unprintable(font: str) -> tuple[re.Pattern[str], str]:
    """What the font lacks, and what stands for it. Characters above U+FFFF never pass: even
    where a font has them, ReportLab cannot map them back to text."""
    registered = pdfmetrics.getFont(font)
    if not isinstance(registered, TTFont):  # a standard font: ReportLab marks what it lacks
        pattern = re.compile(r"[^\x00-\uffff]")
    else:
        glyphs = registered.face.charToGlyph
        printable = "".join(chr(code) for code in sorted(glyphs) if code <= 0xFFFF)
        pattern = re.compile(f"[^\t\n\r{re.escape(printable)}]")
    return pattern, "?" if pattern.match(PLACEHOLDER) else PLACEHOLDER


def paragraph_text(text: str | None) -> str:
    """Plain text as Paragraph markup: printable in the font, with &, < and > escaped."""
    pattern, placeholder = _unprintable(document_font())
    return escape(pattern.sub(placeholder, text)) if text else ""


def _link(href: str, markup: str) -> str:
    return f"<a href={quoteattr(href)} color={quoteattr(ACCENT.hexval())}>{markup}</a>"


# --- styles and pages ---------------------------------------------------------------------------

_RIGHT: Final = {"rightIndent": NUMBER_COLUMN}
_LISTED: Final = {"leftIndent": 15, "bulletIndent": 5, "spaceAfter": 1.5}
_STYLES: Final[dict[str, tuple[float, float, Any, bool, dict[str, float]]]] = {
    # name: size, leading, colour, bold?, further attributes
    "title": (24, 30, ACCENT, True, {"spaceAfter": 4}),
    "subtitle": (13, 17, MUTED, False, {"spaceAfter": 16}),
    "text": (10, 13.5, INK, False, {"spaceAfter": 4}),
    "cover-row": (10, 13.5, INK, False, {"leftIndent": 38 * mm, "spaceAfter": 4}),
    "contents": (16, 20, INK, True, {"spaceAfter": 10}),
    "contents-0": (10.5, 14, INK, True, {**_RIGHT, "spaceBefore": 9}),
    "contents-1": (10, 13, INK, False, {**_RIGHT, "leftIndent": 12, "spaceBefore": 3}),
    "contents-2": (8.5, 11, MUTED, False, {**_RIGHT, "leftIndent": 24}),
    "heading-0": (18, 23, ACCENT, True, {"spaceAfter": 8}),
    "heading-1": (13.5, 17, ACCENT, True, {"spaceBefore": 14, "spaceAfter": 4}),
    "heading-2": (11, 14, INK, True, {"spaceBefore": 11, "spaceAfter": 1}),
    "meta": (8.5, 11, MUTED, False, {"spaceAfter": 5}),
    "body": (10, 13.6, INK, False, {"spaceBefore": 4, "spaceAfter": 4}),
    "body-item": (10, 13.6, INK, False, _LISTED),
    "small": (9, 12, INK, False, {"spaceAfter": 3}),
    "item": (9, 12, INK, False, _LISTED),
    "citation": (9, 12, ACCENT, True, {"leftIndent": 15, "bulletIndent": 5}),
    "law": (9, 12, INK, False, {"leftIndent": 15, "spaceAfter": 1.5}),
    "example": (9, 12, INK, False, {"leftIndent": 112, "bulletIndent": 5, "spaceAfter": 1.5}),
    "label": (9, 12, MUTED, True, {"spaceBefore": 3, "spaceAfter": 1}),
}
_BOLD_BULLETS: Final = {"cover-row", "example"}
"""Styles whose bullet is a label in bold (their left indent leaves room for the longest, as
'Schlechtes Beispiel:'): a paragraph in one face is set several times faster than one with a
bold label in its text."""


@cache
def paragraph_styles(font: str) -> dict[str, Any]:
    """Paragraph styles by name; without spaceShrinkage (squeezing spaces to fit a word, which
    suits justified text), lines are broken faster."""
    bold = tt2ps(font, 1, 0)
    return {
        name: ParagraphStyle(
            name,
            fontName=bold if is_bold else font,
            fontSize=size,
            leading=leading,
            textColor=color,
            bulletFontName=bold if name in _BOLD_BULLETS else font,
            bulletFontSize=size,
            spaceShrinkage=0,
            **more,
        )
        for name, (size, leading, color, is_bold, more) in _STYLES.items()
    }


class _RulebookTemplate(BaseDocTemplate):  # type: ignore[misc]
    """A4 pages, with footers from the second on; placed headings become outline entries, and
    their page numbers forms for the contents."""

    def __init__(self, buffer: io.BytesIO, document: PublishedRulebook) -> None:
        super().__init__(
            buffer,
            pagesize=A4,
            invariant=1,
            title=document.title,
            author=document.issuer.name,
            subject=document.description,
            keywords=document.keywords,
            creator="Leitplanke",
            lang=document.language,
            displayDocTitle=1,
            initialFontName=document_font(),
        )
        self.footer = f"{document.short_title} · Version {document.version}"
        frame = Frame(MARGIN, MARGIN, A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN, id="text")
        self.addPageTemplates(
            [PageTemplate("title", [frame]), PageTemplate("pages", [frame], self._footer)]
        )

    def beforeDocument(self) -> None:  # noqa: N802 - ReportLab's name
        self.canv.showOutline()

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - ReportLab's name
        if isinstance(flowable, _Heading):
            level, number = max(flowable.level, 0), str(self.page)
            self.canv.addOutlineEntry(flowable.title, flowable.key, level, closed=level > 0)
            if flowable.level >= 0:
                _define_form(self.canv, _page_form(flowable.key), number, INK, 9, right=True)

    def _footer(self, canvas: Any, doc: Any) -> None:
        """'Seite n von ' and the form with the total; the document's name at the right."""
        canvas.saveState()
        canvas.setFont(document_font(), 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN / 2, self.footer)
        numbering = f"Seite {doc.page} von "
        canvas.drawString(MARGIN, MARGIN / 2, numbering)
        canvas.translate(MARGIN + canvas.stringWidth(numbering, document_font(), 8), MARGIN / 2)
        canvas.doForm(_PAGE_TOTAL)
        canvas.restoreState()


class _PageTotal(Flowable):  # type: ignore[misc]
    """The story's last flowable: defines the form with the page total on the last page."""

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        _define_form(self.canv, _PAGE_TOTAL, str(self.canv.getPageNumber()), MUTED, 8)


def _define_form(
    canvas: Any, name: str, text: str, color: Any, size: float, right: bool = False
) -> None:
    """A form that draws `text` from its origin, or up to it if `right`."""
    canvas.beginForm(name, -NUMBER_COLUMN, -4, NUMBER_COLUMN, 12)
    canvas.setFont(document_font(), size)
    canvas.setFillColor(color)
    (canvas.drawRightString if right else canvas.drawString)(0, 0, text)
    canvas.endForm()


def _page_form(key: str) -> str:
    return f"page-of-{key}"


# --- headings and contents ----------------------------------------------------------------------


class _Heading(Paragraph):  # type: ignore[misc]
    """A heading (audience 0, aspect 1, rule 2; the contents' own -1): never split, and where it
    is drawn, the link target `key`."""

    def __init__(self, title: str, key: str, level: int, styles: dict[str, Any]) -> None:
        super().__init__(
            paragraph_text(title), styles["contents" if level < 0 else f"heading-{level}"]
        )
        self.title, self.key, self.level = title, key, level

    def split(self, width: float, height: float) -> list[Any]:
        return []

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, self.height + 4)
        super().draw()


class _ContentsEntry(Paragraph):  # type: ignore[misc]
    """A line of the contents: a heading linked to, a dot leader, the form with its page."""

    def __init__(self, heading: _Heading, styles: dict[str, Any]) -> None:
        self.key = heading.key
        link = f"<a href={quoteattr('#' + self.key)}>{paragraph_text(heading.title)}</a>"
        super().__init__(link, styles[f"contents-{heading.level}"])

    def split(self, width: float, height: float) -> list[Any]:
        return []

    def draw(self) -> None:
        super().draw()
        canvas, style = self.canv, self.style
        baseline = style.leading - style.fontSize  # of the last line
        text_end = self.getActualLineWidths0()[-1] - style.rightIndent  # with the left indent
        leader_end = self.width - NUMBER_COLUMN + 6
        dots = int((leader_end - text_end - 8) / canvas.stringWidth(". ", style.fontName, 8))
        canvas.setFont(style.fontName, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(leader_end, baseline, ". " * max(dots, 0))
        canvas.translate(self.width, baseline)
        canvas.doForm(_page_form(self.key))


# --- the document -------------------------------------------------------------------------------


def _title_page(document: PublishedRulebook, styles: dict[str, Any]) -> list[Any]:
    rows = {
        "Herausgeber": paragraph_text(document.issuer.name),
        "Kontakt": _link(f"mailto:{document.issuer.email}", paragraph_text(document.issuer.email)),
        "Version": paragraph_text(document.version),
        "Beschlossen am": german_date(document.adopted),
        "Gültig ab": german_date(document.valid_from),
        "Evaluation bis": german_date(document.evaluation_due),
        "Lizenz": _link(document.licence.uri, paragraph_text(document.licence.title)),
        "Fundstelle": _link(document.uri, paragraph_text(document.uri)),
    }
    return [
        Spacer(0, 45 * mm),
        Paragraph(paragraph_text(document.title), styles["title"]),
        Paragraph(paragraph_text(document.short_title), styles["subtitle"]),
        Paragraph(paragraph_text(document.description), styles["text"]),
        Spacer(0, 14 * mm),
        HRFlowable(width="100%", thickness=0.5, color=MUTED, spaceAfter=6),
        *(Paragraph(value, styles["cover-row"], bulletText=key) for key, value in rows.items()),
        NextPageTemplate("pages"),
        PageBreak(),
    ]


def _body(publication: Publication, styles: dict[str, Any]) -> list[Any]:
    """Each audience from a new page, then its aspects, then their rules."""
    story: list[Any] = []
    present = {rule.id for rule in publication.document.rules}
    for part, sections in enumerate(grouped_rules(publication.document.rules), start=1):
        label = sections[0][0].audience_label
        story += [PageBreak(), _Heading(label, f"audience-{part}", 0, styles)]
        for number, rules in enumerate(sections, start=1):
            label = rules[0].aspect_label
            story += [CondPageBreak(120), _Heading(label, f"aspect-{part}-{number}", 1, styles)]
            for rule in rules:
                heading = _Heading(f"{rule.id} {rule.title}", _key(rule.id), 2, styles)
                story += [CondPageBreak(90), heading, *_rule(rule, publication, styles, present)]
    return story


def _key(rule_id: str) -> str:
    return f"rule-{rule_id}"


def _rule(
    rule: PublishedRule, publication: Publication, styles: dict[str, Any], present: set[str]
) -> list[Any]:
    """The flowables of a rule below its heading."""
    meta = f"{rule.level.value} ({rule.level_keyword}) · {rule.status_label} · Zielgruppen: "
    flowables = [
        Paragraph(paragraph_text(meta + ", ".join(rule.target_group_labels)), styles["meta"]),
        *_html(rule.text_html, styles["body"], styles["body-item"]),
        *_label("Begründung", styles),
        *_html(rule.rationale_html, styles["small"], styles["item"]),
        *_label("Rechtsgrundlagen", styles),
    ]
    for basis in rule.legal_bases:  # paragraphs in one face each: set several times faster
        citation = paragraph_text(basis.citation)
        citation = _link(basis.url, citation) if basis.url else citation
        flowables.append(Paragraph(citation, styles["citation"], bulletText="•"))
        law = f"{basis.note} – {basis.law_title}" if basis.note else basis.law_title
        flowables.append(Paragraph(paragraph_text(law), styles["law"]))
    flowables += _label("Beispiele", styles) if rule.examples else []
    for example in rule.examples:
        markup = paragraph_text(example.text)
        markup += f" <i>({paragraph_text(example.note)})</i>" if example.note else ""
        label = paragraph_text(_EXAMPLE_LABEL.get(example.kind, example.kind))
        flowables.append(Paragraph(markup, styles["example"], bulletText=label))
    if rule.see_also:
        hrefs = [
            f"#{_key(id_)}" if id_ in present else publication.rule_uri(id_)
            for id_ in rule.see_also
        ]
        links = ", ".join(map(_link, hrefs, map(paragraph_text, rule.see_also)))
        flowables.append(Paragraph(f"<b>Siehe auch:</b> {links}", styles["small"]))
    return flowables


def _label(text: str, styles: dict[str, Any]) -> list[Any]:
    """A label over a part of a rule, moved to the next page unless three lines fit below it."""
    return [CondPageBreak(52), Paragraph(text, styles["label"])]


# --- the HTML of Markdown texts as flowables ----------------------------------------------------

_HEADINGS: Final = {"h1", "h2", "h3", "h4", "h5", "h6"}
_PARAGRAPHS: Final = {"p", "pre", *_HEADINGS}
_BOLD: Final = {"strong", "b", *_HEADINGS}


def _html(html: str, style: Any, item_style: Any) -> list[Any]:
    """Paragraphs of an HTML fragment (Markdown rendered by markdown-it)."""
    if not html.strip():
        return []
    return _blocks(lxml_html.fragment_fromstring(html, create_parent="div"), style, item_style)


def _blocks(node: Any, style: Any, item_style: Any, depth: int = 0, bullet: str = "") -> list[Any]:
    """Paragraphs of the blocks in `node`, a fragment or a list item (marked by `bullet`); inline
    content between blocks makes a paragraph of its own."""
    flowables: list[Any] = []
    inline = [paragraph_text(node.text)]

    def end_paragraph() -> None:
        nonlocal bullet
        if markup := "".join(inline).strip():
            flowables.append(Paragraph(markup, style, bulletText=bullet or None))
            bullet = ""
        inline.clear()

    for child in node:
        if child.tag in _PARAGRAPHS or child.tag in ("ul", "ol", "blockquote", "div", "hr"):
            end_paragraph()
        if child.tag in ("ul", "ol"):
            flowables += _list(child, item_style, depth)
        elif child.tag in ("blockquote", "div"):
            flowables += _blocks(child, style, item_style, depth, bullet)
            bullet = ""
        elif child.tag != "hr":
            inline.append(_inline(child))
        if child.tag in _PARAGRAPHS:
            end_paragraph()
        inline.append(paragraph_text(child.tail))
    end_paragraph()
    return flowables


def _list(node: Any, style: Any, depth: int) -> list[Any]:
    """The items of a list, with bullets or numbers, indented by their depth."""
    indent = style.leftIndent
    nested = {
        "leftIndent": indent * (depth + 1),
        "bulletIndent": indent * depth + style.bulletIndent,
    }
    indented = ParagraphStyle(f"{style.name}-{depth}", style, **nested)
    start = node.get("start", "1")
    items = [item for item in node if item.tag == "li"]
    flowables: list[Any] = []
    for number, item in enumerate(items, start=int(start) if start.isdigit() else 1):
        bullet = f"{number}." if node.tag == "ol" else "•"
        flowables += _blocks(item, indented, style, depth + 1, bullet)
    return flowables


def _inline(node: Any) -> str:
    """Paragraph markup for an element as part of a paragraph: bold (headings too), italics,
    links (not to anchors in the Markdown: they have no target here), line breaks, text."""
    content = paragraph_text(node.text) + "".join(
        _inline(child) + paragraph_text(child.tail) for child in node
    )
    href = node.get("href", "") if node.tag == "a" else ""
    if node.tag in _BOLD:
        return f"<b>{content}</b>"
    if node.tag in ("em", "i"):
        return f"<i>{content}</i>"
    if href and not href.startswith("#"):
        return _link(href, content)
    if node.tag == "br":
        return "<br/>"
    return paragraph_text(node.get("alt")) if node.tag == "img" else content
