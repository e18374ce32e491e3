"""Check type `required`: table of (spec, draft, expected hits as (kind, matched text))."""

import pytest
from pydantic import ValidationError

from leitplanke.checks.draft import Draft
from leitplanke.checks.types import parse_check

SIGN_OFF = {"pattern": r"^– Ihr Bezirksamt$", "description": "Gruß des Bezirksamts"}
CORRECTION = {
    "pattern": r"\bKorrektur\b",
    "description": "Kennzeichnung als Korrektur",
    "when": r"\bRichtig ist\b",
}
THIRD_PARTY = {"kind": "image", "alt": "Ein Foto.", "third_party": True}

CASES = [
    ("pattern present", {"patterns": [SIGN_OFF]}, {"text": "Hallo\n– Ihr Bezirksamt"}, []),
    (
        "pattern missing",
        {"patterns": [SIGN_OFF]},
        {"text": "Hallo – Ihr Bezirksamt"},
        [("missing_text", "")],
    ),
    ("condition not met", {"patterns": [CORRECTION]}, {"text": "Die Brücke ist offen."}, []),
    (
        "condition met, requirement not",
        {"patterns": [CORRECTION]},
        {"text": "Update: Richtig ist der 10. Juni."},
        [("missing_text", "Richtig ist")],
    ),
    (
        "condition and requirement met",
        {"patterns": [CORRECTION]},
        {"text": "Korrektur: Richtig ist der 10. Juni."},
        [],
    ),
    (
        "case kept when asked",
        {"patterns": [{**CORRECTION, "ignore_case": False}]},
        {"text": "korrektur: Richtig ist der 10. Juni."},
        [("missing_text", "Richtig ist")],
    ),
    (
        "third-party media without source and licence",
        {"third_party_media": ["source", "licence"]},
        {"text": "x", "media": [THIRD_PARTY]},
        [("media_credit_missing", "")],
    ),
    (
        "own media need no credit",
        {"third_party_media": ["source", "licence"]},
        {"text": "x", "media": [{**THIRD_PARTY, "third_party": False}]},
        [],
    ),
    (
        "blank licence counts as missing",
        {"third_party_media": ["licence"]},
        {"text": "x", "media": [{**THIRD_PARTY, "source": "A. Demir", "licence": " "}]},
        [("media_credit_missing", "")],
    ),
    (
        "credit in the text",
        {"credit_in_text": True},
        {
            "text": "Foto: Ayşe  Demir / CC BY 4.0",
            "media": [{**THIRD_PARTY, "source": "Ayşe Demir", "licence": "CC BY 4.0"}],
        },
        [],
    ),
    (
        "credit not in the text",
        {"credit_in_text": True},
        {
            "text": "Foto: Ayşe Demir",
            "media": [{**THIRD_PARTY, "source": "Ayşe Demir", "licence": "CC BY 4.0"}],
        },
        [("media_credit_not_in_text", "")],
    ),
]


@pytest.mark.parametrize(("case", "spec", "draft", "want"), CASES, ids=[c[0] for c in CASES])
def test_required_reports_what_is_missing(case, spec, draft, want):
    draft = Draft(**draft)
    hits = parse_check({"type": "required", **spec}).run(draft)
    assert [(hit.kind, draft.text[hit.start : hit.end]) for hit in hits] == want


def test_message_says_what_is_missing():
    (hit,) = parse_check({"type": "required", "patterns": [SIGN_OFF]}).run(Draft(text="Hallo"))
    assert hit.message == "Es fehlt: Gruß des Bezirksamts"


@pytest.mark.parametrize(
    "spec",
    [
        {},
        {"patterns": [{"pattern": "(", "description": "x"}]},
        {"patterns": [{"pattern": "a", "description": "Beschreibung", "when": "["}]},
        {"patterns": [{"pattern": "a"}]},
        {"third_party_media": ["author"]},
    ],
    ids=["nothing required", "bad regex", "bad condition", "no description", "unknown field"],
)
def test_invalid_required_specs_are_rejected(spec):
    with pytest.raises(ValidationError):
        parse_check({"type": "required", **spec})
