"""Check type `links`: table of (spec, draft, expected hits as (kind, matched text))."""

import pytest
from pydantic import ValidationError

from leitplanke.checks.draft import Draft
from leitplanke.checks.types import parse_check

CASES = [
    (
        "tracking parameters",
        {},
        {"text": "Mehr: https://www.berlin.de/a?utm_source=x&fbclid=y"},
        [("tracking", "https://www.berlin.de/a?utm_source=x&fbclid=y")],
    ),
    ("clean link", {}, {"text": "Mehr: https://www.berlin.de/a?id=3"}, []),
    ("shortener", {}, {"text": "Mehr: bit.ly/3xYz"}, [("shortener", "bit.ly/3xYz")]),
    ("plain http", {}, {"text": "http://berlin.de/a"}, [("http", "http://berlin.de/a")]),
    ("http allowed", {"forbid_http": False}, {"text": "http://berlin.de/a"}, []),
    (
        "one link, three problems",
        {},
        {"text": "http://bit.ly/x?utm_medium=s"},
        [(kind, "http://bit.ly/x?utm_medium=s") for kind in ("tracking", "shortener", "http")],
    ),
    (
        "own tracking parameter list",
        {"tracking_parameters": ["ref"]},
        {"text": "https://x.de/?ref=abc&utm_source=y"},
        [("tracking", "https://x.de/?ref=abc&utm_source=y")],
    ),
    (
        "tracking parameter of a look-alike name",
        {},
        {"text": "https://x.de/?utmost=1&gclidx=2"},
        [],
    ),
    (
        "links beside the text have the empty span",
        {},
        {"text": "Siehe Link", "links": ["https://t.co/abc"]},
        [("shortener", "")],
    ),
    (
        "a link in both text and links is reported once",
        {},
        {"text": "https://t.co/abc", "links": ["https://t.co/abc"]},
        [("shortener", "https://t.co/abc")],
    ),
    (
        "avoided host",
        {"avoid_hosts": ["dropbox.com"]},
        {"text": "PDF: https://www.dropbox.com/s/a/plan.pdf"},
        [("avoided_host", "https://www.dropbox.com/s/a/plan.pdf")],
    ),
    (
        "no official link",
        {"require_official_link": True},
        {"text": "https://zeitung.example.com/a und https://bvg.de/b"},
        [("no_official_link", "https://zeitung.example.com/a")],
    ),
    (
        "an official link among others",
        {"require_official_link": True},
        {"text": "https://zeitung.example.com/a und https://service.berlin.de/b"},
        [],
    ),
    (
        "no link needs no official link",
        {"require_official_link": True},
        {"text": "Heute geschlossen."},
        [],
    ),
    (
        "licence texts are references, not content",
        {"require_official_link": True},
        {"text": "Foto: A / CC BY 4.0 https://creativecommons.org/licenses/by/4.0/"},
        [],
    ),
    (
        "official hosts are configurable",
        {"require_official_link": True, "official_hosts": ["parlament-berlin.de"]},
        {"text": "https://www.parlament-berlin.de/plenum"},
        [],
    ),
    (
        "imprint link missing",
        {"require_imprint_link": True},
        {"text": "Offizieller Auftritt: https://www.berlin.de/ba-mitte/"},
        [("no_imprint_link", "")],
    ),
    (
        "imprint link present",
        {"require_imprint_link": True},
        {"text": "Impressum: https://www.berlin.de/ba-mitte/impressum/"},
        [],
    ),
]


@pytest.mark.parametrize(("case", "spec", "draft", "want"), CASES, ids=[c[0] for c in CASES])
def test_links_reports_the_expected_problems(case, spec, draft, want):
    check = parse_check({"type": "links", **spec})
    draft = Draft(**draft)
    hits = check.run(draft)
    assert [(hit.kind, draft.text[hit.start : hit.end]) for hit in hits] == want


def test_fix_names_the_link_without_tracking():
    check = parse_check({"type": "links"})
    (hit,) = check.run(Draft(text="https://berlin.de/a?utm_source=x&id=1#s"))
    assert hit.fix is not None and hit.fix.endswith("https://berlin.de/a?id=1#s")


@pytest.mark.parametrize(
    "spec",
    [
        {"imprint_pattern": "("},
        {"require_official_link": True, "official_hosts": []},
        {"shorteners": "bit.ly"},
    ],
    ids=["bad regex", "official link without hosts", "list as string"],
)
def test_invalid_links_specs_are_rejected(spec):
    with pytest.raises(ValidationError):
        parse_check({"type": "links", **spec})
