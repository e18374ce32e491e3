"""Check type `pattern`: table of (config, text, expected matches)."""

import pytest
from pydantic import ValidationError

from leitplanke.checks.draft import Draft
from leitplanke.checks.types import parse_check

CASES = [
    ("word is found", {"words": ["Sonderangebot"]}, "Heute Sonderangebot!", ["Sonderangebot"]),
    ("whole words only", {"words": ["Rabatt"]}, "Rabattaktion ohne Rabatte", []),
    ("case ignored", {"words": ["gratis"]}, "GRATIS für alle", ["GRATIS"]),
    ("case kept", {"words": ["gratis"], "ignore_case": False}, "GRATIS für alle", []),
    ("regex", {"patterns": [r"\bjetzt\s+kaufen\b"]}, "Jetzt  kaufen!", ["Jetzt  kaufen"]),
    (
        "exception covers a match",
        {"words": ["Angebot"], "exceptions": [r"Angebot der Behörde"]},
        "Das Angebot der Behörde und ein Angebot",
        ["Angebot"],
    ),
]


@pytest.mark.parametrize(("case", "spec", "text", "want"), CASES, ids=[c[0] for c in CASES])
def test_pattern_reports_the_expected_matches(case, spec, text, want):
    check = parse_check({"type": "pattern", **spec})
    hits = check.run(Draft(text=text))
    assert [text[hit.start : hit.end] for hit in hits] == want


def test_rule_message_replaces_the_default():
    check = parse_check({"type": "pattern", "words": ["x"], "message": "Bitte nicht."})
    (hit,) = check.run(Draft(text="x"))
    assert hit.message == "Bitte nicht."


@pytest.mark.parametrize(
    "spec",
    [{}, {"patterns": ["("]}, {"words": ["a"], "colour": "red"}],
    ids=["nothing to match", "bad regex", "unknown field"],
)
def test_invalid_pattern_specs_are_rejected(spec):
    with pytest.raises(ValidationError):
        parse_check({"type": "pattern", **spec})
