"""IBANs: table of (text, expected IBANs); only valid checksums count."""

import pytest

from tests.checks.personal_data.spans import found

CASES = [
    ("grouped", "IBAN: DE89 3704 0044 0532 0130 00", ["DE89 3704 0044 0532 0130 00"]),
    ("contiguous", "an DE89370400440532013000 überweisen", ["DE89370400440532013000"]),
    ("austrian", "AT61 1904 3002 3457 3201", ["AT61 1904 3002 3457 3201"]),
    ("bad checksum", "IBAN DE89 3704 0044 0532 0130 01", []),
    ("bad check digits", "DE00 3704 0044 0532 0130 00", []),
    ("too short", "DE89 3704 0044", []),
    (
        "followed by BIC",
        "DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX",
        ["DE89 3704 0044 0532 0130 00"],
    ),
    ("lower case is prose", "de89 3704 0044 0532 0130 00", []),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_ibans_with_valid_checksum_are_found(note, text, want):
    assert found(text, ["IBAN"]).get("IBAN", []) == want
