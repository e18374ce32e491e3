"""Special categories (Art. 9 GDPR): table of (text, expected terms) tied to a person."""

import pytest

from leitplanke.checks.personal_data import detect_personal_data
from tests.checks.personal_data.spans import found

CASES = [
    ("health of a named person", "Herr Müller ist schwer krank.", ["krank"]),
    ("specific term of two", "Unser Kollege Tim Becker ist an Krebs erkrankt.", ["Krebs"]),
    (
        "two specific terms join",
        "Er ist chronisch krank, Diabetiker.",
        ["chronisch krank, Diabetiker"],
    ),
    ("religion", "Anna Schmidt ist Muslima und trägt ein Kopftuch.", ["Muslima", "Kopftuch"]),
    ("orientation by pronoun", "Er ist schwul und lebt in Neukölln.", ["schwul"]),
    ("possessive", "Frau Yılmaz spricht offen über ihre Depression.", ["Depression"]),
    ("party membership", "Thomas Fischer ist Mitglied der AfD.", ["Mitglied der AfD"]),
    ("union membership", "Sie ist Mitglied bei ver.di.", ["Mitglied bei ver.di"]),
    ("pregnancy", "Unsere Kollegin Lea ist schwanger.", ["schwanger"]),
    ("compound condition", "Frau Yılmaz spricht über ihre Krebsdiagnose.", ["Krebsdiagnose"]),
    ("apposition", "Anna Schmidt (Diabetikerin) kam.", ["Diabetikerin"]),
    ("initial and age", "Herr K., 54, Muslim, engagiert sich.", ["Muslim"]),
    ("compound topic", "Das Krebsforschungszentrum lädt ein. Herr Müller ist Arzt.", []),
    ("group, not person", "Wir beraten Menschen mit Behinderung.", []),
    ("topic, not person", "Frau Müller ist Ansprechpartnerin für Demenz.", []),
    ("generic advice", "Wenn Ihr Kind krank ist, bleibt es zu Hause.", []),
    ("attributive adjective", "Die Jüdische Gemeinde lädt ein.", []),
    ("plural statement", "Viele Berlinerinnen sind evangelisch.", []),
    ("no predicate", "Kopftuch und Kippa im Museum", []),
    ("compound noun", "Anna Schmidt ist Krebsforscherin.", []),
    ("office holder's party in parentheses", "Kai Wegner (CDU) sagte", []),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_special_categories_are_found_when_tied_to_a_person(note, text, want):
    assert found(text, ["SPECIAL_CATEGORY"]).get("SPECIAL_CATEGORY", []) == want


def test_the_reason_names_the_category_and_the_tie():
    (entity,) = detect_personal_data("Anna Schmidt ist Muslima.", ["SPECIAL_CATEGORY"])
    assert entity.reason.startswith("Angabe zur Religion oder Weltanschauung einer Person")
    assert entity.reason.endswith("Bezug: Name")
