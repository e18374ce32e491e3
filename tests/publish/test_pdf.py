"""The PDF publication: typeset pages with contents, bookmarks, metadata and every rule."""

import io
import logging
import time
from pathlib import Path

import pypdf
import pytest
from reportlab import rl_config

from leitplanke.publish import pdf
from leitplanke.publish.pdf import (
    FILE,
    MEDIA_TYPE,
    PLACEHOLDER,
    STANDARD_FONT,
    register_font_family,
    render_pdf,
)
from leitplanke.publish.publication import Publication
from leitplanke.rulebook.vocabulary import AUDIENCE_LABEL, Audience


def pdf_bytes(publication: Publication) -> bytes:
    (artifact,) = render_pdf(publication)
    assert (artifact.path, artifact.media_type) == (FILE, MEDIA_TYPE)
    return artifact.content


def read(publication: Publication) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf_bytes(publication)))


def words(text: str) -> str:
    return " ".join(text.split())


def all_text(reader: pypdf.PdfReader) -> str:
    return words(" ".join(page.extract_text() for page in reader.pages))


def outline_entries(outline: list) -> list:
    entries: list = []
    for entry in outline:
        entries += outline_entries(entry) if isinstance(entry, list) else [entry]
    return entries


def link_targets(reader: pypdf.PdfReader) -> tuple[set[str], int]:
    """The URIs that links open, and how many links go to a place in the document."""
    uris, internal = set(), 0
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if "/A" in annotation:
                uris.add(annotation["/A"]["/URI"])
            else:
                internal += 1
    return uris, internal


def one_rule_publication(publication: Publication, **changes: object) -> Publication:
    rule = publication.rulebook.rules[0].model_copy(update=changes)
    return publication.restricted_to((rule,))


@pytest.fixture(scope="module")
def reader(publication) -> pypdf.PdfReader:
    return read(publication)


@pytest.fixture(scope="module")
def page_texts(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def test_document_has_a_title_page_contents_and_rules(reader, page_texts, publication):
    document = publication.document
    assert len(reader.pages) > 2
    title_page = words(page_texts[0])
    for text in (document.title, document.issuer.name, document.licence.title, document.uri):
        assert words(text) in title_page
    assert f"Version {document.version} Beschlossen am {document.adopted.day}." in title_page
    assert "Inhalt" in page_texts[1]


def test_outline_holds_every_audience_aspect_and_rule(reader, publication):
    titles = [entry.title for entry in outline_entries(reader.outline)]
    for rule in publication.document.rules:
        assert rule.audience_label in titles
        assert rule.aspect_label in titles
        assert f"{rule.id} {rule.title}" in titles


def test_outline_nests_rules_in_aspects_in_audiences_in_vocabulary_order(reader, publication):
    present = {rule.audience for rule in publication.document.rules}
    labels = [AUDIENCE_LABEL[audience] for audience in Audience if audience in present]
    assert [entry.title for entry in reader.outline if not isinstance(entry, list)] == [
        "Inhalt",
        *labels,
    ]
    aspects = reader.outline[2]
    assert isinstance(aspects, list)
    assert isinstance(aspects[1], list)


def test_text_holds_every_rule_id_title_and_legal_basis(page_texts, publication):
    body = words(" ".join(page_texts))
    for rule in publication.document.rules:
        assert f"{rule.id} {words(rule.title)}" in body
        for basis in rule.legal_bases:
            assert words(basis.law_title) in body


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


def test_contents_entries_link_to_their_headings(reader, publication):
    _, internal = link_targets(reader)
    document = publication.document
    headings = len(document.rules) + len({(r.audience, r.aspect) for r in document.rules}) + 2
    assert internal >= headings


def test_legal_bases_link_to_the_law(reader, publication):
    uris, _ = link_targets(reader)
    for rule in publication.document.rules:
        assert {basis.url for basis in rule.legal_bases if basis.url} <= uris


def test_metadata_names_title_author_subject_keywords_and_language(reader, publication):
    document = publication.document
    assert reader.metadata.title == document.title
    assert reader.metadata.author == document.issuer.name
    assert reader.metadata.subject == document.description
    assert reader.metadata.creator == "Leitplanke"
    assert reader.metadata["/Keywords"] == ", ".join(document.keywords)
    assert reader.trailer["/Root"]["/Lang"] == document.language


def test_footer_counts_the_pages(reader, page_texts):
    total = len(reader.pages)
    assert "Seite" not in page_texts[0]
    for number in (2, total):
        assert f"Seite {number} von {total}" in words(page_texts[number - 1])


def test_text_is_set_in_dejavu_sans(reader):
    fonts = {
        font["/BaseFont"].split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold"}


def test_german_typography_is_kept(publication):
    text = "„Zitat“ – nach § 5 Abs. 2: Größe, Übermaß, Äußerung, öffentlich."
    assert text in all_text(read(one_rule_publication(publication, text=text)))


def test_markdown_lists_bold_italics_and_links_are_set(publication):
    text = (
        "Die Behörde **muss** *sorgfältig* [prüfen](https://example.org/pruefen):\n\n"
        "- erstens,\n- zweitens.\n\n3. drei\n4. vier\n\n- außen\n  - innen"
    )
    reader = read(one_rule_publication(publication, text=text))
    body = all_text(reader)
    assert "Die Behörde muss sorgfältig prüfen:" in body
    assert "• erstens, • zweitens." in body
    assert "3. drei 4. vier" in body
    assert "• außen • innen" in body
    assert "https://example.org/pruefen" in link_targets(reader)[0]
    fonts = {
        font["/BaseFont"] for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert any(name.endswith("-Bold") for name in fonts)
    assert any(name.endswith("-Oblique") for name in fonts)


def test_markup_in_texts_is_set_as_text(publication):
    text = 'Zeichen wie <b>, </para>, & und "Anführung" bleiben <i>Text</i>; &amp; ist ein &.'
    reader = read(one_rule_publication(publication, text=text, rationale="a < b > c & d"))
    body = all_text(reader)
    assert 'Zeichen wie <b>, </para>, & und "Anführung" bleiben <i>Text</i>; & ist ein &.' in body
    assert "a < b > c & d" in body


def test_links_to_anchors_in_the_markdown_are_set_as_text(publication):
    text = "Siehe [oben](#oben) und [dort](#dort)."
    assert "Siehe oben und dort." in all_text(read(one_rule_publication(publication, text=text)))


def test_characters_outside_the_font_become_a_placeholder(publication, caplog):
    # 😀 is in DejaVu Sans, but above U+FFFF, where ReportLab's text map (ToUnicode) breaks
    text = "Daumen 👍 hoch, Lächeln 😀, Katze 猫 und Glocke \x07 – fertig."
    with caplog.at_level(logging.WARNING):
        reader = read(one_rule_publication(publication, text=text, title="Emoji 🎉 im Titel"))
        body = all_text(reader)
    mark = PLACEHOLDER
    assert f"Daumen {mark} hoch, Lächeln {mark}, Katze {mark} und Glocke {mark} – fertig." in body
    assert f"Emoji {mark} im Titel" in body
    assert not caplog.records


def test_see_also_links_to_rules_in_the_document_or_to_their_uri(publication):
    first, second = publication.rulebook.rules[:2]
    linked = first.model_copy(update={"see_also": [second.id, "XX-YY-99"]})
    reader = read(publication.restricted_to((linked, second)))
    assert f"Siehe auch: {second.id}, XX-YY-99" in all_text(reader)
    uris, internal = link_targets(reader)
    assert publication.rule_uri("XX-YY-99") in uris
    contents_entries = len(outline_entries(reader.outline)) - 1  # all headings but "Inhalt"
    assert internal == contents_entries + 1


def test_a_long_rule_runs_over_several_pages(publication):
    text = (
        "Ein langer Absatz mit **fetten** Worten und https://example.org/" + "x" * 300 + " "
    ) * 60
    reader = read(one_rule_publication(publication, text=text))
    assert len(reader.pages) > 4
    assert "x" * 60 in "".join(page.extract_text() for page in reader.pages)


def test_a_view_without_rules_has_a_title_page_and_contents(publication):
    assert len(read(publication.restricted_to(())).pages) == 2


def test_rendering_leaves_reportlab_settings_as_they_were(publication):
    before = rl_config.useA85
    pdf_bytes(publication.restricted_to(()))
    assert rl_config.useA85 == before


def test_rendering_twice_gives_the_same_bytes(publication):
    again = Publication(publication.history, publication.base_url)
    assert pdf_bytes(publication) == pdf_bytes(again)


def test_standard_fonts_serve_when_no_truetype_family_is_found(publication, monkeypatch):
    missing = Path("/nonexistent/font.ttf")
    assert register_font_family({"Missing": [missing] * 4}) == STANDARD_FONT
    monkeypatch.setattr(pdf, "document_font", lambda: STANDARD_FONT)
    reader = read(one_rule_publication(publication, text="Größe „Zitat“ – § 5 👍."))
    assert "Größe „Zitat“ – § 5" in all_text(reader)
    fonts = {
        font["/BaseFont"] for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert "/Helvetica" in fonts


@pytest.mark.slow
def test_a_thousand_rules_are_typeset_in_seconds(large_publication):
    _ = large_publication.document
    started = time.process_time()
    content = pdf_bytes(large_publication)
    elapsed = time.process_time() - started
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages) > 400
    assert len(outline_entries(reader.outline)) > 1000
    assert elapsed < 6.0, f"{elapsed:.2f} s"
