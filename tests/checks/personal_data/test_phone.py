"""Telephone numbers: table of (text, expected numbers), validated against the numbering plan."""

import pytest

from leitplanke.checks.personal_data import detect_personal_data
from tests.checks.personal_data.spans import found

CASES = [
    ("Berlin landline", "Tel. 030 12345678", ["030 12345678"]),
    ("slash", "Rufen Sie 030/9026-0 an", ["030/9026-0"]),
    ("international", "Hotline +49 30 9026-0.", ["+49 30 9026-0"]),
    ("international with (0)", "+49 (0)30 12345678", ["+49 (0)30 12345678"]),
    ("bracketed area code", "(030) 1234567", ["(030) 1234567"]),
    ("mobile", "Handy: 0171 1234567", ["0171 1234567"]),
    ("two numbers", "030 1234567, 0171 7654321", ["030 1234567", "0171 7654321"]),
    ("service number", "kostenlos unter 0800 1110111", ["0800 1110111"]),
    ("date is no number", "am 01.03.2024 geöffnet", []),
    ("iso date", "Stand 2024-03-01", []),
    ("time range", "geöffnet 08.00-12.00 Uhr", []),
    ("year range", "Schuljahr 2024/2025", []),
    ("population count", "rund 3.850.000 Menschen", []),
    ("price", "kostet 12,50 Euro", []),
    ("postcode", "10115 Berlin", []),
    ("short number", "Behördennummer 115", []),
    ("invalid area code", "0000 123456", []),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_phone_numbers_are_found(note, text, want):
    assert found(text, ["PHONE"]).get("PHONE", []) == want


def test_a_context_word_raises_the_score():
    (plain,) = detect_personal_data("Die 030 12345678 ist neu.", ["PHONE"])
    (context,) = detect_personal_data("Telefon: 030 12345678", ["PHONE"])
    assert context.score > plain.score
    assert "Telefon" in context.reason
