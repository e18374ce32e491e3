"""The check engine and every check type survive any draft in linear time; hits stay in the text.

No two rules report the same place for the same reason either.
"""

import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leitplanke.checks.draft import Draft, MediaKind, Platform
from leitplanke.checks.engine import CheckEngine
from leitplanke.checks.examples import example_cases
from leitplanke.checks.types import CHECK_TYPES, parse_check
from leitplanke.publish.publication import Publication
from leitplanke.rulebook.versions import load_history
from leitplanke.rulebook.vocabulary import Audience

# Parameters that switch on every branch of a check type; a type not named here runs with its
# defaults.
SPECS: dict[str, list[dict[str, Any]]] = {
    "pattern": [{"patterns": [r"\bjetzt\b", r"#\w+"], "words": ["Rabatt"]}],
    "links": [
        {},
        {
            "require_official_link": True,
            "require_imprint_link": True,
            "avoid_hosts": ["dropbox.com", "x.de"],
        },
    ],
    "length": [{"platform": platform} for platform in Platform]
    + [{"limits": {platform: 5 for platform in Platform}}],
    "hashtags": [{"max_count": 1, "min_length": 2}],
    "required": [
        {
            "patterns": [{"pattern": "^Gruß$", "description": "Gruß", "when": "Korrektur|#"}],
            "third_party_media": ["source", "licence"],
            "credit_in_text": True,
        }
    ],
    "neutrality": [{"brands": ["Brause AG", "x"]}],
    "personal_data": [{"min_score": 0.0, "allow_office_holders": False}],
}

TOKENS = [
    "https://bit.ly/x?utm_source=a&fbclid=b",
    "http://www.berlin.de/impressum/",
    "berlin.de/a.",
    "(https://de.wikipedia.org/wiki/A_(B))",
    "www.",
    ".de",
    "://",
    "?utm_",
    "#berlinerverwaltung",
    "#",
    "＃",
    "@presse@social.berlin.de",
    "Wählt die SPD!",
    "Jetzt Volt wählen",
    "unsere Kandidatin",
    "Kauft bei",
    "mit dem Code ABCD",
    "20 % Rabatt",
    "Brause AG empfiehlt",
    "Korrektur",
    "👨‍👩‍👧",
    "🇩🇪",
    "1\ufe0f\u20e3",
    "\u0301",
    "\u200d",
    "\ufe0f",
    "𝐖𝐈𝐂𝐇𝐓𝐈𝐆",
    "日本",
    "ß",
    "\n",
    "\r\n",
    " ",
    ".",
    "!!!",
    "„",
    "“",
]

texts = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)), max_size=12).map("".join)
optional_text = st.one_of(
    st.none(), st.sampled_from(["", "Bild", "IMG_1.jpg", "CC BY 4.0"]), st.text(max_size=20)
)
media = st.builds(
    dict,
    kind=st.sampled_from(list(MediaKind)),
    url=st.one_of(st.none(), st.sampled_from(["https://x.de/a.jpg", "::", "https://x.de:99999/"])),
    alt=optional_text,
    subtitles=st.one_of(st.none(), st.booleans()),
    source=optional_text,
    licence=optional_text,
    third_party=st.booleans(),
)
drafts = st.builds(
    Draft,
    text=texts,
    audience=st.one_of(st.none(), st.sampled_from(list(Audience))),
    platform=st.one_of(st.none(), st.sampled_from(list(Platform))),
    links=st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=20)), max_size=3),
    media=st.lists(media, max_size=3),
)

CONFIGS = [
    parse_check({"type": name, **spec}) for name in CHECK_TYPES for spec in SPECS.get(name, [{}])
]
ENGINE = CheckEngine(Publication(load_history(), "https://www.berlin.de/leitplanke/"))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(drafts)
def test_no_check_type_crashes_and_hits_lie_within_the_text(draft):
    for config in CONFIGS:
        for hit in config.run(draft):
            assert 0 <= hit.start <= hit.end <= len(draft.text), (config, hit)
            assert hit.message


@FAST
@given(drafts)
def test_engine_findings_lie_within_the_text_and_are_ordered(draft):
    findings = ENGINE.check(draft)
    assert all(0 <= f.start <= f.end <= len(draft.text) for f in findings)
    assert all(f.matched == draft.text[f.start : f.end] for f in findings)
    assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.rule_id, f.message))


def repeated_reasons(findings) -> list[tuple[object, ...]]:
    """Places reported by several rules for the same reason (check type, kind and message)."""
    rules: dict[tuple[object, ...], set[str]] = {}
    for f in findings:
        rules.setdefault((f.start, f.end, f.check_type, f.kind, f.message), set()).add(f.rule_id)
    return [(*reason, sorted(ids)) for reason, ids in rules.items() if len(ids) > 1]


@FAST
@given(drafts)
def test_no_two_rules_report_the_same_place_for_the_same_reason(draft):
    assert repeated_reasons(ENGINE.check(draft)) == []


EXAMPLE_DRAFTS = [case.draft for case in example_cases(ENGINE.publication.document)]


@pytest.mark.parametrize("audience", list(Audience))
def test_no_example_post_gets_the_same_place_reported_twice_by_any_audience(audience):
    for draft in EXAMPLE_DRAFTS:
        findings = ENGINE.check(draft.model_copy(update={"audience": audience}))
        assert repeated_reasons(findings) == [], draft.text


def test_every_check_type_is_fuzzed():
    assert {type(config).model_fields["type"].default for config in CONFIGS} == set(CHECK_TYPES)


# Texts of the maximal length that make careless patterns backtrack quadratically.
LONG_TEXTS = {
    "one letter": "a" * 100_000,
    "letters and dashes": "a-" * 50_000,
    "digits": "1" * 100_000,
    "umlauts and spaces": "ä " * 50_000,
    "hashtags": "#a " * 33_333,
    "closing brackets": "https://a.de/" + ")" * 99_000,
    "calls to buy": "Jetzt bestellen " * 6_000,
    "mentions and links": "@a@b.de https://x.de " * 4_000,
}


@pytest.mark.parametrize("text", LONG_TEXTS.values(), ids=LONG_TEXTS.keys())
def test_engine_checks_a_maximal_draft_in_linear_time(text):
    started = time.perf_counter()
    ENGINE.check(Draft(text=text, platform="mastodon"))
    assert time.perf_counter() - started < 5
