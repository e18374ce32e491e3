"""Postal addresses: table of (text, expected addresses)."""

import pytest

from leitplanke.checks.personal_data import detect_personal_data
from tests.checks.personal_data.spans import found

CASES = [
    ("street and number", "Sie wohnt in der Musterstraße 12.", ["Musterstraße 12"]),
    ("abbreviated", "Hardenbergstr. 32a", ["Hardenbergstr. 32a"]),
    ("hyphenated street", "Karl-Marx-Allee 31", ["Karl-Marx-Allee 31"]),
    ("two words", "Frankfurter Allee 35-37", ["Frankfurter Allee 35-37"]),
    (
        "full address",
        "Anschrift: Musterweg 5, 10115 Berlin",
        ["Musterweg 5, 10115 Berlin"],
    ),
    (
        "prefixed street with postcode",
        "Am Lustgarten 1, 10178 Berlin",
        ["Am Lustgarten 1, 10178 Berlin"],
    ),
    ("postcode and town in context", "Er wohnt in 12043 Berlin", ["12043 Berlin"]),
    ("postcode and town alone", "Gilt für 12043 Berlin", []),
    ("price is no postcode", "Preis 10115 Euro", []),
    ("count is no postcode", "12000 Besucher kamen", []),
    ("year is no house number", "Im Jahr 2024 kamen viele", []),
    ("time is no house number", "Platz 1 ab Montag um 10 Uhr", []),
    ("street without number", "Die Karl-Marx-Allee ist gesperrt", []),
    ("street with time", "Alexanderplatz 10 Uhr", []),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_addresses_are_found(note, text, want):
    assert found(text, ["ADDRESS"]).get("ADDRESS", []) == want


def test_an_institution_before_the_address_lowers_the_score():
    (private,) = detect_personal_data("Sie wohnt Karl-Marx-Straße 83", ["ADDRESS"])
    (office,) = detect_personal_data(
        "Rathaus Neukölln, Karl-Marx-Straße 83, 12043 Berlin", ["ADDRESS"], min_score=0
    )
    assert office.score < private.score
    assert "Rathaus" in office.reason
