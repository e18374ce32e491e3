"""Dates of birth: table of (text, expected dates); a date needs a birth word near it."""

import pytest

from tests.checks.personal_data.spans import found

CASES = [
    ("geboren am", "Sie wurde am 12.03.1985 geboren.", ["12.03.1985"]),
    ("geb.", "Anna Schmidt (geb. 1.4.1990)", ["1.4.1990"]),
    ("asterisk", "Max Muster, * 12.03.1985", ["12.03.1985"]),
    ("month name", "geboren am 3. Mai 1990", ["3. Mai 1990"]),
    ("iso", "Geburtsdatum: 1985-03-12", ["1985-03-12"]),
    ("a birth year alone is below threshold", "Jahrgang 1961", []),
    ("date without birth word", "Termin am 12.03.2025", []),
    ("impossible date", "geboren am 31.02.1985", []),
    ("gender star is no birth mark", "Bürger*innen am 12.03.2025", []),
    ("birthday party of an institution", "Geburtstag des Bezirks ist 2026", []),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_dates_of_birth_are_found(note, text, want):
    assert found(text, ["DATE_OF_BIRTH"]).get("DATE_OF_BIRTH", []) == want
