"""The platform comparison: the pages, what-if weights, JSON and CSV, errors, caching, a11y."""

import csv
import hashlib
import io
from collections.abc import Iterator
from urllib.parse import urlencode

import lxml.html
import pytest
from fastapi import FastAPI

from leitplanke.platforms.comparison import (
    CSV_COLUMNS,
    PlatformComparison,
    RankedPlatform,
    compare_platforms,
)
from leitplanke.rulebook.loader import BUNDLED, load_rulebook
from leitplanke.settings import Settings
from leitplanke.web import create_app
from leitplanke.web.platform_view import german_number
from tests.html_pages import element_ids, is_relative, links, page_problems, resolve
from tests.live_server import serve
from tests.web.conftest import BASE_URL, BROWSER, TestClient
from tests.web.test_accessibility import axe_violations, tab_to

# The bundled catalogue: the tests take its criteria, weights and ratings from it, and name
# only the facts they are about (which platform leads under which weights, which is unrated).
CATALOGUE = load_rulebook(BUNDLED).platforms
assert CATALOGUE is not None
CRITERIA = tuple(criterion.id for criterion in CATALOGUE.criteria)
PLATFORM_COUNT = len(CATALOGUE.platforms)
RULEBOOK = compare_platforms(CATALOGUE)
WHATSAPP = RULEBOOK.platform("whatsapp-kanal")
CHECKED = CATALOGUE.platform("mastodon").ratings["betreiber-rechtsraum"].checked
JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
def bundled_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """The app on the bundled rulebook, which has a platform catalogue."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("platforms"))
    application = create_app(BUNDLED, BASE_URL, settings)
    yield application
    application.state.database.dispose()


@pytest.fixture(scope="module")
def bundled(bundled_app: FastAPI) -> TestClient:
    """A test client of that app."""
    return TestClient(bundled_app)


def only(criterion: str, weight: str = "1") -> str:
    """A query that weighs one criterion and no other."""
    weights = {f"gewicht-{c}": weight if c == criterion else "0" for c in CRITERIA}
    return urlencode(weights)


def in_html(query: str) -> str:
    """A query string as it stands in an attribute."""
    return query.replace("&", "&amp;")


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def ranking(html: str) -> list[tuple[str, str]]:
    """(rank, platform) of each row of the ranking table."""
    rows = tree(html).xpath("//section[@aria-labelledby='rangfolge']//tbody/tr")
    return [(row.xpath("string(td[1])"), row.xpath("string(th)")) for row in rows]


# --- the pages -----------------------------------------------------------------------------

PAGES = [
    (
        "/plattformen",
        [
            "<h1>Plattformvergleich</h1>",
            "<caption>Plattformen nach Gesamtwert (0 bis 100), mit den Gewichten des Regelwerks",
            '<h2 id="berechnung">So wird gerechnet</h2>',
            "Gewicht × Stufe ÷ höchste Stufe",
            '<h2 id="gewichte">Gewichte</h2>',
            f'<td class="number">{german_number(RULEBOOK.weights[0].share)} %</td>',
            'href="rules/INST-PA-01.html"><span class="rule-id">INST-PA-01</span>',
            "Stufe 4: Betrieb durch die Behörde selbst",
            f'<time class="checked" datetime="{CHECKED.isoformat()}">{CHECKED:%d.%m.%Y}</time>',
            "<strong>Anmerkung:</strong>",
            "unvollständig: Reichweite in Deutschland, Moderationswerkzeuge nicht bewertbar",
            '<a href="plattformen/mastodon">Mastodon (Fediverse)</a>',
            'href="plattformen?format=json"',
            'href="plattformen?format=csv"',
        ],
    ),
    (
        f"/plattformen?{only('reichweite')}",
        [
            "Diese Rangfolge beruht auf Ihren eigenen Gewichten",
            'href="plattformen#gewichte">Zurück zu den Gewichten des Regelwerks</a>',
            "<caption>Plattformen nach Gesamtwert (0 bis 100), mit Ihren Gewichten",
            '<th scope="col">Ihr Gewicht</th>',
            f'href="plattformen/youtube?{in_html(only("reichweite"))}"',
            f'href="plattformen?format=json&amp;{in_html(only("reichweite"))}"',
        ],
    ),
    (
        "/plattformen/whatsapp-kanal",
        [
            "<h1>WhatsApp-Kanäle</h1>",
            "<dd>WhatsApp Ireland Limited, Dublin (Irland)</dd>",
            f"<dd>{german_number(WHATSAPP.total)} von 100",
            f"<dd>{WHATSAPP.rank} von {PLATFORM_COUNT} im",
            "unvollständig: Reichweite in Deutschland, Moderationswerkzeuge nicht bewertbar",
            "<td>nicht bewertbar</td>",
            "<dt>Anmerkung</dt>",
            '<a href="https://www.whatsapp.com/legal/privacy-policy-eea">',
            "<dt>Geprüft am</dt>",
            'href="../rules/INST-PA-01.html"',
            'href="../plattformen#kriterium-reichweite"',
            'href="../plattformen/whatsapp-kanal?format=json"',
        ],
    ),
    (
        f"/plattformen/youtube?{only('reichweite')}",
        [
            "Rang und Punkte beruhen auf Ihren eigenen Gewichten",
            "<dd>1 von 11 im",
            "<dd>100,0 von 100",
            f'href="../plattformen?{in_html(only("reichweite"))}#rangfolge"',
        ],
    ),
]


@pytest.mark.parametrize(("url", "wanted"), PAGES)
def test_each_page_shows_its_content_and_passes_the_page_checks(bundled, url, wanted):
    response = bundled.get(url, headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert page_problems(response.text) == []
    for snippet in wanted:
        assert snippet in response.text, snippet


def test_the_ranking_lists_every_platform_best_first_and_equal_totals_share_a_rank(bundled):
    rows = ranking(bundled.get("/plattformen").text)
    assert len(rows) == PLATFORM_COUNT
    assert rows[:3] == [
        ("1", "Mastodon (Fediverse)"),
        ("1", "PeerTube (Fediverse)"),
        ("3", "Bluesky"),
    ]
    assert rows == [(str(platform.rank), platform.name) for platform in RULEBOOK.platforms]


def test_every_criterion_has_a_table_of_ratings_with_a_header_per_row_and_column(bundled):
    page = tree(bundled.get("/plattformen").text)
    for criterion in CRITERIA:
        section = page.xpath(f"//section[@aria-labelledby='kriterium-{criterion}']")[0]
        table = section.find(".//table")
        assert table.find("caption").text_content().startswith("Bewertungen: ")
        headers = [th.text_content() for th in table.xpath("thead//th[@scope='col']")]
        assert headers == ["Plattform", "Stufe", "Befund", "Quelle, geprüft am"]
        assert len(table.xpath("tbody/tr/th[@scope='row']")) == PLATFORM_COUNT
        sources = table.xpath("tbody//td[3]/a[@class='source']")
        assert len(sources) == PLATFORM_COUNT
        assert all(a.get("href").startswith("https://") for a in sources)
        dates = table.xpath("tbody//td[3]/time/@datetime")
        assert len(dates) == PLATFORM_COUNT


def test_the_what_if_form_is_a_get_form_with_a_labelled_number_input_per_criterion(bundled):
    page = tree(bundled.get("/plattformen").text)
    form = page.xpath("//form[@class='weights-form']")[0]
    assert form.get("method") == "get"
    assert form.get("action") == "plattformen"
    inputs = form.xpath(".//input")
    assert [i.get("name") for i in inputs] == [f"gewicht-{c}" for c in CRITERIA]
    labelled = set(page.xpath("//label/@for"))
    for field in inputs:
        assert field.get("type") == "number"
        assert (field.get("min"), field.get("max")) == ("0", "10")
        assert field.get("id") in labelled
    assert [i.get("value") for i in inputs] == [str(c.weight) for c in CATALOGUE.criteria]
    assert form.xpath(".//button[@type='submit']")


def test_the_rules_of_each_criterion_link_to_their_pages(bundled):
    html = bundled.get("/plattformen").text
    rule_links = {link for link in links(html) if link.startswith("rules/")}
    assert "rules/INST-PA-02.html" in rule_links
    for link in rule_links:
        assert bundled.get(f"/{link}").status_code == 200, link


@pytest.mark.parametrize("url", ["/plattformen", "/plattformen/mastodon"])
def test_every_link_of_the_pages_within_the_site_answers(bundled, url):
    html = bundled.get(url, headers=BROWSER).text
    ids = element_ids(html)
    for link in links(html):
        if link.startswith("#"):
            assert link[1:] in ids, link
        elif is_relative(link):
            target = resolve(f"{BASE_URL}{url[1:]}", link)
            assert bundled.get(target, headers=BROWSER).status_code == 200, link


def test_the_navigation_links_to_the_comparison(client, bundled):
    for html in (client.get("/").text, bundled.get("/plattformen/mastodon").text):
        nav = tree(html).xpath("//nav[@aria-label='Hauptnavigation']//a")
        assert any(a.text_content() == "Plattformen" for a in nav)
    assert 'href="plattformen">Plattformen</a>' in client.get("/").text


# --- what-if weights ------------------------------------------------------------------------

WHAT_IF = [
    # (query, platforms that come first, sharing rank 1)
    ("", {"Mastodon (Fediverse)", "PeerTube (Fediverse)"}),
    (only("reichweite"), {"YouTube"}),
    (only("barrierefreiheit", "10"), {"YouTube"}),
    (only("moderation", "2,5"), {"Facebook", "Instagram", "YouTube"}),
    (only("datenexport", "0.5"), {"Bluesky", "Mastodon (Fediverse)"}),
]


@pytest.mark.parametrize(("query", "first"), WHAT_IF)
def test_what_if_weights_recompute_the_ranking(bundled, query, first):
    rows = ranking(bundled.get(f"/plattformen?{query}").text)
    assert {platform for rank, platform in rows if rank == "1"} == first


def test_a_blank_weight_keeps_the_rulebooks_and_the_same_weights_give_the_same_ranking(bundled):
    rulebook = ranking(bundled.get("/plattformen").text)
    assert ranking(bundled.get("/plattformen?gewicht-reichweite=").text) == rulebook
    assert ranking(bundled.get("/plattformen?gewicht-reichweite=2&format=html").text) == rulebook


def test_what_if_weights_change_the_totals_in_json(bundled):
    rulebook = bundled.get("/plattformen?format=json").json()
    changed = bundled.get(f"/plattformen?format=json&{only('reichweite', '4')}").json()
    assert rulebook["what_if"] is False
    assert changed["what_if"] is True
    assert changed["platforms"][0]["platform_id"] == "youtube"
    weights = {weight["criterion_id"]: weight for weight in changed["weights"]}
    assert weights["reichweite"] == {
        "criterion_id": "reichweite",
        "title": "Reichweite in Deutschland",
        "rulebook_weight": 2.0,
        "weight": 4.0,
        "share": 100.0,
    }


INVALID = [
    # (query, parameter, words of the message)
    ("gewicht-reichweite=viel", "gewicht-reichweite", "„Reichweite in Deutschland“"),
    ("gewicht-reichweite=-1", "gewicht-reichweite", "„Reichweite in Deutschland“"),
    ("gewicht-datenexport=10.5", "gewicht-datenexport", "„Datenexport und Umzug“"),
    ("gewicht-moderation=nan", "gewicht-moderation", "„Moderationswerkzeuge“"),
    ("gewicht-moderation=inf", "gewicht-moderation", "„Moderationswerkzeuge“"),
    ("gewicht-gibt-es-nicht=1", "gewicht-gibt-es-nicht", "„gewicht-gibt-es-nicht“"),
    (only("reichweite", "0"), "gewicht-betreiber-rechtsraum", "Mindestens ein Kriterium"),
]


@pytest.mark.parametrize(("query", "parameter", "words"), INVALID)
def test_invalid_weights_are_a_422_page_whose_error_summary_names_the_criterion(
    bundled, query, parameter, words
):
    response = bundled.get(f"/plattformen?{query}", headers=BROWSER)
    assert response.status_code == 422
    assert response.headers["cache-control"] == "no-cache"
    assert page_problems(response.text) == []
    page = tree(response.text)
    assert page.findtext(".//title").startswith("Fehler: ")
    summary = page.xpath("//div[@class='error-summary' and @role='alert']")[0]
    assert words in summary.text_content()
    targets = [a.get("href") for a in summary.xpath(".//a")]
    assert all(target[1:] in element_ids(response.text) for target in targets)
    field = page.xpath(f"//input[@name='{parameter}']")
    if field and words != "Mindestens ein Kriterium":
        assert field[0].get("aria-invalid") == "true"
    assert len(ranking(response.text)) == PLATFORM_COUNT  # the rulebook's ranking still shows


@pytest.mark.parametrize(("query", "parameter", "words"), INVALID)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_invalid_weights_are_a_422_for_programs_naming_the_parameter(
    bundled, query, parameter, words, fmt
):
    response = bundled.get(f"/plattformen?format={fmt}&{query}")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert ["query", parameter] in [error["loc"] for error in detail]
    assert any(words in error["msg"] for error in detail)


def test_invalid_weights_on_a_platforms_page_are_a_german_422(bundled):
    page = bundled.get("/plattformen/mastodon?gewicht-reichweite=viel", headers=BROWSER)
    assert page.status_code == 422
    assert page_problems(page.text) == []
    assert "„Reichweite in Deutschland“" in page.text
    data = bundled.get("/plattformen/mastodon?format=json&gewicht-reichweite=viel")
    assert data.json()["detail"][0]["loc"] == ["query", "gewicht-reichweite"]


# --- machine-readable formats ---------------------------------------------------------------

FORMATS = [
    # (request, media type)
    (("/plattformen?format=json", {}), "application/json"),
    (("/plattformen", JSON), "application/json"),
    (("/plattformen?format=csv", {}), "text/csv; charset=utf-8"),
    (("/plattformen", {"Accept": "text/csv"}), "text/csv; charset=utf-8"),
    (("/plattformen", BROWSER), "text/html; charset=utf-8"),
    (("/plattformen/mastodon", JSON), "application/json"),
    (("/plattformen/mastodon?format=csv", {}), "text/csv; charset=utf-8"),
]


@pytest.mark.parametrize(("request_", "media_type"), FORMATS)
def test_each_format_is_negotiated_by_accept_or_format(bundled, request_, media_type):
    url, headers = request_
    response = bundled.get(url, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.headers["vary"] == "Accept"


@pytest.mark.parametrize("url", ["/plattformen?format=pdf", "/plattformen/mastodon?format=turtle"])
def test_a_format_not_offered_is_406(bundled, url):
    assert bundled.get(url).status_code == 406


def test_json_has_every_platform_ranked_with_each_criterions_contribution(bundled):
    data = bundled.get("/plattformen?format=json").json()
    comparison = PlatformComparison.model_validate(data)
    assert comparison.rulebook_version
    assert [weight.criterion_id for weight in comparison.weights] == list(CRITERIA)
    assert len(comparison.platforms) == PLATFORM_COUNT
    totals = [platform.total for platform in comparison.platforms]
    assert totals == sorted(totals, reverse=True)
    for platform in comparison.platforms:
        assert [c.criterion_id for c in platform.criteria] == list(CRITERIA)
        assert platform.points == pytest.approx(sum(c.points for c in platform.criteria))
        assert platform.total == pytest.approx(100 * platform.points / platform.max_points)
        assert platform.complete == (not platform.unassessed)
        for criterion in platform.criteria:
            assert criterion.source.startswith("https://")
            rating = CATALOGUE.platform(platform.platform_id).ratings[criterion.criterion_id]
            assert criterion.checked == rating.checked
    whatsapp = comparison.platform("whatsapp-kanal")
    assert whatsapp.unassessed == ("reichweite", "moderation")


def test_a_platforms_json_is_its_entry_of_the_comparison(bundled):
    comparison = PlatformComparison.model_validate(bundled.get("/plattformen", headers=JSON).json())
    for platform_id in ("mastodon", "whatsapp-kanal"):
        data = bundled.get(f"/plattformen/{platform_id}", headers=JSON).json()
        assert RankedPlatform.model_validate(data) == comparison.platform(platform_id)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_a_row_per_platform_and_criterion(bundled):
    text = bundled.get("/plattformen?format=csv").text
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    rows = csv_rows(text)
    assert len(rows) == PLATFORM_COUNT * len(CRITERIA)
    assert (rows[0]["rank"], rows[0]["criterion_id"]) == ("1", CRITERIA[0])
    unassessed = [row for row in rows if row["score"] == ""]
    assert {(row["platform_id"], row["criterion_id"]) for row in unassessed} == {
        ("whatsapp-kanal", "reichweite"),
        ("whatsapp-kanal", "moderation"),
    }
    assert all(row["note"] for row in unassessed)
    assert {row["complete"] for row in rows if row["platform_id"] == "whatsapp-kanal"} == {"false"}


def test_csv_with_what_if_weights_and_of_one_platform(bundled):
    rows = csv_rows(bundled.get(f"/plattformen?format=csv&{only('reichweite')}").text)
    assert rows[0]["platform_id"] == "youtube"
    assert {row["weight"] for row in rows if row["criterion_id"] != "reichweite"} == {"0.0"}
    single = csv_rows(bundled.get("/plattformen/bluesky?format=csv").text)
    assert [row["criterion_id"] for row in single] == list(CRITERIA)
    assert {row["platform_id"] for row in single} == {"bluesky"}


# --- not found, no catalogue -----------------------------------------------------------------


@pytest.mark.parametrize("url", ["/plattformen/gibt-es-nicht", "/plattformen/MASTODON"])
def test_an_unknown_platform_is_a_german_404(bundled, url):
    page = bundled.get(url, headers=BROWSER)
    assert page.status_code == 404
    assert page_problems(page.text) == []
    assert "gibt es im Plattformkatalog nicht" in page.text
    data = bundled.get(url, headers=JSON)
    assert data.status_code == 404
    assert "gibt es im Plattformkatalog nicht" in data.json()["detail"]


def test_without_a_catalogue_the_page_says_so_and_the_data_is_404(client):
    page = client.get("/plattformen?gewicht-x=1", headers=BROWSER)
    assert page.status_code == 200
    assert page_problems(page.text) == []
    assert "Dieses Regelwerk enthält keinen Plattformkatalog." in page.text
    for url, headers in [
        ("/plattformen?format=json", {}),
        ("/plattformen", JSON),
        ("/plattformen?format=csv", {}),
        ("/plattformen/mastodon", JSON),
    ]:
        response = client.get(url, headers=headers)
        assert response.status_code == 404, url
        assert response.json()["detail"] == "Dieses Regelwerk enthält keinen Plattformkatalog."
    assert client.get("/plattformen/mastodon", headers=BROWSER).status_code == 404


# --- HTTP: HEAD, ETag, Cache-Control ----------------------------------------------------------

CACHED = [
    ("/plattformen", BROWSER),
    (f"/plattformen?{only('reichweite')}", BROWSER),
    ("/plattformen", JSON),
    ("/plattformen?format=csv", {}),
    ("/plattformen/mastodon", BROWSER),
    ("/plattformen/mastodon", JSON),
]


@pytest.mark.parametrize(("url", "headers"), CACHED)
def test_head_answers_as_get_without_a_body(bundled, url, headers):
    get = bundled.get(url, headers=headers)
    head = bundled.head(url, headers=headers)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    for name in ("content-type", "etag", "cache-control", "vary"):
        assert head.headers[name] == get.headers[name], name


@pytest.mark.parametrize(("url", "headers"), CACHED)
def test_responses_carry_a_strong_etag_public_caching_and_answer_304(bundled, url, headers):
    response = bundled.get(url, headers=headers)
    etag = response.headers["etag"]
    assert etag == '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    assert response.headers["cache-control"] == "public, max-age=300"
    again = bundled.get(url, headers={**headers, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_each_format_and_each_set_of_weights_has_its_own_etag(bundled):
    etags = {
        bundled.get(url, headers=headers).headers["etag"]
        for url, headers in [
            ("/plattformen", BROWSER),
            ("/plattformen", JSON),
            ("/plattformen?format=csv", {}),
            (f"/plattformen?format=json&{only('reichweite')}", {}),
        ]
    }
    assert len(etags) == 4


def test_openapi_describes_the_comparison_with_its_formats(bundled):
    paths = bundled.get("/openapi.json").json()["paths"]
    operation = paths["/plattformen"]["get"]
    assert operation["summary"]
    assert "gewicht-" in operation["description"]
    content = operation["responses"]["200"]["content"]
    assert {"text/html", "application/json", "text/csv"} <= set(content)
    assert set(operation["responses"]) >= {"200", "404", "406", "422"}
    assert "/plattformen/{platform_id}" in paths


# --- in a real browser ------------------------------------------------------------------------

BROWSER_PAGES = (
    "plattformen",
    f"plattformen?{only('reichweite')}",
    "plattformen?gewicht-reichweite=viel",
    "plattformen/mastodon",
    "plattformen/whatsapp-kanal",
)


@pytest.fixture(scope="module")
def bundled_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a real server of the bundled rulebook's app."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("platforms_server"))
    apps: list[FastAPI] = []

    def make_app(base_url: str) -> FastAPI:
        apps.append(create_app(BUNDLED, base_url, settings))
        return apps[-1]

    with serve(make_app) as base_url:
        yield base_url
    apps[0].state.database.dispose()


@pytest.mark.slow
@pytest.mark.browser
def test_the_pages_have_no_wcag_21_aa_violation_and_work_by_keyboard(browser, bundled_server):
    with browser.new_context(base_url=bundled_server, locale="de-DE") as context:
        page = context.new_page()
        problems: list[str] = []
        for path in BROWSER_PAGES:
            page.goto(path)
            problems += axe_violations(page)
        assert not problems, "\n".join(problems)
        page.goto("plattformen")
        tab_to(page, "#feld-gewicht-betreiber-rechtsraum", presses=400)
        page.keyboard.press("Control+A")
        page.keyboard.type("0")
        tab_to(page, ".weights-form button[type=submit]", presses=40)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "gewicht-betreiber-rechtsraum=0" in page.url
        assert page.locator("[role=status]").first.is_visible()


@pytest.mark.slow
@pytest.mark.browser
def test_the_what_if_form_works_without_javascript(browser, bundled_server):
    with browser.new_context(base_url=bundled_server, java_script_enabled=False) as context:
        page = context.new_page()
        page.goto("plattformen")
        for criterion in CRITERIA:
            page.fill(f"#feld-gewicht-{criterion}", "1" if criterion == "reichweite" else "0")
        with page.expect_navigation():
            page.click(".weights-form button[type=submit]")
        first = page.locator("section[aria-labelledby=rangfolge] tbody tr th").first
        assert first.inner_text() == "YouTube"
        assert page.locator("#feld-gewicht-reichweite").input_value() == "1"
