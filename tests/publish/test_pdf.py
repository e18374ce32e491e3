"""The PDF publication: typeset pages with contents, bookmarks, metadata and every rule."""

import io
import time
from pathlib import Path

import pypdf
import pytest

from leitplanke.publish import pdf
from leitplanke.publish.pdf import (
    BOLD,
    FILE,
    MEDIA_TYPE,
    STANDARD_FONTS,
    Run,
    TextStyle,
    register_fonts,
    render_pdf,
    set_lines,
)
from leitplanke.publish.publication import Publication


def pdf_bytes(publication: Publication) -> bytes:
    (artifact,) = render_pdf(publication)
    assert (artifact.path, artifact.media_type) == (FILE, MEDIA_TYPE)
    return artifact.content


def words(text: str) -> str:
    return " ".join(text.split())


def outline_titles(outline: list) -> list[str]:
    titles: list[str] = []
    for entry in outline:
        titles += outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return titles


def outline_entries(outline: list) -> list:
    entries: list = []
    for entry in outline:
        entries += outline_entries(entry) if isinstance(entry, list) else [entry]
    return entries


@pytest.fixture(scope="module")
def reader(publication) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf_bytes(publication)))


@pytest.fixture(scope="module")
def page_texts(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def one_rule_publication(publication: Publication, **changes: object) -> Publication:
    rule = publication.rulebook.rules[0].model_copy(update=changes)
    return publication.restricted_to((rule,))


def test_document_has_a_title_page_contents_and_rules(reader, page_texts, publication):
    assert len(reader.pages) > 2
    assert words(publication.document.title) in words(page_texts[0])
    assert "Inhalt" in page_texts[1]


def test_outline_holds_every_audience_aspect_and_rule(reader, publication):
    titles = outline_titles(reader.outline)
    for rule in publication.document.rules:
        assert rule.audience_label in titles
        assert rule.aspect_label in titles
        assert f"{rule.id} {rule.title}" in titles


def test_text_holds_every_rule_id_and_title(page_texts, publication):
    body = words(" ".join(page_texts))
    for rule in publication.document.rules:
        assert f"{rule.id} {words(rule.title)}" in body


def test_bookmarks_and_contents_point_to_the_page_of_each_rule(reader, page_texts, publication):
    rules = {f"{rule.id} {rule.title}": rule for rule in publication.document.rules}
    entries = outline_entries(reader.outline)
    bookmarked = {
        entry.title: reader.get_destination_page_number(entry)
        for entry in entries
        if entry.title in rules
    }
    assert bookmarked.keys() == rules.keys()
    body_starts = reader.get_destination_page_number(entries[1])
    listed = contents_pages(page_texts[1:body_starts], {rule.id for rule in rules.values()})
    for title, index in bookmarked.items():
        rule = rules[title]
        assert rule.id in page_texts[index]
        assert listed[rule.id] == index + 1


def contents_pages(page_texts: list[str], rule_ids: set[str]) -> dict[str, int]:
    """Rule ID -> page number, as the table of contents lists them."""
    found: dict[str, int] = {}
    current = None
    for line in "\n".join(page_texts).split("\n"):
        first = line.strip().split(" ")[0]
        if first in rule_ids:
            current = first
        elif first.isdigit() and current:
            found[current] = int(first)
            current = None
    return found


def test_metadata_names_title_author_subject_and_language(reader, publication):
    document = publication.document
    assert reader.metadata.title == document.title
    assert reader.metadata.author == document.issuer.name
    assert reader.metadata.subject == document.description
    assert reader.trailer["/Root"]["/Lang"] == document.language


def test_footer_counts_the_pages(reader, page_texts):
    total = len(reader.pages)
    assert "Seite" not in page_texts[0]
    for number in (2, total):
        assert f"Seite {number} von {total}" in words(page_texts[number - 1])


def test_german_typography_is_kept(publication):
    text = "„Zitat“ – nach § 5 Abs. 2: Größe, Übermaß, Äußerung, öffentlich."
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(one_rule_publication(publication, text=text))))
    assert text in words(" ".join(page.extract_text() for page in reader.pages))


def test_markdown_lists_and_bold_are_set(publication):
    text = "Die Behörde **muss** prüfen:\n\n- erstens,\n- zweitens.\n\n1. eins\n2. zwei"
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(one_rule_publication(publication, text=text))))
    body = words(" ".join(page.extract_text() for page in reader.pages))
    assert "Die Behörde muss prüfen:" in body
    assert "• erstens, • zweitens." in body
    assert "1. eins 2. zwei" in body
    fonts = {
        font["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
        if "/BaseFont" in font.get_object()
    }
    assert any("Bold" in name for name in fonts)


def test_a_long_rule_runs_over_several_pages(publication):
    text = (
        "Ein langer Absatz mit **fetten** Worten und https://example.org/" + "x" * 300 + " "
    ) * 60
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(one_rule_publication(publication, text=text))))
    assert len(reader.pages) > 4
    assert "x" * 60 in "".join(page.extract_text() for page in reader.pages)


def test_a_view_without_rules_has_a_title_page_and_contents(publication):
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(publication.restricted_to(()))))
    assert len(reader.pages) == 2


def test_rendering_twice_gives_the_same_bytes(publication):
    again = Publication(publication.history, publication.base_url)
    assert pdf_bytes(publication) == pdf_bytes(again)


STYLE = TextStyle(size=10, leading=12)

LINES = [
    pytest.param([Run("eins zwei drei")], 1000, ["eins zwei drei"], id="fits on one line"),
    pytest.param([Run("eins zwei drei")], 60, ["eins zwei", "drei"], id="breaks at a space"),
    pytest.param([Run("eins"), Run("\n"), Run("zwei")], 1000, ["eins", "zwei"], id="hard break"),
    pytest.param(
        [Run("Wort"), Run("fett", BOLD), Run(" frei")], 45, ["Wortfett", "frei"], id="glued runs"
    ),
    pytest.param([Run("x" * 40)], 100, ["x" * 20, "x" * 20], id="overlong word"),
]


@pytest.mark.parametrize(("runs", "width", "want"), LINES)
def test_lines_break_at_spaces_within_the_width(runs, width, want):
    lines = set_lines(runs, STYLE, STANDARD_FONTS, width)
    assert ["".join(segment.text for segment in line) for line in lines] == want
    for line in lines:
        assert sum(segment.width for segment in line) <= width or len(line) == 1


def test_standard_fonts_serve_when_no_truetype_family_is_found(publication, monkeypatch):
    missing = Path("/nonexistent/font.ttf")
    assert register_fonts([("Missing", (missing, missing, missing, missing))]) == STANDARD_FONTS
    monkeypatch.setattr(pdf, "_fonts", lambda: STANDARD_FONTS)
    content = pdf_bytes(one_rule_publication(publication, text="Größe „Zitat“ – § 5."))
    text = words(
        " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    )
    assert "Größe „Zitat“ – § 5." in text


@pytest.mark.slow
def test_a_thousand_rules_are_typeset_in_seconds(large_publication):
    _ = large_publication.document
    started = time.process_time()
    content = pdf_bytes(large_publication)
    elapsed = time.process_time() - started
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages) > 400
    assert len(outline_titles(reader.outline)) > 1000
    assert elapsed < 3.0, f"{elapsed:.2f} s"
