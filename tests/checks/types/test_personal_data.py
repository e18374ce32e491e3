"""Check type `personal_data`: table of (config, text, expected hits by kind)."""

import pytest
from pydantic import ValidationError

from leitplanke.checks.draft import Draft
from leitplanke.checks.personal_data import KINDS
from leitplanke.checks.types import CHECK_TYPES, parse_check
from leitplanke.checks.types.personal_data import ALL_KINDS, MESSAGES

MAYOR = "Bürgermeisterin Franziska Giffey dankt Frau Müller, Tel. 030 12345678."
CASES = [
    ("defaults", {}, MAYOR, [("PERSON", "Müller"), ("PHONE", "030 12345678")]),
    (
        "office holders reported",
        {"allow_office_holders": False},
        MAYOR,
        [("PERSON", "Franziska Giffey"), ("PERSON", "Müller"), ("PHONE", "030 12345678")],
    ),
    ("kinds", {"kinds": ["PHONE"]}, MAYOR, [("PHONE", "030 12345678")]),
    ("strict threshold", {"min_score": 0.99}, MAYOR, []),
    ("lenient threshold", {"min_score": 0.3}, "Anna kommt.", [("PERSON", "Anna")]),
    ("nothing personal", {}, "Das Bürgeramt öffnet um 8 Uhr.", []),
]


@pytest.mark.parametrize(("case", "spec", "text", "want"), CASES, ids=[c[0] for c in CASES])
def test_personal_data_reports_the_expected_hits(case, spec, text, want):
    check = parse_check({"type": "personal_data", **spec})
    hits = check.run(Draft(text=text))
    assert [(hit.kind, text[hit.start : hit.end]) for hit in hits] == want


def test_hits_are_sensitive_with_confidence_message_and_fix():
    check = parse_check({"type": "personal_data"})
    (hit,) = check.run(Draft(text="IBAN DE89 3704 0044 0532 0130 00"))
    assert hit.sensitive
    assert hit.confidence == 1.0
    assert hit.message == "Bankverbindung (IBAN) im Beitrag (IBAN mit gültiger Prüfsumme)"
    assert hit.fix


def test_the_rule_message_replaces_the_default():
    check = parse_check({"type": "personal_data", "message": "Keine Daten posten."})
    (hit,) = check.run(Draft(text="max.mueller@example.org"))
    assert hit.message == "Keine Daten posten."


def test_the_check_type_is_registered_and_knows_every_kind():
    assert "personal_data" in CHECK_TYPES
    assert tuple(ALL_KINDS) == KINDS
    assert set(MESSAGES) == set(KINDS)


@pytest.mark.parametrize(
    "spec",
    [{"kinds": ["SHOE_SIZE"]}, {"kinds": []}, {"min_score": 1.5}, {"colour": "red"}],
    ids=["unknown kind", "no kinds", "score above one", "unknown field"],
)
def test_invalid_personal_data_specs_are_rejected(spec):
    with pytest.raises(ValidationError):
        parse_check({"type": "personal_data", **spec})


CREDITS = [
    ("Foto: Ayşe Demir", []),
    ("Bild © Jonas Weber", []),
    ("© 2025 Lena Hartmann", []),
    ("Quelle: Senatskanzlei, Foto: Max Krüger", []),
    ("Heute hat uns Ayşe Demir besucht.", ["Ayşe Demir"]),
    ("Foto: Ayşe Demir. Im Bild: Herr Jonas Weber", ["Jonas Weber"]),
]


@pytest.mark.parametrize(("text", "want"), CREDITS, ids=[c[0] for c in CREDITS])
def test_authors_named_in_credit_lines_are_allowed(text, want):
    check = parse_check({"type": "personal_data", "kinds": ["PERSON"]})
    assert [text[hit.start : hit.end] for hit in check.run(Draft(text=text))] == want


def test_credits_are_reported_when_the_rule_does_not_allow_them():
    check = parse_check({"type": "personal_data", "kinds": ["PERSON"], "allow_credits": False})
    assert [hit.kind for hit in check.run(Draft(text="Foto: Ayşe Demir"))] == ["PERSON"]
