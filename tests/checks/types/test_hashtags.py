"""Check type `hashtags`: table of (spec, text, expected hits as (kind, matched text))."""

import pytest
from pydantic import ValidationError

from leitplanke.checks.draft import Draft
from leitplanke.checks.types import parse_check
from leitplanke.checks.types.hashtags import find_hashtags

CASES = [
    ("CamelCase passes", {}, "#BerlinerVerwaltung", []),
    (
        "long lower-case tag",
        {},
        "Neu: #berlinerverwaltung",
        [("camel_case", "#berlinerverwaltung")],
    ),
    ("long capital tag", {}, "#WICHTIGEINFORMATION", [("camel_case", "#WICHTIGEINFORMATION")]),
    ("short lower-case tag", {}, "#berlin #kiez #bvg", []),
    ("one German noun", {}, "#Bürgerbeteiligung", []),
    ("digits do not count as letters", {}, "#wahl2026berlin", []),
    ("length threshold configurable", {"min_length": 6}, "#berlin", [("camel_case", "#berlin")]),
    ("allowed tag", {"allowed": ["#berlinerverwaltung"]}, "#berlinerverwaltung", []),
    ("case check off", {"camel_case": False}, "#berlinerverwaltung", []),
    ("URL fragment is no hashtag", {}, "https://berlin.de/seite#abschnittuebersicht", []),
    ("HTML entity is no hashtag", {}, "&#12345678901234;", []),
    ("number is no hashtag", {}, "#2026", []),
    (
        "too many",
        {"max_count": 2},
        "#Eins #Zwei #Drei #Vier",
        [("too_many", "#Drei #Vier")],
    ),
    ("as many as allowed", {"max_count": 2}, "#Eins #Zwei", []),
    ("none allowed", {"max_count": 0}, "Text #Eins", [("too_many", "#Eins")]),
]


@pytest.mark.parametrize(("case", "spec", "text", "want"), CASES, ids=[c[0] for c in CASES])
def test_hashtags_reports_the_expected_tags(case, spec, text, want):
    hits = parse_check({"type": "hashtags", **spec}).run(Draft(text=text))
    assert [(hit.kind, text[hit.start : hit.end]) for hit in hits] == want


def test_hashtags_are_found_with_umlauts_and_underscores():
    tags = find_hashtags("#Grünflächen_Amt und #Straße")
    assert [tag.name for tag in tags] == ["Grünflächen_Amt", "Straße"]


@pytest.mark.parametrize(
    "spec", [{"min_length": 1}, {"max_count": -1}], ids=["min length one", "negative maximum"]
)
def test_invalid_hashtags_specs_are_rejected(spec):
    with pytest.raises(ValidationError):
        parse_check({"type": "hashtags", **spec})
