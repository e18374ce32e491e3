"""PDF renderer: `rulebook.pdf`, the rulebook typeset for print with contents and bookmarks.

A4 in DejaVu Sans (Debian's fonts-dejavu-core; ReportLab's bundled Vera where it is missing,
Helvetica where both are). A title page, the table of contents, then the rules by audience and
aspect; each rule with ID, title, level and status, its normative text (the Markdown rendered:
paragraphs, lists, bold, italics, links), rationale, legal bases with the laws' titles, and
examples. Every heading is a bookmark and an outline entry; the footer counts the pages.

ReportLab writes the PDF (canvas, fonts, outline, links); the typesetting is done here, because
ReportLab's own layer (platypus with `Paragraph`) took five times as long for a large rulebook:
it parses markup and measures each word anew, passes every flowable through several layers, and
needs two or three passes for a table of contents. Here, text is broken into lines once, over
word widths measured once per word and size; `paginate` then places the blocks by height alone,
so page numbers are known before anything is drawn; one drawing pass follows. Text goes out as
PDF operators, with each character's code in the font subset looked up once. `invariant=1`
keeps the bytes equal for equal input, so ETags stay stable.
"""

import io
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Final

import reportlab
from lxml import html as lxml_html
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from leitplanke.publish.document import PublishedRule, PublishedRulebook
from leitplanke.publish.publication import Artifact, Publication
from leitplanke.rulebook.vocabulary import Aspect, Audience

FILE: Final = "rulebook.pdf"
MEDIA_TYPE: Final = "application/pdf"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN: Final = 22 * mm
FRAME_WIDTH: Final = PAGE_WIDTH - 2 * MARGIN
NUMBER_COLUMN: Final = 32.0
"""Width kept free for the page numbers at the right of the table of contents."""
COVER_LABEL_WIDTH: Final = 38 * mm

INK: Final = colors.HexColor("#1a1a1a")
ACCENT: Final = colors.HexColor("#1f4e79")
MUTED: Final = colors.HexColor("#5a5a5a")

REGULAR, BOLD, ITALIC = 0, 1, 2
"""Faces as bit flags: BOLD | ITALIC is the bold italic face."""

_MONTHS: Final = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
_EXAMPLE_LABEL: Final = {"good": "Gutes Beispiel", "bad": "Schlechtes Beispiel"}
_HEADINGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS: Final = _HEADINGS | {"p", "div", "blockquote", "li", "pre", "hr"}


def render_pdf(publication: Publication) -> list[Artifact]:
    """`rulebook.pdf`: the current version, typeset, with contents, bookmarks and metadata."""
    document = publication.document
    styles = _styles(_fonts())
    blocks = [*_title_page(document, styles), *_contents_and_body(publication, styles)]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1, lang=document.language)
    canvas.setTitle(document.title)
    canvas.setAuthor(document.issuer.name)
    canvas.setSubject(document.description)
    canvas.setKeywords(", ".join(document.keywords))
    canvas.setCreator("Leitplanke")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    canvas.showOutline()
    footer = f"{document.short_title} · Version {document.version}"
    with _binary_streams():
        _Typesetter(canvas, styles.fonts, footer).typeset(blocks)
    return [Artifact(FILE, MEDIA_TYPE, buffer.getvalue())]


def german_date(day: date) -> str:
    """A date as German text, e.g. '12. Oktober 2026'."""
    return f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"


_RENDERING = threading.Lock()


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed streams without the ASCII85 layer ReportLab adds by default: a sixth smaller,
    and its pure-Python encoder took a fifth of the time. The setting is global to ReportLab,
    so renderings in threads take turns, and each file comes out the same."""
    with _RENDERING:
        before = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = before


# --- fonts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fonts:
    """The four faces of the text font by registered name."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    def face(self, flags: int) -> str:
        """The face for a combination of the BOLD and ITALIC flags."""
        return (self.regular, self.bold, self.italic, self.bold_italic)[flags & 3]


_DEJAVU: Final = Path("/usr/share/fonts/truetype/dejavu")
_VERA: Final = Path(reportlab.__file__).parent / "fonts"
FONT_CANDIDATES: Final = (
    (
        "DejaVuSans",
        (
            _DEJAVU / "DejaVuSans.ttf",
            _DEJAVU / "DejaVuSans-Bold.ttf",
            _DEJAVU / "DejaVuSans-Oblique.ttf",
            _DEJAVU / "DejaVuSans-BoldOblique.ttf",
        ),
    ),
    (
        "Vera",
        (_VERA / "Vera.ttf", _VERA / "VeraBd.ttf", _VERA / "VeraIt.ttf", _VERA / "VeraBI.ttf"),
    ),
)
STANDARD_FONTS: Final = Fonts(
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"
)


@cache
def _fonts() -> Fonts:
    """The text font, registered once per process."""
    return register_fonts(FONT_CANDIDATES)


def register_fonts(candidates: Iterable[tuple[str, tuple[Path, Path, Path, Path]]]) -> Fonts:
    """Register the first family whose four files all exist; the standard fonts if none does."""
    for family, paths in candidates:
        if all(path.is_file() for path in paths):
            fonts = Fonts(*(f"Leitplanke-{family}-{face}" for face in ("R", "B", "I", "BI")))
            names = (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic)
            for name, path in zip(names, paths, strict=True):
                pdfmetrics.registerFont(TTFont(name, str(path)))
            return fonts
    return STANDARD_FONTS


_MEASURES: dict[tuple[str, float], Callable[[str], float]] = {}


def _measure(font: str, size: float) -> Callable[[str], float]:
    """Width of a text in a font and size; each text is measured once (measuring is slow)."""
    measure = _MEASURES.get((font, size))
    if measure is None:
        string_width = pdfmetrics.getFont(font).stringWidth
        widths: dict[str, float] = {}

        def measure(text: str) -> float:
            width = widths.get(text)
            if width is None:
                if len(widths) > 100_000:
                    widths.clear()
                width = widths[text] = string_width(text, size)
            return width

        _MEASURES[font, size] = measure
    return measure


# --- setting text in lines ----------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A stretch of text in one face; `link` is a URL or '#key' of a heading; '\\n' breaks."""

    text: str
    face: int = REGULAR
    link: str | None = None
    color: Any = None


@dataclass(frozen=True)
class TextStyle:
    """How a block of text is set: size, leading, colour, indents and the space around it."""

    size: float
    leading: float
    color: Any = INK
    indent: float = 0.0
    right: float = 0.0
    before: float = 0.0
    after: float = 0.0


@dataclass
class Segment:
    """Text drawn in one go on one line: same face, colour and link."""

    x: float
    width: float
    text: str
    font: str
    color: Any
    link: str | None


Line = list[Segment]


def set_lines(runs: Iterable[Run], style: TextStyle, fonts: Fonts, width: float) -> list[Line]:
    """Break runs into left-aligned lines no wider than `width` less the indents.

    Lines break at spaces; a word wider than a line (a long URL) breaks between characters.
    Segments of a line touch, spaces included, so a line is drawn without positioning."""
    available = width - style.indent - style.right
    size = style.size
    # words: [space before?, [(text, font, colour, link, width), ...], width]; None = line break
    words: list[list[Any] | None] = []
    pending = False
    for run in runs:
        if run.text == "\n":
            words.append(None)
            pending = False
            continue
        font = fonts.face(run.face)
        measure = _measure(font, size)
        color = run.color or style.color
        for index, part in enumerate(run.text.split(" ")):
            pending = pending or index > 0
            if not part:
                continue
            piece = (part, font, color, run.link, measure(part))
            last = words[-1] if words else None
            if pending or last is None:
                words.append([pending, [piece], piece[4]])
            else:
                last[1].append(piece)
                last[2] += piece[4]
            pending = False

    lines: list[Line] = []
    line: Line = []
    x = 0.0
    for word in words:
        if word is None:
            lines.append(line)
            line, x = [], 0.0
            continue
        space_before, pieces, word_width = word
        if line and space_before:
            last_segment = line[-1]
            space = _measure(last_segment.font, size)(" ")
            if x + space + word_width > available:
                lines.append(line)
                line, x = [], 0.0
            else:
                last_segment.text += " "
                last_segment.width += space
                x += space
        if not line and word_width > available:
            text = "".join(piece[0] for piece in pieces)
            _, font, color, link, _ = pieces[0]
            line, x = _hard_break(lines, text, font, color, link, size, available)
            continue
        for text, font, color, link, piece_width in pieces:
            previous = line[-1] if line else None
            if previous and (previous.font, previous.color, previous.link) == (font, color, link):
                previous.text += text
                previous.width += piece_width
            else:
                line.append(Segment(x, piece_width, text, font, color, link))
            x += piece_width
    if line or not lines:
        lines.append(line)
    return lines


def _hard_break(
    lines: list[Line],
    text: str,
    font: str,
    color: Any,
    link: str | None,
    size: float,
    available: float,
) -> tuple[Line, float]:
    """Break a word wider than the line between characters; returns the last line begun."""
    measure = _measure(font, size)
    chunk = ""
    for char in text:
        if chunk and measure(chunk + char) > available:
            lines.append([Segment(0.0, measure(chunk), chunk, font, color, link)])
            chunk = ""
        chunk += char
    return [Segment(0.0, measure(chunk), chunk, font, color, link)], measure(chunk)


# --- blocks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    """What makes a block a heading: its bookmark key, outline title and outline level."""

    key: str
    outline: str
    level: int


@dataclass(eq=False)
class TextBlock:
    """Lines of text set for the frame's width, with an optional bullet or list number.

    A heading (with `anchor`) and a contents entry (with `contents_key`) never split; other
    blocks split between lines, keeping two lines at least on either side."""

    lines: list[Line]
    style: TextStyle
    bullet: str | None = None
    anchor: Anchor | None = None
    contents_key: str | None = None

    @property
    def height(self) -> float:
        """Height of the lines, without the space around the block."""
        return len(self.lines) * self.style.leading


def text_block(
    runs: Iterable[Run],
    style: TextStyle,
    fonts: Fonts,
    bullet: str | None = None,
    anchor: Anchor | None = None,
    contents_key: str | None = None,
    width: float = FRAME_WIDTH,
) -> TextBlock:
    """A block of `runs` set in lines."""
    return TextBlock(set_lines(runs, style, fonts, width), style, bullet, anchor, contents_key)


@dataclass(frozen=True)
class Keep:
    """Start a new page unless `height` still fits: keeps a heading with what follows."""

    height: float


@dataclass(frozen=True)
class Gap:
    """Vertical space."""

    height: float


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


@dataclass(frozen=True)
class HorizontalLine:
    """A thin line across the frame."""


@dataclass(frozen=True)
class Row:
    """A label beside its value, as on the title page."""

    label: TextBlock
    value: TextBlock
    offset: float

    @property
    def height(self) -> float:
        """Height of the taller side."""
        return max(self.label.height, self.value.height)


Block = TextBlock | Keep | Gap | PageBreak | HorizontalLine | Row


# --- writing text as PDF operators --------------------------------------------------------------


class _Operators:
    """Text operators given to `Canvas.drawText`, which only asks for `getCode()`."""

    def __init__(self, code: str) -> None:
        self.code = code

    def getCode(self) -> str:  # noqa: N802 - ReportLab's name
        return self.code


class _Encoder:
    """Codes of a font's characters in the document's font subsets, looked up once each.

    A text whose characters all sit in the first subset is encoded by `str.translate`."""

    def __init__(self, font_name: str, canvas: Canvas) -> None:
        self.font = pdfmetrics.getFont(font_name)
        self.doc = canvas._doc
        self.truetype = isinstance(self.font, TTFont)
        self.first: set[str] = set()
        self.table: dict[int, int] = {}
        self.codes: dict[str, tuple[int, int]] = {}
        self.names: dict[int, str] = {}
        if not self.truetype:
            self.names[0] = self.doc.getInternalFontName(font_name)

    def encode(self, text: str) -> list[tuple[str, str]]:
        """(subset font name, hex string) pairs that draw `text`."""
        if not self.truetype:
            return [(self.names[0], text.encode("cp1252", errors="replace").hex())]
        if self.first.issuperset(text):
            return [(self.name(0), text.translate(self.table).encode("latin-1").hex())]
        pieces: list[tuple[str, str]] = []
        subset, codes = -1, bytearray()
        for char in text:
            char_subset, code = self.code(char)
            if char_subset != subset and codes:
                pieces.append((self.name(subset), codes.hex()))
                codes = bytearray()
            subset = char_subset
            codes.append(code)
        if codes:
            pieces.append((self.name(subset), codes.hex()))
        return pieces

    def code(self, char: str) -> tuple[int, int]:
        """Subset and code of a character, assigned by the font on first use."""
        found = self.codes.get(char)
        if found is None:
            ((subset, data),) = self.font.splitString(char, self.doc)
            found = self.codes[char] = (subset, data[0])
            if subset == 0:
                self.first.add(char)
                self.table[ord(char)] = data[0]
        return found

    def name(self, subset: int) -> str:
        """The PDF resource name of a subset."""
        name = self.names.get(subset)
        if name is None:
            name = self.names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return name


class _TextWriter:
    """Lines of segments as PDF text operators."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.encoders: dict[str, _Encoder] = {}
        self.colors: dict[Any, str] = {}

    def draw(
        self, lines: Iterable[Line], x: float, baseline: float, size: float, leading: float
    ) -> None:
        """Draw lines from `baseline` down, starting at `x`."""
        code = ["BT", f"{x:.2f} {baseline:.2f} Td", f"{leading:.2f} TL"]
        font = color = None
        for line in lines:
            for segment in line:
                if segment.color is not color:
                    color = segment.color
                    code.append(self._color(color))
                encoder = self.encoders.get(segment.font)
                if encoder is None:
                    encoder = self.encoders[segment.font] = _Encoder(segment.font, self.canvas)
                for name, data in encoder.encode(segment.text):
                    if name != font:
                        font = name
                        code.append(f"{name} {size:.2f} Tf")
                    code.append(f"<{data}> Tj")
            code.append("T*")
        code.append("ET")
        self.canvas.drawText(_Operators(" ".join(code)))

    def _color(self, color: Any) -> str:
        operator = self.colors.get(color)
        if operator is None:
            red, green, blue = color.rgb()
            operator = self.colors[color] = f"{red:.3f} {green:.3f} {blue:.3f} rg"
        return operator


# --- pages --------------------------------------------------------------------------------------

TOP: Final = PAGE_HEIGHT - MARGIN
BOTTOM: Final = MARGIN


@dataclass(frozen=True)
class Placed:
    """A block, or the part of a text block, at its place on a page."""

    page: int
    top: float
    block: TextBlock | Row | HorizontalLine
    lines: list[Line] = field(default_factory=list)
    bullet: str | None = None


def paginate(blocks: Iterable[Block]) -> list[Placed]:
    """Place blocks on pages, top to bottom, splitting text blocks between lines.

    Only heights count here, so pages are known before anything is drawn; the contents can
    then show page numbers, and the footer the page total, in the same single drawing pass."""
    placed: list[Placed] = []
    page, y = 1, TOP

    def new_page() -> None:
        nonlocal page, y
        page, y = page + 1, TOP

    for block in blocks:
        if isinstance(block, TextBlock):
            style = block.style
            lines, bullet = block.lines, block.bullet
            splittable = block.anchor is None and block.contents_key is None
            while True:
                space = style.before if y < TOP else 0.0
                room = y - space - BOTTOM
                if len(lines) * style.leading <= room + 0.01:
                    placed.append(Placed(page, y - space, block, lines, bullet))
                    y -= space + len(lines) * style.leading + style.after
                    break
                fit = min(int((room + 0.01) // style.leading), len(lines) - 2)
                if not splittable or fit < 2:
                    if y < TOP:
                        new_page()
                        continue
                    fit = max(1, int((room + 0.01) // style.leading))  # taller than a page
                placed.append(Placed(page, y - space, block, lines[:fit], bullet))
                lines, bullet = lines[fit:], None
                new_page()
        elif isinstance(block, Keep):
            if y - block.height < BOTTOM and y < TOP:
                new_page()
        elif isinstance(block, Gap):
            y -= block.height
        elif isinstance(block, PageBreak):
            if y < TOP:
                new_page()
        elif isinstance(block, HorizontalLine):
            placed.append(Placed(page, y, block))
            y -= 6
        else:
            placed.append(Placed(page, y, block))
            y -= block.height + 5
    return placed


class _Typesetter:
    """Draws placed blocks page by page, with bookmarks, outline, links and footers."""

    def __init__(self, canvas: Canvas, fonts: Fonts, footer: str) -> None:
        self.canvas, self.fonts, self.footer = canvas, fonts, footer
        self.writer = _TextWriter(canvas)

    def typeset(self, blocks: Iterable[Block]) -> None:
        """Lay the blocks out, draw them, and save the document."""
        placed = paginate(blocks)
        self.pages = placed[-1].page if placed else 1
        self.heading_pages = {
            item.block.anchor.key: item.page
            for item in placed
            if isinstance(item.block, TextBlock) and item.block.anchor
        }
        page = 1
        for item in placed:
            while page < item.page:
                self._end_page(page)
                page += 1
            self._draw(item)
        self._end_page(page)
        self.canvas.save()

    def _draw(self, item: Placed) -> None:
        block = item.block
        if isinstance(block, TextBlock):
            self._text(block, item.lines, item.bullet, item.top)
        elif isinstance(block, HorizontalLine):
            self.canvas.setStrokeColor(MUTED)
            self.canvas.setLineWidth(0.5)
            self.canvas.line(MARGIN, item.top, MARGIN + FRAME_WIDTH, item.top)
        else:
            self._text(block.label, block.label.lines, None, item.top)
            self._text(block.value, block.value.lines, None, item.top, MARGIN + block.offset)

    def _text(
        self,
        block: TextBlock,
        lines: list[Line],
        bullet: str | None,
        top: float,
        left: float = MARGIN,
    ) -> None:
        canvas, style = self.canvas, block.style
        size, leading = style.size, style.leading
        baseline = top - (leading - size) / 2 - 0.8 * size
        x = left + style.indent
        if block.anchor:
            anchor = block.anchor
            canvas.bookmarkHorizontalAbsolute(anchor.key, top + 4)
            closed = anchor.level >= 1
            canvas.addOutlineEntry(anchor.outline, anchor.key, anchor.level, closed=closed)
        if bullet:
            width = _measure(self.fonts.regular, size)(bullet)
            mark = Segment(0.0, width, bullet, self.fonts.regular, style.color, None)
            self.writer.draw([[mark]], x - 4 - width, baseline, size, leading)
        self.writer.draw(lines, x, baseline, size, leading)
        for number, line in enumerate(lines):
            y = baseline - number * leading
            for segment in line:
                if segment.link:
                    start = x + segment.x
                    rect = (start, y - 0.25 * size, start + segment.width, y + 0.85 * size)
                    if segment.link.startswith("#"):
                        canvas.linkRect("", segment.link[1:], rect, relative=0)
                    else:
                        canvas.linkURL(segment.link, rect, relative=0)
        if block.contents_key:
            last = lines[-1]
            end = x + (last[-1].x + last[-1].width if last else 0.0)
            page = self.heading_pages.get(block.contents_key)
            self._page_number(page, end, baseline - (len(lines) - 1) * leading)

    def _page_number(self, page: int | None, text_end: float, baseline: float) -> None:
        """Dot leader after a contents entry, then the page number of its heading."""
        regular = self.fonts.regular
        right = MARGIN + FRAME_WIDTH
        leader_end = right - NUMBER_COLUMN + 6
        dots_measure, number_measure = _measure(regular, 8), _measure(regular, 9)
        count = int((leader_end - text_end - 8) / dots_measure(". "))
        if count > 0:
            dots = ". " * count
            leader = Segment(0.0, dots_measure(dots), dots, regular, MUTED, None)
            self.writer.draw([[leader]], leader_end - leader.width, baseline, 8, 10)
        if page is not None:
            number = str(page)
            width = number_measure(number)
            digits = Segment(0.0, width, number, regular, INK, None)
            self.writer.draw([[digits]], right - width, baseline, 9, 10)

    def _end_page(self, page: int) -> None:
        """Draw the footer (not on the title page) and go on to the next page."""
        if page > 1:
            regular = self.fonts.regular
            measure = _measure(regular, 8)
            count = f"Seite {page} von {self.pages}"
            width = measure(count)
            name = Segment(0.0, measure(self.footer), self.footer, regular, MUTED, None)
            number = Segment(0.0, width, count, regular, MUTED, None)
            self.writer.draw([[name]], MARGIN, MARGIN / 2, 8, 10)
            self.writer.draw([[number]], MARGIN + FRAME_WIDTH - width, MARGIN / 2, 8, 10)
        self.canvas.showPage()


# --- styles -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Styles:
    fonts: Fonts
    title: TextStyle
    subtitle: TextStyle
    cover: TextStyle
    contents: tuple[TextStyle, TextStyle, TextStyle, TextStyle]
    audience: TextStyle
    aspect: TextStyle
    rule: TextStyle
    meta: TextStyle
    body: TextStyle
    small: TextStyle
    label: TextStyle


@cache
def _listed(base: TextStyle, depth: int) -> TextStyle:
    """`base` indented for a list item `depth` levels deep (0 = top level)."""
    return replace(base, indent=base.indent + 15 * (depth + 1), before=0.0, after=1.5)


@cache
def _styles(fonts: Fonts) -> _Styles:
    return _Styles(
        fonts=fonts,
        title=TextStyle(24, 30, ACCENT, after=4),
        subtitle=TextStyle(13, 17, MUTED, after=16),
        cover=TextStyle(10, 13.5, INK, after=4),
        contents=(
            TextStyle(16, 20, INK, after=10),
            TextStyle(10.5, 14, INK, right=NUMBER_COLUMN, before=9),
            TextStyle(10, 13, INK, indent=12, right=NUMBER_COLUMN, before=3),
            TextStyle(8.5, 11, MUTED, indent=24, right=NUMBER_COLUMN),
        ),
        audience=TextStyle(18, 23, ACCENT, after=8),
        aspect=TextStyle(13.5, 17, ACCENT, before=14, after=4),
        rule=TextStyle(11, 14, INK, before=11, after=1),
        meta=TextStyle(8.5, 11, MUTED, after=5),
        body=TextStyle(10, 13.6, INK, after=4),
        small=TextStyle(9, 12, INK, after=3),
        label=TextStyle(9, 12, MUTED, before=3, after=1),
    )


# --- the document -------------------------------------------------------------------------------


def _title_page(document: PublishedRulebook, styles: _Styles) -> list[Block]:
    fonts = styles.fonts
    cell = replace(styles.cover, after=0.0)

    def row(label: str, *value: Run) -> Row:
        return Row(
            text_block([Run(label, BOLD)], cell, fonts, width=COVER_LABEL_WIDTH - 4),
            text_block(value, cell, fonts, width=FRAME_WIDTH - COVER_LABEL_WIDTH),
            COVER_LABEL_WIDTH,
        )

    return [
        Gap(45 * mm),
        text_block([Run(document.title, BOLD)], styles.title, fonts),
        text_block([Run(document.short_title)], styles.subtitle, fonts),
        text_block([Run(document.description)], styles.cover, fonts),
        Gap(14 * mm),
        HorizontalLine(),
        row("Herausgeber", Run(document.issuer.name)),
        row(
            "Kontakt",
            Run(document.issuer.email, link=f"mailto:{document.issuer.email}", color=ACCENT),
        ),
        row("Version", Run(document.version)),
        row("Beschlossen am", Run(german_date(document.adopted))),
        row("Gültig ab", Run(german_date(document.valid_from))),
        row("Evaluation bis", Run(german_date(document.evaluation_due))),
        row("Lizenz", Run(document.licence.title, link=document.licence.uri, color=ACCENT)),
        row("Fundstelle", Run(document.uri, link=document.uri, color=ACCENT)),
        PageBreak(),
    ]


def _contents_and_body(publication: Publication, styles: _Styles) -> list[Block]:
    document = publication.document
    fonts = styles.fonts
    present = {rule.id for rule in document.rules}
    contents: list[Block] = [
        text_block(
            [Run("Inhalt", BOLD)], styles.contents[0], fonts, anchor=Anchor("contents", "Inhalt", 0)
        )
    ]
    body: list[Block] = []
    for part_number, sections in enumerate(_grouped(document.rules), start=1):
        label = sections[0][0].audience_label
        key = f"audience-{part_number}"
        contents.append(text_block([Run(label, BOLD)], styles.contents[1], fonts, contents_key=key))
        anchor = Anchor(key, label, 0)
        body += [PageBreak(), text_block([Run(label, BOLD)], styles.audience, fonts, anchor=anchor)]
        for section_number, rules in enumerate(sections, start=1):
            label = rules[0].aspect_label
            key = f"aspect-{part_number}-{section_number}"
            contents.append(text_block([Run(label)], styles.contents[2], fonts, contents_key=key))
            heading = text_block(
                [Run(label, BOLD)], styles.aspect, fonts, anchor=Anchor(key, label, 1)
            )
            for number, rule in enumerate(rules):
                text = f"{rule.id}  {rule.title}"
                contents.append(
                    text_block([Run(text)], styles.contents[3], fonts, contents_key=_key(rule.id))
                )
                keep, blocks = _rule(rule, publication, styles, present)
                if number == 0:
                    body += [Keep(_space_and_height(heading) + keep.height), heading]
                body += [keep, *blocks]
    return [*contents, *body]


def _grouped(rules: Iterable[PublishedRule]) -> list[list[list[PublishedRule]]]:
    """Rules by audience, then by aspect (both in vocabulary order), each in source order."""
    groups: dict[Audience, dict[Aspect, list[PublishedRule]]] = {}
    for rule in rules:
        groups.setdefault(rule.audience, {}).setdefault(rule.aspect, []).append(rule)
    return [
        [groups[audience][aspect] for aspect in Aspect if aspect in groups[audience]]
        for audience in Audience
        if audience in groups
    ]


def _key(rule_id: str) -> str:
    return f"rule-{rule_id}"


def _space_and_height(*blocks: Block) -> float:
    return sum(
        block.style.before + block.height for block in blocks if isinstance(block, TextBlock)
    )


def _rule(
    rule: PublishedRule, publication: Publication, styles: _Styles, present: set[str]
) -> tuple[Keep, list[Block]]:
    """The blocks of one rule, and how much of its start to keep together on a page."""
    fonts = styles.fonts
    heading = text_block(
        [Run(rule.id, BOLD, color=ACCENT), Run(f"  {rule.title}", BOLD)],
        styles.rule,
        fonts,
        anchor=Anchor(_key(rule.id), f"{rule.id} {rule.title}", 2),
    )
    meta = text_block(
        [
            Run(rule.level.value, BOLD),
            Run(f" ({rule.level_keyword}) · {rule.status_label} · Zielgruppen: "),
            Run(", ".join(rule.target_group_labels)),
        ],
        styles.meta,
        fonts,
    )
    text = _html_blocks(rule.text_html, styles.body, styles)
    blocks: list[Block] = [heading, meta, *text]
    blocks += _html_blocks(rule.rationale_html, styles.small, styles, label="Begründung")

    item = _listed(styles.small, 0)
    blocks.append(Keep(styles.label.before + styles.label.leading + 3 * item.leading))
    blocks.append(text_block([Run("Rechtsgrundlagen", BOLD)], styles.label, fonts))
    for basis in rule.legal_bases:
        runs = [Run(basis.citation, BOLD, basis.url, ACCENT if basis.url else None)]
        if basis.note:
            runs.append(Run(f" – {basis.note}"))
        runs += [Run("\n"), Run(basis.law_title, color=MUTED)]
        blocks.append(text_block(runs, item, fonts, "•"))

    if rule.examples:
        blocks.append(Keep(styles.label.before + styles.label.leading + 3 * item.leading))
        blocks.append(text_block([Run("Beispiele", BOLD)], styles.label, fonts))
        for example in rule.examples:
            runs = [Run(_EXAMPLE_LABEL.get(example.kind, example.kind) + ":", BOLD)]
            runs.append(Run(" " + " ".join(example.text.split())))
            if example.note:
                runs.append(Run(f" ({' '.join(example.note.split())})", ITALIC))
            blocks.append(text_block(runs, item, fonts, "•"))

    if rule.see_also:
        runs = [Run("Siehe auch: ", BOLD)]
        for index, target in enumerate(rule.see_also):
            link = f"#{_key(target)}" if target in present else publication.rule_uri(target)
            runs.append(Run(target, link=link, color=ACCENT))
            if index < len(rule.see_also) - 1:
                runs.append(Run(", "))
        blocks.append(text_block(runs, replace(styles.small, before=3), fonts))
    first_lines = 2 * styles.body.leading
    keep = Keep(min(_space_and_height(heading, meta) + first_lines, PAGE_HEIGHT / 3))
    return keep, blocks


# --- the HTML of Markdown texts as blocks -------------------------------------------------------


def _html_blocks(
    html: str, style: TextStyle, styles: _Styles, label: str | None = None
) -> list[Block]:
    """Blocks of an HTML fragment (rendered Markdown); `label` heads the first block."""
    runs_of_blocks: list[tuple[list[Run], TextStyle, str | None]] = []
    if html.strip():
        wrapper = lxml_html.fragment_fromstring(html, create_parent="div")
        _collect(wrapper, style, runs_of_blocks, depth=-1, bullet=None)
    if label:
        head = [Run(label, BOLD, color=MUTED), Run("\n")]
        if runs_of_blocks and runs_of_blocks[0][2] is None:
            runs, first_style, _ = runs_of_blocks[0]
            runs_of_blocks[0] = (
                head + runs,
                replace(first_style, before=styles.label.before),
                None,
            )
        else:
            runs_of_blocks.insert(0, (head[:1], styles.label, None))
    blocks: list[Block] = []
    for runs, block_style, bullet in runs_of_blocks:
        if block_style.indent == style.indent and blocks and _is_item(blocks[-1]):
            block_style = replace(block_style, before=block_style.before + style.after)
        blocks.append(text_block(runs, block_style, styles.fonts, bullet))
    return blocks


def _is_item(block: Block) -> bool:
    return isinstance(block, TextBlock) and block.style.indent > 0


def _collect(
    node: Any,
    style: TextStyle,
    out: list[tuple[list[Run], TextStyle, str | None]],
    depth: int,
    bullet: str | None,
) -> None:
    """Collect the blocks among `node`'s children; loose inline content makes one block."""
    block_style = style if depth < 0 else _listed(style, depth)
    loose: list[Run] = _text_runs(node.text, REGULAR, None)

    def add(runs: list[Run]) -> None:
        nonlocal bullet
        runs = _trimmed(runs)
        if runs:
            out.append((runs, block_style, bullet))
            bullet = None

    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("ul", "ol"):
            add(loose)
            loose = []
            start = child.get("start", "1")
            first = int(start) if start.isdigit() else 1
            items = [item for item in child if item.tag == "li"]
            for number, item in enumerate(items, start=first):
                _collect(item, style, out, depth + 1, f"{number}." if tag == "ol" else "•")
        elif tag in _BLOCKS:
            add(loose)
            loose = []
            if tag == "p":
                add(_inline_runs(child, REGULAR, None))
            elif tag in _HEADINGS:
                add(_inline_runs(child, BOLD, None))
            elif tag == "pre":
                lines = child.text_content().strip("\n").split("\n")
                add([run for line in lines for run in (Run(line), Run("\n"))][:-1])
            elif tag != "hr":
                _collect(child, style, out, depth, bullet)
                bullet = None
        elif tag:
            loose += _inline(child, REGULAR, None)
            continue
        loose += _text_runs(child.tail, REGULAR, None)
    add(loose)


def _inline_runs(node: Any, face: int, link: str | None) -> list[Run]:
    runs = _text_runs(node.text, face, link)
    for child in node:
        runs += _inline(child, face, link)
    return runs


def _inline(node: Any, face: int, link: str | None) -> list[Run]:
    """Runs of an inline HTML element, then of its tail (in the surrounding face)."""
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in ("strong", "b"):
        runs = _inline_runs(node, face | BOLD, link)
    elif tag in ("em", "i"):
        runs = _inline_runs(node, face | ITALIC, link)
    elif tag == "a" and node.get("href"):
        runs = [replace(run, color=ACCENT) for run in _inline_runs(node, face, node.get("href"))]
    elif tag == "br":
        runs = [Run("\n")]
    elif tag == "img":
        runs = _text_runs(node.get("alt", ""), face, link)
    else:
        runs = _text_runs(node.text_content(), face, link)
    return runs + _text_runs(node.tail, face, link)


def _text_runs(text: str | None, face: int, link: str | None) -> list[Run]:
    """A run of HTML text; the soft line breaks of the Markdown source become spaces."""
    return [Run(text.replace("\n", " "), face, link)] if text else []


def _trimmed(runs: list[Run]) -> list[Run]:
    """Runs without white space at either end of the block."""
    while runs and runs[0].text != "\n" and not runs[0].text.strip():
        runs = runs[1:]
    while runs and not runs[-1].text.strip():
        runs = runs[:-1]
    if runs:
        runs[0] = replace(runs[0], text=runs[0].text.lstrip())
        runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
    return runs
