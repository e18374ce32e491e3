"""Static analysis of HTML: table-driven cases, deobfuscation, and it never fails on any input."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leitplanke.scan.parties import PartyRule
from leitplanke.scan.result import Effect, EvidenceKind
from leitplanke.scan.static import deobfuscate

PAGE = "https://www.berlin.de/seite.html"
PARTIES = PartyRule(["www.berlin.de"])


def analyse(scanner, html):
    return scanner.analyse_html(html, PAGE, PARTIES)


@pytest.mark.parametrize(
    ("html", "want"),
    [
        (
            '<script src="https://connect.facebook.net/de_DE/sdk.js"></script>',
            {"facebook-plugins": Effect.LOADS},
        ),
        (
            '<script type="text/plain" data-category="marketing" '
            'src="https://connect.facebook.net/de_DE/sdk.js"></script>',
            {"facebook-plugins": Effect.BLOCKED},
        ),
        (
            '<script type="application/ld+json">{"u": "https://www.youtube.com/embed/x"}</script>',
            {},
        ),
        (
            '<template><iframe src="https://www.youtube.com/embed/x"></iframe></template>',
            {"youtube": Effect.INERT},
        ),
        (
            '<iframe data-src="https://www.youtube.com/embed/x"></iframe>',
            {"youtube": Effect.DEFERRED},
        ),
        (
            '<div class="two-click"><iframe data-src="https://www.youtube.com/embed/x"></iframe></div>',
            {"youtube": Effect.BLOCKED},
        ),
        (
            '<link rel="preconnect" href="https://fonts.gstatic.com">',
            {"google-fonts": Effect.LOADS},
        ),
        ('<link rel="canonical" href="https://www.youtube.com/x">', {}),
        (
            '<img srcset="https://www.facebook.com/tr?id=1 1x, /local.png 2x">',
            {"meta-pixel": Effect.LOADS},
        ),
        ('<a href="https://www.youtube.com/watch?v=x">Video</a>', {}),
        (
            '<base href="https://www.youtube.com/"><iframe src="/embed/x"></iframe>',
            {"youtube": Effect.LOADS},
        ),
    ],
    ids=[
        "script",
        "consent-blocked script",
        "json-ld",
        "template",
        "lazy",
        "two-click",
        "preconnect",
        "canonical link",
        "srcset pixel",
        "plain link",
        "base href",
    ],
)
def test_elements_are_matched_with_their_effect(scanner, html, want):
    assert {e.signature: e.effect for e in analyse(scanner, html).evidence} == want


def test_first_party_resources_are_not_third_party_hosts(scanner):
    result = analyse(
        scanner,
        '<script src="/js/app.js"></script><img src="https://cdn.berlin.de/a.png">'
        '<img src="https://example.org/a.png">',
    )
    assert result.third_party_hosts == {"example.org"}


@pytest.mark.parametrize(
    ("script", "contains"),
    [
        (
            "s.src = 'https://connect.face' + 'book.net/sdk.js'",
            "https://connect.facebook.net/sdk.js",
        ),
        ("s.src = atob('aHR0cHM6Ly93d3cueW91dHViZS5jb20v')", "https://www.youtube.com/"),
        ('s.src = "https:\\/\\/www.youtube.com\\/embed"', "https://www.youtube.com/embed"),
        ("s.src = '\\x68ttps://x.com/'", "https://x.com/"),
    ],
    ids=["joined pieces", "atob literal", "escaped slashes", "hex escape"],
)
def test_simple_obfuscation_is_undone(script, contains):
    assert contains in deobfuscate(script)


def test_an_address_built_at_run_time_is_not_guessed(scanner):
    html = "<script>var h = 'ten.koobecaf.tcennoc'.split('').reverse().join('');</script>"
    assert analyse(scanner, html).evidence == []


def test_evidence_per_signature_is_capped(scanner):
    html = "".join(f'<img src="https://www.facebook.com/tr?id={i}">' for i in range(100))
    assert len(analyse(scanner, html).evidence) == 25


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_is_analysed_without_failing(scanner, text):
    result = analyse(scanner, text)
    lines = text.replace("\x00", "\ufffd").split("\n")
    for evidence in result.evidence:
        if evidence.line is not None:
            assert 1 <= evidence.line <= len(lines)
            assert 1 <= evidence.column <= len(lines[evidence.line - 1]) + 1


TAGS = st.sampled_from(["script", "iframe", "img", "div", "p", "embed"])
URLS = st.sampled_from(
    [
        "https://connect.facebook.net/de_DE/sdk.js",
        "https://www.youtube.com/embed/x",
        "https://platform.twitter.com/widgets.js",
        "/lokal.js",
        "https://example.org/a.png",
        "javascript:void(0)",
        "",
    ]
)
ELEMENT = st.builds(
    lambda tag, url, text, pad: f'{pad}<{tag} src="{url}">{text}</{tag}>',
    TAGS,
    URLS,
    st.text(alphabet="abc <>\n'\"", max_size=8),
    st.sampled_from(["", " ", "\n", "x\n "]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(ELEMENT, max_size=12))
def test_element_evidence_points_at_its_start_tag(scanner, elements):
    html = "<!doctype html>\n<html><body>\n" + "".join(elements) + "\n</body></html>"
    lines = html.split("\n")
    for evidence in analyse(scanner, html).evidence:
        if evidence.kind is EvidenceKind.ELEMENT:
            line = lines[evidence.line - 1]
            assert (
                line[evidence.column - 1 :].lower().startswith("<" + evidence.snippet[1:4].lower())
            )
