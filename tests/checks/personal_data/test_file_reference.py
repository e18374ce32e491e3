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
    ("label without number", "Das Aktenzeichen folgt per Post.", []),
    ("school year", "Schuljahr 2024/25", []),
    ("fraction", "3 von 4/5 Fällen", []),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_file_references_are_found(note, text, want):
    assert found(text, ["FILE_REFERENCE"]).get("FILE_REFERENCE", []) == want
