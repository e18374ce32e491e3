"""Finding URLs in post text: table of (text, expected URLs as written)."""

import pytest

from leitplanke.checks.urls import find_urls, parse_url

CASES = [
    ("with scheme", "Mehr: https://www.berlin.de/sen/ ok", ["https://www.berlin.de/sen/"]),
    ("sentence end is not part", "Siehe https://berlin.de/a.", ["https://berlin.de/a"]),
    ("closing bracket", "(mehr unter https://berlin.de/a)", ["https://berlin.de/a"]),
    (
        "bracket the URL opened",
        "https://de.wikipedia.org/wiki/Berlin_(Begriffsklärung)!",
        ["https://de.wikipedia.org/wiki/Berlin_(Begriffsklärung)"],
    ),
    (
        "without scheme",
        "Infos auf service.berlin.de/dienstleistungen/",
        ["service.berlin.de/dienstleistungen/"],
    ),
    ("short link", "bit.ly/3xYz und t.co/ab", ["bit.ly/3xYz", "t.co/ab"]),
    ("www with any TLD", "www.example.xyz/a", ["www.example.xyz/a"]),
    ("German quotes end a URL", "„https://berlin.de/a“", ["https://berlin.de/a"]),
    ("abbreviations are no URLs", "z.B. Abs.1 u.a. S.3 usw.", []),
    ("missing space is no URL", "Termine.In der Zeit", []),
    ("e-mail address is no URL", "info@berlin.de", []),
    ("remote mention is no URL", "@user@mastodon.social", []),
    ("unknown bare TLD", "datei.xyz", []),
    ("port out of range", "http://example.com:99999/", []),
]


@pytest.mark.parametrize(("case", "text", "want"), CASES, ids=[c[0] for c in CASES])
def test_find_urls_finds_the_expected_urls(case, text, want):
    found = find_urls(text)
    assert [url.url for url in found] == want
    assert [text[url.start : url.end] for url in found] == want


def test_parts_of_a_url_are_split():
    (url,) = find_urls("https://WWW.Berlin.de:443/a/b?utm_source=x&id=3#top")
    assert (url.scheme, url.host, url.path) == ("https", "www.berlin.de", "/a/b")
    assert url.parameters == ["utm_source", "id"]
    assert url.without_parameters({"utm_source"}) == "https://WWW.Berlin.de:443/a/b?id=3#top"
    assert url.on_host(["berlin.de"]) and not url.on_host(["erlin.de"])


def test_scheme_only_leaves_out_urls_without_scheme():
    assert [u.url for u in find_urls("berlin.de und https://x.de", scheme_only=True)] == [
        "https://x.de"
    ]


def test_a_link_given_beside_the_text_has_the_empty_span():
    url = parse_url(" https://bit.ly/x ")
    assert url is not None and (url.start, url.end, url.host) == (0, 0, "bit.ly")
    assert parse_url("kein Link") is None
