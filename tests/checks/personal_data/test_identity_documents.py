"""Identity card and passport numbers: table of (text, expected numbers by kind)."""

import pytest

from leitplanke.checks.personal_data.identity_documents import check_digit
from tests.checks.personal_data.spans import found

CASES = [
    ("id card with check digit", "Nr. T220001293", {"ID_CARD": ["T220001293"]}),
    ("id card in context", "Personalausweis L01X00T47", {"ID_CARD": ["L01X00T47"]}),
    ("id card without context", "Code L01X00T47", {}),
    ("wrong check digit", "Personalausweis T220001294", {}),
    ("passport in context", "Reisepass C01X00T47", {"PASSPORT": ["C01X00T47"]}),
    ("passport with check digit", "Pass C01X00T478", {"PASSPORT": ["C01X00T478"]}),
    ("other format in context", "Personalausweis TA2000129", {"ID_CARD": ["TA2000129"]}),
    ("other format without context", "Bestellung TA2000129", {}),
    ("old numeric card in context", "Personalausweis 1220001297", {"ID_CARD": ["1220001297"]}),
    ("too few digits", "Personalausweis LMNPRTVWX", {}),
    ("foreign passport in parentheses", "Reisepass (Nr. FX 482913)", {"PASSPORT": ["FX 482913"]}),
    ("letter and digits", "Reisepass Nr. U 20418873", {"PASSPORT": ["U 20418873"]}),
    (
        "letters of the document alphabet",
        "Passnummer Ihres Gastes (JKFYPLWCM)",
        {"PASSPORT": ["JKFYPLWCM"]},
    ),
    ("pass-nr.", "Pass-Nr.: C4J7K9LM2", {"PASSPORT": ["C4J7K9LM2"]}),
    ("digits only", "Reisepassnummer: 123456789", {"PASSPORT": ["123456789"]}),
    ("year after label", "Reisepass 2025 beantragen", {}),
    ("short number", "Pass Nr. 12", {}),
    ("a word, not a number", "Reisepass beantragen: KINDERPASS", {}),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_document_numbers_are_found(note, text, want):
    assert found(text, ["ID_CARD", "PASSPORT"]) == want


@pytest.mark.parametrize(
    ("serial", "digit"), [("T22000129", 3), ("L01X00T47", 1), ("C01X00T47", 8)]
)
def test_check_digit_follows_icao_9303(serial, digit):
    assert check_digit(serial) == digit
