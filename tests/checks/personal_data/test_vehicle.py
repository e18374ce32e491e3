"""Vehicle registration plates: table of (text, expected plates)."""

import pytest

from tests.checks.personal_data.spans import found

CASES = [
    ("berlin", "Kennzeichen B-AB 1234", ["B-AB 1234"]),
    ("hyphen without context", "Der B-XY 4711 stand dort", ["B-XY 4711"]),
    ("electric", "Auto mit M-EL 123E", ["M-EL 123E"]),
    ("space only with context", "Das Auto HH AB 123 parkt", ["HH AB 123"]),
    ("space only without context", "Linie HH AB 123", []),
    ("unknown district", "Kennzeichen QQ-AB 123", []),
    ("too long", "Kennzeichen B-AB 12345", []),
    ("bus line", "Bus M 29 und S 7", []),
    ("motorway", "Stau auf der A 100", []),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_plates_are_found(note, text, want):
    assert found(text, ["PLATE"]).get("PLATE", []) == want
