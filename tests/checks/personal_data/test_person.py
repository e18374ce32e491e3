"""Person names: table of (text, expected names), including words that are also names."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leitplanke.checks.personal_data import detect_personal_data
from leitplanke.checks.personal_data.person import previous_word
from tests.checks.personal_data.spans import found

CASES = [
    ("first name and surname", "Heute stellt sich Anna Schmidt vor.", ["Anna Schmidt"]),
    ("unknown surname", "Danke an Franziska Giffey!", ["Franziska Giffey"]),
    ("turkish name", "Ansprechpartner ist Mehmet Yılmaz.", ["Mehmet Yılmaz"]),
    ("double first name", "Anna-Lena Vogt kommt", ["Anna-Lena Vogt"]),
    ("double surname", "mit Hanna Weber-Schulz", ["Hanna Weber-Schulz"]),
    ("particle", "Ursula von der Leyen sprach", ["Ursula von der Leyen"]),
    ("title and surname", "Wir danken Herrn Wolf.", ["Wolf"]),
    ("academic title", "Prof. Dr. med. Jana Richter leitet", ["Jana Richter"]),
    ("role before name", "Unsere Kollegin Lea hilft", ["Lea"]),
    ("speech verb", "„Das ist gut“, sagt Müller.", ["Müller"]),
    ("speech verb after", "Schmidt betonte die Bedeutung", ["Schmidt"]),
    ("salutation", "Liebe Frau Kowalczyk, danke!", ["Kowalczyk"]),
    ("initial", "Lena K., 34, aus Pankow", ["Lena K."]),
    ("title and initial", "Frau M. aus Pankow rief an", ["M."]),
    ("initial ends the sentence", "Das sagt Lena. Kommt alle!", ["Lena"]),
    ("animal", "Der Wolf ist zurück in Brandenburg.", []),
    ("month", "Im Mai feiern wir. Mai ist schön.", []),
    ("month before surname-like noun", "Im August Programm ansehen", []),
    ("city", "Berlin sagt Danke!", []),
    ("city after title-like noun", "eine Frau Mitte 40", []),
    ("article before title noun", "Die Frau des Jahres", []),
    ("lone first name stays below threshold", "Anna kommt morgen.", []),
    ("street named after a person", "Gesperrt: Karl-Marx-Allee und Rosa-Luxemburg-Platz", []),
    ("institution named after a person", "Die Anne-Frank-Schule lädt ein", []),
    ("hashtag", "#KaiWegner", []),
    ("handle", "@AnnaSchmidt", []),
    ("all caps", "ANNA SCHMIDT", []),
    ("common words", "Neue Wege für Berlin: Wir bauen Radwege.", []),
    ("word name with known surname", "Rose Schneider kommt", ["Rose Schneider"]),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_person_names_are_found(note, text, want):
    assert found(text, ["PERSON"]).get("PERSON", []) == want


OFFICE_CASES = [
    ("mayor", "Bürgermeisterin Franziska Giffey eröffnete", "Franziska Giffey", "Bürgermeisterin"),
    (
        "governing mayor",
        "Der Regierende Bürgermeister Kai Wegner sagte",
        "Kai Wegner",
        "Regierende Bürgermeister",
    ),
    ("compound office", "Finanzsenator Stefan Evers (CDU)", "Stefan Evers", "Finanzsenator"),
    (
        "genitive office",
        "Sprechstunde des Bezirksbürgermeisters Martin Hikel",
        "Martin Hikel",
        None,
    ),
    (
        "office after name",
        "Iris Spranger, Senatorin für Inneres, sagte",
        "Iris Spranger",
        "Senatorin",
    ),
    (
        "office in apposition before",
        "Die Senatorin für Bildung, Jugend und Familie, Katharina Günther-Wünsch, kam",
        "Katharina Günther-Wünsch",
        "Senatorin",
    ),
    ("colleague is no office", "Kollegin Sabine Wolf geht in Rente", "Sabine Wolf", None),
    ("conjunction is no apposition", "Die Senatorin und Anna Schmidt kamen", "Anna Schmidt", None),
]


@pytest.mark.parametrize(
    ("note", "text", "name", "role"), OFFICE_CASES, ids=[case[0] for case in OFFICE_CASES]
)
def test_office_holders_in_their_role_are_marked(note, text, name, role):
    (entity,) = detect_personal_data(text, ["PERSON"])
    assert text[entity.start : entity.end] == name
    if note == "genitive office":
        role = "Bezirksbürgermeisters"
    assert entity.role == role


def test_a_lone_first_name_is_found_below_the_default_threshold():
    (entity,) = detect_personal_data("Anna kommt morgen.", ["PERSON"], min_score=0.3)
    assert entity.score < 0.5


# What `previous_word` finds, as a regular expression searched in the window before `start`.
PREVIOUS_WORD = re.compile(r"(\w+)[ \u00a0]$")


@settings(max_examples=500)
@given(
    st.text(alphabet="ab Ä1_(-.\n\u00a0", max_size=30),
    st.integers(min_value=0, max_value=35),
    st.integers(min_value=0, max_value=30),
)
def test_the_previous_word_is_what_the_search_before_the_position_finds(
    text: str, start: int, reach: int
) -> None:
    start = min(start, len(text))
    match = PREVIOUS_WORD.search(text, max(0, start - reach), start)
    assert previous_word(text, start, reach) == (match.group(1) if match else None)
