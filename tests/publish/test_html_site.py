"""The static website: accessible German pages, a page per rule and per diff, no broken links."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from leitplanke.publish.formats import FORMATS
from leitplanke.publish.html_site import (
    SiteLinks,
    render_diff_html,
    render_html,
    render_index,
    render_rule_page,
)
from leitplanke.publish.publication import Publication
from leitplanke.publish.renderers import render_all
from leitplanke.publish.selection import IndexFilter
from leitplanke.rulebook.diff import diff_rulebooks
from leitplanke.rulebook.versions import RulebookHistory, load_history
from leitplanke.rulebook.vocabulary import Aspect, Audience, Level
from tests.html_pages import element_ids, is_relative, links, page_problems, resolve

MINI = Path(__file__).parents[1] / "data" / "rulebooks" / "mini"
BASE_URL = "https://regeln.example/mini/"
STATIC = Path(__file__).parents[2] / "src" / "leitplanke" / "publish" / "static"


def three_versions() -> RulebookHistory:
    """The mini rulebook's two versions plus a third that drops one rule and rewords another."""
    history = load_history(MINI)
    current = history.current
    kept = current.rule("MA-DS-01").model_copy(
        update={"title": "Keine Daten Dritter posten", "level": Level.MUSS, "see_also": []}
    )
    newer = current.model_copy(
        update={
            "meta": current.meta.model_copy(update={"version": "1.1.0"}),
            "rules": (kept,),
        }
    )
    return RulebookHistory((*history.versions, newer))


@pytest.fixture(scope="module")
def mini() -> Publication:
    return Publication(load_history(MINI), BASE_URL)


@pytest.fixture(scope="module")
def three() -> Publication:
    return Publication(three_versions(), BASE_URL)


@pytest.fixture(scope="module")
def mini_site(mini) -> dict[str, bytes]:
    return {artifact.path: artifact.content for artifact in render_all(mini)}


@pytest.fixture(scope="module")
def mini_pages(mini) -> dict[str, str]:
    return {
        artifact.path: artifact.content.decode()
        for artifact in render_html(mini)
        if artifact.path.endswith(".html")
    }


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def text_of(html: str) -> str:
    return " ".join(tree(html).text_content().split())


def test_every_page_is_well_formed_accessible_german_html(mini_pages):
    problems = {path: page_problems(html) for path, html in mini_pages.items()}
    assert {path: found for path, found in problems.items() if found} == {}


def test_bundled_rulebook_pages_are_well_formed_accessible_german_html(publication):
    pages = [a for a in render_html(publication) if a.path.endswith(".html")]
    problems = {a.path: page_problems(a.content.decode()) for a in pages}
    assert {path: found for path, found in problems.items() if found} == {}


def broken_links(site: dict[str, bytes]) -> list[str]:
    """Relative links of the site's pages that lead to no file or to no anchor in it."""
    broken = []
    for path, content in site.items():
        if not path.endswith(".html"):
            continue
        for link in links(content.decode()):
            if not is_relative(link):
                continue
            target = urlsplit(resolve(f"http://site.invalid/{path}", link))
            target_path = target.path.removeprefix("/")
            if target_path not in site:
                broken.append(f"{path}: {link}")
            elif target.fragment and target.fragment not in element_ids(site[target_path].decode()):
                broken.append(f"{path}: {link} (no such anchor)")
    return broken


def test_no_relative_link_of_the_site_is_broken(mini_site):
    assert broken_links(mini_site) == []


@pytest.mark.slow
def test_no_relative_link_of_the_bundled_rulebooks_site_is_broken(publication):
    site = {artifact.path: artifact.content for artifact in render_all(publication)}
    assert len([path for path in site if path.startswith("rules/")]) == len(
        publication.rulebook.rules
    )
    assert broken_links(site) == []


def test_every_rule_has_a_page_with_id_title_level_and_text(mini, mini_pages):
    for rule in mini.document.rules:
        page = mini_pages[f"rules/{rule.id}.html"]
        heading = " ".join(tree(page).find(".//h1").text_content().split())
        assert heading == f"{rule.id} {rule.title}"
        assert f"{rule.level} ({rule.level_keyword})" in text_of(page)
        assert rule.status_label in text_of(page)


def test_rule_page_shows_bases_examples_groups_see_also_and_machine_readable_links(mini_pages):
    page = mini_pages["rules/MA-DS-01.html"]
    text = text_of(page)
    hrefs = links(page)
    assert "Art. 6 Abs. 1 DSGVO" in text
    assert "https://eur-lex.europa.eu/eli/reg/2016/679/oj" in hrefs
    assert "Schlechtes Beispiel" in text
    assert "Erika Mustermann" in text
    assert "alle Beschäftigten" in text
    assert "../rules/INST-SP-01.html" in hrefs
    assert f"{BASE_URL}rules/MA-DS-01" in hrefs
    assert f"{BASE_URL}api/v1/rules/MA-DS-01" in hrefs
    assert f"{BASE_URL}api/v1/rules/MA-DS-01?format=jsonld" in hrefs


def test_index_lists_every_format_for_download_with_a_relative_link(mini_pages):
    downloads = tree(mini_pages["index.html"]).get_element_by_id("downloads")
    hrefs = [a.get("href") for a in downloads.iter("a")]
    assert hrefs == [info.file for info in FORMATS]


def test_index_shows_metadata_of_the_rulebook(mini, mini_pages):
    text = text_of(mini_pages["index.html"])
    document = mini.document
    for expected in (
        document.title,
        document.version,
        document.issuer.name,
        document.licence.title,
        "10. Januar 2026",
        "1. Februar 2026",
    ):
        assert expected in text


def test_index_groups_rules_by_audience_then_aspect_with_a_table_of_contents(mini_pages):
    page = tree(mini_pages["index.html"])
    toc = [a.get("href") for a in page.find_class("toc")[0].iter("a")]
    assert toc == [
        "#institution",
        "#institution-social_plugins",
        "#employee",
        "#employee-data_protection",
    ]
    section = page.get_element_by_id("employee-data_protection")
    assert [article.get("id") for article in section.iter("article")] == ["MA-DS-01"]


def test_index_filtered_by_audience_shows_only_that_audiences_rules(mini):
    page = tree(
        render_index(mini, chosen=IndexFilter(audience=Audience.EMPLOYEE, level=Level.SOLL))
    )
    assert [article.get("id") for article in page.iter("article")] == ["MA-DS-01"]
    assert page.get_element_by_id("filter-audience").value == "employee"
    assert page.get_element_by_id("filter-level").value == "soll"
    assert "1 von 2 Regeln" in page.get_element_by_id("treffer").text_content()


def test_index_filter_without_matches_says_so(mini):
    page = render_index(
        mini, chosen=IndexFilter(aspect=Aspect.SOCIAL_PLUGINS, audience=Audience.EMPLOYEE)
    )
    assert "Keine Regel entspricht dem Filter." in text_of(page)
    assert page_problems(page) == []


def test_filter_form_is_a_get_form_with_labelled_selects(mini_pages):
    form = tree(mini_pages["index.html"]).find(".//form")
    assert form.get("method") == "get"
    assert [select.get("name") for select in form.iter("select")] == ["audience", "aspect", "level"]


def test_versions_page_lists_each_version_with_dates_and_a_link_to_its_changes(three):
    pages = {a.path: a.content.decode() for a in render_html(three)}
    page = pages["versions.html"]
    assert "changes/0.9.0..1.0.0.html" in links(page)
    assert "changes/1.0.0..1.1.0.html" in links(page)
    rows = tree(page).findall(".//tbody/tr")
    assert [row.find("th").text_content().split()[0] for row in rows] == [
        "1.1.0",
        "1.0.0",
        "0.9.0",
    ]
    assert "Erstfassung" in rows[-1].text_content()


def test_each_pair_of_consecutive_versions_has_a_changes_page(three):
    paths = {a.path for a in render_html(three)}
    assert {p for p in paths if p.startswith("changes/")} == {
        "changes/0.9.0..1.0.0.html",
        "changes/1.0.0..1.1.0.html",
    }


def test_changes_page_shows_removed_and_changed_rules_with_a_redline(three):
    pages = {a.path: a.content.decode() for a in render_html(three)}
    page = pages["changes/1.0.0..1.1.0.html"]
    assert page_problems(page) == []
    removed = tree(page).get_element_by_id("entfernt").getparent()
    assert "INST-SP-01" in removed.text_content()
    assert not removed.findall(".//a"), "a removed rule has no page to link to"
    assert "../rules/MA-DS-01.html" in links(page)
    assert re.search(r"<del><span class=\"visually-hidden\">gelöscht: </span>soll", page)
    assert re.search(r"<ins><span class=\"visually-hidden\">eingefügt: </span>muss", page)


def test_deleted_and_inserted_words_are_announced_to_screen_readers(mini):
    history = mini.history
    page = tree(render_diff_html(mini, diff_rulebooks(history.versions[0], history.current)))
    for mark, announcement in (("del", "gelöscht: "), ("ins", "eingefügt: ")):
        marks = list(page.iter(mark))
        assert marks
        for element in marks:
            hidden = element.find("span")
            assert hidden is not None and hidden.get("class") == "visually-hidden"
            assert hidden.text == announcement


def test_diff_page_on_its_own_links_absolutely_to_the_published_site(mini):
    history = mini.history
    page = render_diff_html(mini, diff_rulebooks(history.versions[0], history.current))
    assert f"{BASE_URL}assets/leitplanke.css" in links(page)
    assert f"{BASE_URL}rules/MA-DS-01.html" in links(page)
    assert [link for link in links(page) if is_relative(link) and not link.startswith("#")] == []


def test_markup_in_rule_content_is_escaped_and_headings_stay_below_the_page_heading(mini):
    rule = mini.rulebook.rule("MA-DS-01").model_copy(
        update={
            "title": "Kein <script>alert(1)</script> & Co",
            "text": "# Überschrift im Regeltext\n\nText mit <b>HTML</b> darin.",
        }
    )
    rulebook = mini.rulebook.model_copy(update={"rules": (rule,)})
    publication = Publication(RulebookHistory((rulebook,)), BASE_URL)
    for page in (render_rule_page(publication, "MA-DS-01"), render_index(publication)):
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
        assert "&lt;b&gt;HTML&lt;/b&gt;" in page
        assert page_problems(page) == []


def test_version_links_point_at_the_versions_rules_in_the_web_app(mini):
    page = render_index(mini, links=SiteLinks(root="../", version="1.0.0"), superseded_by="2.0.0")
    assert "../versions/1.0.0/rules/MA-DS-01" in links(page)
    assert "../versions/1.0.0?format=turtle" in links(page)
    assert tree(page).find(".//form") is None
    assert "aktuelle Fassung 2.0.0" in text_of(page)


def test_pages_need_no_script_and_load_the_script_only_where_it_filters(mini_pages):
    scripts = {path: links(html) for path, html in mini_pages.items()}
    assert "assets/leitplanke.js" in scripts["index.html"]
    assert not any("leitplanke.js" in link for link in scripts["rules/MA-DS-01.html"])


def test_script_filters_by_the_same_fields_as_the_form(mini_pages):
    script = (STATIC / "leitplanke.js").read_text()
    names = re.search(r"var names = \[(.*?)\];", script).group(1)
    form = tree(mini_pages["index.html"]).find(".//form")
    assert [n.strip(' "') for n in names.split(",")] == [s.get("name") for s in form.iter("select")]


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


COLOUR_PAIRS = [
    ("text", "background"),
    ("muted", "background"),
    ("muted", "surface"),
    ("link", "background"),
    ("link", "surface"),
    ("link-visited", "background"),
    ("header-text", "header-background"),
    ("badge-text", "muss-background"),
    ("badge-text", "soll-background"),
    ("badge-text", "kann-background"),
    ("status-text", "status-background"),
    ("del-text", "del-background"),
    ("ins-text", "ins-background"),
    ("notice-text", "notice-background"),
    ("text", "focus-halo"),
    ("text", "surface"),
]


@pytest.mark.parametrize(("foreground", "background"), COLOUR_PAIRS)
def test_colour_pairs_of_the_stylesheet_have_a_contrast_of_at_least_4_5_to_1(
    foreground, background
):
    css = (STATIC / "leitplanke.css").read_text()
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6});", css))
    assert contrast(colours[foreground], colours[background]) >= 4.5
