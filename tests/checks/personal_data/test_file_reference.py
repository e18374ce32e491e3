"""File reference numbers: table of (text, expected references)."""

import pytest

from tests.checks.personal_data.spans import found

CASES = [
    ("labelled", "Bitte Az. 12-3456/2024 angeben", ["12-3456/2024"]),
    ("administrative", "Az.: II A 12 – 0345/2023 bitte angeben", ["II A 12 – 0345/2023"]),
    (
        "geschäftszeichen",
        "Geschäftszeichen: SenInnDS II B 3 - 0815/2024",
        ["SenInnDS II B 3 - 0815/2024"],
    ),
    ("label without period", "Bitte Az 12/3456 angeben", ["12/3456"]),
    ("kassenzeichen", "Kassenzeichen 0815.4711.2024", ["0815.4711.2024"]),
    ("court", "Urteil 12 O 345/21 des Landgerichts", ["12 O 345/21"]),
    ("constitutional court", "Beschluss 2 BvR 1234/19", ["2 BvR 1234/19"]),
    ("federal court with its name", "BGH XII ZR 123/20", ["BGH XII ZR 123/20"]),
    ("vorgang", "Vorgang 250314-1732-e047221", ["250314-1732-e047221"]),
    ("kassenzeichen with dots", "Kassenzeichen 0123.4567.8901", ["0123.4567.8901"]),
    ("double slash", "BG-Nummer 96301//0047113", ["96301//0047113"]),
    ("tagebuchnummer", "Tagebuchnummer 3711/25", ["3711/25"]),
    ("einsatznummer", "Einsatznummer E-25-041187", ["E-25-041187"]),
    ("office and district", "Az. JA Pankow 4-0871/25", ["JA Pankow 4-0871/25"]),
    ("kundennummer", "Ihre Kundennummer 4711-0815", ["4711-0815"]),
    ("antragsnummer", "Antragsnummer: A-2025-00412", ["A-2025-00412"]),
    ("abbreviated number", "Ihre Vorgangsnr. 2025/4411", ["2025/4411"]),
    ("hyphenated abbreviation", "Kunden-Nr. 883112", ["883112"]),
    ("fallnummer", "Fallnummer 12-883", ["12-883"]),
    ("ticket", "Ticket-Nr.: INC-2025-7781", ["INC-2025-7781"]),
    ("your reference", "Ihr Zeichen: 45-2211/25", ["45-2211/25"]),
    ("label without number", "Das Aktenzeichen folgt per Post.", []),
    ("procedure, no number", "Der Vorgang wurde abgeschlossen.", []),
    ("small count after label", "Vorgang 2 der Sitzung", []),
    ("traffic sign", "Das Zeichen 205 regelt die Vorfahrt.", []),
    ("school year", "Schuljahr 2024/25", []),
    ("fraction", "3 von 4/5 Fällen", []),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_file_references_are_found(note, text, want):
    assert found(text, ["FILE_REFERENCE"]).get("FILE_REFERENCE", []) == want
