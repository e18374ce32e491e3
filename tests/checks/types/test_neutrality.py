"""Check type `neutrality`: table of (spec, text, expected hits as (kind, matched text))."""

import pytest
from pydantic import ValidationError

from leitplanke.checks.draft import Draft
from leitplanke.checks.types import parse_check

PARTY = [
    ("call to vote", "Wählt die Grünen!", [("party", "Wählt die Grünen")]),
    ("formal call to vote", "Bitte wählen Sie die SPD.", [("party", "wählen Sie die SPD")]),
    ("call after a colon", "Am Sonntag: Wählt AfD!", [("party", "Wählt AfD")]),
    ("party then wählen", "Jetzt Volt wählen!", [("party", "Volt wählen")]),
    ("second vote", "Zweitstimme für die CDU", [("party", "Zweitstimme für die CDU")]),
    ("cross", "Ihr Kreuz bei der Linken", [("party", "Kreuz bei der Linken")]),
    (
        "multi-word party",
        "Wählen Sie Bündnis 90/Die Grünen",
        [("party", "Wählen Sie Bündnis 90/Die Grünen")],
    ),
    ("support", "Unterstützt die FDP!", [("party", "Unterstützt die FDP")]),
    ("own candidate", "Unsere Kandidatin hat geliefert.", [("party", "Unsere Kandidatin")]),
    ("own party", "Das ist unsere Partei.", [("party", "unsere Partei")]),
    # neutral mentions: a party's name alone, factual reports, third person, compounds
    ("factual motion", "Die Fraktion der SPD hat beantragt, die Straße zu sperren.", []),
    ("factual vote", "Die Fraktionen von CDU und AfD stimmten dagegen.", []),
    ("third-person wählt", "Die BVV wählt die Grünen-Politikerin zur Vorsteherin.", []),
    ("third-person unterstützt", "Der Bezirk unterstützt die SPD-Initiative nicht.", []),
    ("result", "Die CDU erhielt 28,2 Prozent der Zweitstimmen.", []),
    ("green as colour", "Wählt die grüne Tonne für Bioabfall!", []),
    ("going to vote", "Gehen Sie am Sonntag wählen!", []),
    ("party wählen as a possibility", "Sie können auch Volt wählen lassen.", []),
]

COMMERCIAL = [
    ("buy at", "Kauft bei GartenProfi!", [("commercial", "Kauft bei")]),
    ("formal buy at", "Kaufen Sie bei uns.", [("commercial", "Kaufen Sie bei")]),
    ("order now", "Jetzt bestellen!", [("commercial", "Jetzt bestellen")]),
    ("voucher code", "Mit Gutscheincode sparen", [("commercial", "Gutscheincode")]),
    ("code with name", "mit dem Code KIEZ20 günstiger", [("commercial", "mit dem Code KIEZ20")]),
    ("discount", "20 % Rabatt auf alles", [("commercial", "20 % Rabatt")]),
    ("affiliate", "*Affiliate-Link", [("commercial", "Affiliate-Link")]),
    (
        "paid partnership",
        "Bezahlte Partnerschaft mit X",
        [("commercial", "Bezahlte Partnerschaft")],
    ),
    ("ad hashtag", "Tolle Schuhe #ad", [("commercial", "#ad")]),
    ("sponsor", "präsentiert von Brause AG", [("commercial", "präsentiert von")]),
    # neutral: third person, warnings, public benefits
    ("third-person buys", "Das Land kauft bei regionalen Anbietern ein.", []),
    ("scam warning", "Vorsicht vor falschen Rabattcodes in SMS!", []),
    ("phishing warning", "Phishing: Niemand fordert Sie auf, jetzt bestellen zu müssen.", []),
    ("social pass", "Mit dem berlinpass gibt es 50 % Rabatt im Tierpark.", []),
    ("company named", "Die BSR holt am Montag den Sperrmüll ab.", []),
    ("code as word", "Der Code of Conduct gilt für alle.", []),
]


@pytest.mark.parametrize(
    ("case", "text", "want"), PARTY + COMMERCIAL, ids=[c[0] for c in PARTY + COMMERCIAL]
)
def test_neutrality_reports_endorsements_only(case, text, want):
    hits = parse_check({"type": "neutrality"}).run(Draft(text=text))
    assert [(hit.kind, text[hit.start : hit.end]) for hit in hits] == want


def test_categories_select_what_is_checked():
    text = "Wählt die SPD! Jetzt bestellen!"
    party = parse_check({"type": "neutrality", "categories": ["party"]}).run(Draft(text=text))
    assert [hit.kind for hit in party] == ["party"]
    shop = parse_check({"type": "neutrality", "categories": ["commercial"]}).run(Draft(text=text))
    assert [hit.kind for hit in shop] == ["commercial"]


def test_own_party_list_replaces_the_default():
    check = parse_check({"type": "neutrality", "party_names": ["Kiezliste"]})
    assert check.run(Draft(text="Wählt die SPD!")) == []
    assert check.run(Draft(text="Wählt die Kiezliste!"))


def test_brands_are_reported_with_endorsing_words_only():
    check = parse_check({"type": "neutrality", "brands": ["Brause AG"]})
    text = "Wir empfehlen die Limo der Brause AG. Die Brause AG hat umgebaut."
    hits = check.run(Draft(text=text))
    assert [text[hit.start : hit.end] for hit in hits] == ["Brause AG"]
    assert hits[0].start == text.index("Brause AG")


def test_exceptions_are_configurable():
    check = parse_check({"type": "neutrality", "exceptions": [r"\bZitat\b"]})
    assert check.run(Draft(text="Zitat: „Wählt die SPD!“")) == []
    assert check.run(Draft(text="Vorsicht: Jetzt bestellen!"))


@pytest.mark.parametrize(
    "spec",
    [{"categories": []}, {"categories": ["religion"]}, {"exceptions": ["("]}],
    ids=["no category", "unknown category", "bad exception"],
)
def test_invalid_neutrality_specs_are_rejected(spec):
    with pytest.raises(ValidationError):
        parse_check({"type": "neutrality", **spec})
