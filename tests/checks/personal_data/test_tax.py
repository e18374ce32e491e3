"""Tax identifiers: tables of (text, expected numbers) for Steuer-ID, Steuernummer, USt-IdNr."""

import pytest

from leitplanke.checks.personal_data import detect_personal_data
from tests.checks.personal_data.spans import found

TAX_ID_CASES = [
    ("steuer-id with context", "Steuer-ID: 36574261809", ["36574261809"]),
    ("grouped", "Ihre IdNr 36 574 261 809", ["36 574 261 809"]),
    ("valid without context", "Nummer 36574261809", ["36574261809"]),
    ("bad check digit", "Steuer-ID: 36574261808", []),
    ("leading zero", "Steuer-ID: 06574261809", []),
    ("steuernummer with context", "Steuernummer 13/815/08153", ["13/815/08153"]),
    ("steuernummer alone is too weak", "Vorgang 13/815/08153", []),
    ("phone with context is no tax id", "Tel. 36574261809", []),
]
VAT_CASES = [
    ("german", "USt-IdNr. DE136695976", ["DE136695976"]),
    ("german without context", "DE136695976", ["DE136695976"]),
    ("bad check digit", "USt-IdNr. DE136695977", []),
    ("austrian", "UID ATU13585627", ["ATU13585627"]),
    ("swiss", "CHE-116.281.710 MWST", ["CHE-116.281.710 MWST"]),
    ("inside a word", "XDE136695976", []),
]


@pytest.mark.parametrize(("note", "text", "want"), TAX_ID_CASES, ids=[c[0] for c in TAX_ID_CASES])
def test_tax_identifiers_are_found(note, text, want):
    assert found(text, ["TAX_ID"]).get("TAX_ID", []) == want


@pytest.mark.parametrize(("note", "text", "want"), VAT_CASES, ids=[c[0] for c in VAT_CASES])
def test_vat_identifiers_are_found(note, text, want):
    assert found(text, ["VAT_ID"]).get("VAT_ID", []) == want


def test_context_makes_a_steuer_id_nearly_certain():
    (entity,) = detect_personal_data("Steuer-Identifikationsnummer 36574261809", ["TAX_ID"])
    assert entity.score >= 0.9
    assert entity.reason.startswith("Steuer-ID mit gültiger Prüfziffer")
