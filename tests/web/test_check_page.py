"""The page "Entwurf prüfen": an accessible form; the draft comes back with its findings marked."""

import re

import html5rdf
import lxml.html
import pytest

from leitplanke.publish.html_site import render_html
from leitplanke.publish.publication import Publication
from leitplanke.rulebook.versions import load_history
from leitplanke.web import create_app
from leitplanke.web.check_view import marked_text
from tests.checks.check_rulebook import CHECKS, finding
from tests.html_pages import element_ids, links, page_problems, resolve
from tests.publish.test_html_site import STATIC, contrast
from tests.web.check_app import check_client
from tests.web.conftest import BASE_URL, BROWSER, MINI, TestClient

PAGE = f"{BASE_URL}pruefen"


@pytest.fixture
def client():
    return check_client()


def submit(client, text: str, platform: str = "", **fields: str):
    return client.post("/pruefen", data={"text": text, "platform": platform, **fields})


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def test_the_form_is_accessible_and_posts_without_javascript(client):
    response = client.get("/pruefen")
    assert response.status_code == 200
    assert page_problems(response.text) == []
    page = tree(response.text)
    (form,) = page.xpath("//form[@class='check-form']")
    assert (form.get("method"), form.get("action")) == ("post", "pruefen")
    assert page.xpath("//label[@for='entwurf-text']/text()") == ["Text des Entwurfs"]
    assert page.xpath("//label[@for='entwurf-platform']/text()") == ["Plattform"]
    assert page.xpath("//select[@name='platform']/option/@value")[:3] == ["", "mastodon", "bluesky"]
    assert not page.xpath("//script")


def test_the_form_asks_who_posts_the_draft_in_a_labelled_radio_group(client):
    page = tree(client.get("/pruefen").text)
    (group,) = page.xpath("//form[@class='check-form']//fieldset")
    assert group.findtext("legend") == "Wer veröffentlicht den Beitrag?"
    radios = group.xpath(".//input[@type='radio']")
    assert [(radio.get("name"), radio.get("value")) for radio in radios] == [
        ("audience", "institution"),
        ("audience", "employee"),
    ]
    assert [radio.get("value") for radio in radios if radio.get("checked") is not None] == [
        "institution"
    ]
    for radio in radios:
        (label,) = page.xpath(f"//label[@for='{radio.get('id')}']")
        assert label.text
        (hint,) = page.xpath(f"//*[@id='{radio.get('aria-describedby')}']")
        assert hint.text_content().startswith("Es gelten die Regeln für ")


# (audience sent, radio checked on the answer, findings' rule IDs, the rules named)
AUDIENCES = [
    ({}, "institution", ["INST-SP-01"], "Regeln für Institutionen"),
    ({"audience": "institution"}, "institution", ["INST-SP-01"], "Regeln für Institutionen"),
    (
        {"audience": "employee"},
        "employee",
        ["MA-DS-01"],
        "Regeln für Mitarbeiterinnen und Mitarbeiter",
    ),
]


@pytest.mark.parametrize(
    ("sent", "checked", "rule_ids", "rules"), AUDIENCES, ids=["unset", "institution", "employee"]
)
def test_the_draft_is_checked_by_the_rules_of_the_chosen_audience(
    client, sent, checked, rule_ids, rules
):
    response = submit(client, "Der Teilen-Button\nim Rosenweg 12", **sent)
    assert response.status_code == 200
    assert page_problems(response.text) == []
    page = tree(response.text)
    items = page.xpath("//ol[@class='findings']/li//span[@class='rule-id']/text()")
    assert items == rule_ids
    assert page.xpath("//input[@name='audience'][@checked]/@value") == [checked]
    assert (
        f"Geprüft nach den {rules}."
        in page.xpath("//section[@class='check-result']")[0].text_content()
    )


def test_a_checked_draft_is_shown_with_marked_spans_linked_to_the_findings(client):
    response = submit(client, "Unser Like-Button\r\nim Like-Button", "mastodon")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert page_problems(response.text) == []
    page = tree(response.text)
    assert page.findtext(".//title").startswith("Ergebnis (4 Befunde: 2 Fehler, 0 Warnungen")
    (draft,) = page.xpath("//div[@class='draft-text']")
    assert draft.text_content() == (
        "Unser Like[Befund 1]-Button[Befund 2]\nim Like[Befund 3]-Button[Befund 4]"
    )
    assert [mark.text for mark in draft.iter("mark")] == ["Like", "-Button", "Like", "-Button"]
    ids = element_ids(response.text)
    for number in (1, 2, 3, 4):
        assert draft.xpath(f".//a[@href='#befund-{number}']/@id") == [f"stelle-{number}"]
        assert f"befund-{number}" in ids
        assert page.xpath(f"//li[@id='befund-{number}']//a[@href='#stelle-{number}']")
    items = page.xpath("//ol[@class='findings']/li")
    assert [item.findtext(".//h4/span") for item in items] == [
        "Hinweis",
        "Fehler",
        "Hinweis",
        "Fehler",
    ]
    button = items[1].text_content()
    assert "INST-SP-01 Social Plugins nur mit Zwei-Klick-Lösung" in button
    assert "Zeile 1, Zeichen 7 bis 17: „Like-Button“" in button
    assert "Zwei-Klick-Lösung einbinden" in button
    assert "§ 25 Abs. 1 TDDDG" in button
    assert "Zeile 2, Zeichen 4 bis 14" in items[3].text_content()
    # As a browser parses it (the newline right after <textarea> is dropped, keeping a leading one).
    browser_view = html5rdf.parse(response.text, namespaceHTMLElements=False)
    assert browser_view.find(".//textarea").text == "Unser Like-Button\nim Like-Button"
    assert page.xpath("//option[@selected]/@value") == ["mastodon"]


def test_every_link_of_the_result_page_leads_somewhere(client):
    response = submit(client, "Like-Button")
    for link in links(response.text):
        if link.startswith("#"):
            assert link[1:] in element_ids(response.text), link
        elif not link.startswith(("http", "mailto:")):
            assert client.get(resolve(PAGE, link)).status_code == 200, link


def test_overlapping_spans_share_a_double_marked_part():
    spans = [finding(0, 4), finding(0, 11), finding(5, 11)]
    html = str(marked_text("Like-Button", spans))
    assert re.sub(r"<sup.*?</sup>", "[ref]", html) == (
        '<mark class="overlap">Like</mark>[ref]<mark>-</mark>'
        '<mark class="overlap">Button</mark>[ref][ref]'
    )
    assert html.index('href="#befund-2"') < html.index('href="#befund-3"')


def test_draft_text_is_escaped(client):
    response = submit(client, "<script>alert(1)</script> Like")
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Like</mark>" in response.text


def test_a_clean_draft_says_nothing_was_found(client):
    response = submit(client, "Heute ist das Bürgeramt geöffnet.")
    assert "Keine Befunde" in response.text
    assert "draft-text" not in response.text


@pytest.mark.parametrize(
    ("text", "platform", "field", "message"),
    [
        ("   ", "", "text", "Bitte geben Sie den Text des Entwurfs ein."),
        ("x" * 100_001, "", "text", "Der Text ist zu lang: 100.001 Zeichen"),
        ("Hallo", "tiktok", "platform", "Bitte wählen Sie eine Plattform aus der Liste."),
    ],
    ids=["empty", "too long", "unknown platform"],
)
def test_form_errors_are_named_linked_and_tied_to_their_field(
    client, text, platform, field, message
):
    response = submit(client, text, platform)
    assert response.status_code == 422
    assert page_problems(response.text) == []
    page = tree(response.text)
    assert page.findtext(".//title").startswith("Fehler:")
    summary = page.xpath("//div[@class='error-summary']//a")
    assert summary[0].get("href") == f"#entwurf-{field}"
    assert summary[0].text.startswith(message)
    control = page.get_element_by_id(f"entwurf-{field}")
    assert control.get("aria-invalid") == "true"
    assert f"entwurf-{field}-fehler" in control.get("aria-describedby")


def test_an_unknown_audience_is_named_linked_and_tied_to_the_radio_group(client):
    response = submit(client, "Hallo", audience="staff")
    assert response.status_code == 422
    assert page_problems(response.text) == []
    page = tree(response.text)
    (link,) = page.xpath("//div[@class='error-summary']//a")
    assert link.get("href") == "#entwurf-audience"
    assert link.text == "Bitte wählen Sie, wer den Beitrag veröffentlicht."
    (group,) = page.xpath("//fieldset[.//input[@id='entwurf-audience']]")
    assert group.get("aria-describedby") == "entwurf-audience-fehler"
    radios = group.xpath(".//input[@type='radio']")
    assert all(radio.get("aria-invalid") == "true" for radio in radios)
    assert not [radio for radio in radios if radio.get("checked") is not None]


def test_an_oversized_body_is_refused_without_reading_it(client):
    response = client.post(
        "/pruefen",
        content=b"text=" + b"x" * 500_000,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 422
    assert "höchstens 100.000 Zeichen" in response.text


def test_the_web_apps_navigation_links_the_page_and_the_static_site_does_not(client):
    for path in ("/", "/versions.html", "/rules/INST-SP-01.html", "/pruefen"):
        nav = tree(client.get(path).text).xpath("//nav[@class='site-nav']//a")
        assert "Entwurf prüfen" in [a.text for a in nav], path
    history = load_history(CHECKS)
    static = render_html(Publication(history, BASE_URL))
    assert all(b"pruefen" not in artifact.content for artifact in static)


def test_pages_of_older_versions_link_the_page_too():
    mini = TestClient(create_app(MINI, BASE_URL))
    page = mini.get("/versions/0.9.0", headers=BROWSER).text
    assert '<a href="../pruefen">Entwurf prüfen</a>' in page


def test_marks_have_enough_contrast_and_do_not_rely_on_colour():
    css = (STATIC / "leitplanke.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6});", css))
    assert contrast(colours["mark-text"], colours["mark-background"]) >= 4.5
    mark_rule = re.search(r"\nmark \{(.*?)\}", css, re.S)
    assert mark_rule and "text-decoration: underline" in mark_rule.group(1)
