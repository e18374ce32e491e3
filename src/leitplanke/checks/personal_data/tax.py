"""Detects German tax identifiers: Steuer-ID and Steuernummer (TAX_ID), USt-IdNr. (VAT_ID)."""

from typing import Final

from stdnum.at import uid
from stdnum.ch import uid as ch_uid
from stdnum.de import idnr, stnr
from stdnum.de import vat as de_vat

from leitplanke.checks.personal_data.detector import Detector, Pattern

TAX_ID_CONTEXT: Final = (
    "Steuer-ID",
    "Steuer-IdNr",
    "Steuer-Identifikationsnummer",
    "Steueridentifikationsnummer",
    "Steuer-Identnummer",
    "Identifikationsnummer",
    "IdNr",
    "Steuer-Nr",
    "Steuernummer",
    "St.-Nr.",
    "StNr",
    "TIN",
    "Finanzamt",
    "steuerlich*",
)
VAT_CONTEXT: Final = (
    "USt-IdNr",
    "USt-IdNr.",
    "USt.-IdNr.",
    "USt-ID",
    "Umsatzsteuer*",
    "UID",
    "VAT",
    "MwSt",
    "MWST",
)


def is_tax_identifier(candidate: str) -> bool:
    """A Steuer-ID with valid check digit (11 digits) or a valid Steuernummer of a Land."""
    if "/" in candidate:
        return bool(stnr.is_valid(candidate))
    return bool(idnr.is_valid(candidate))


def is_vat_identifier(candidate: str) -> bool:
    """A German, Austrian or Swiss VAT number with valid check digit."""
    compact = candidate.replace(" ", "").replace("\u00a0", "")
    if compact.startswith("DE"):
        return bool(de_vat.is_valid(compact))
    if compact.startswith("ATU"):
        return bool(uid.is_valid(compact))
    return bool(ch_uid.is_valid(compact.removesuffix("MWST")))


DETECTORS: Final[tuple[Detector, ...]] = (
    Detector(
        name="tax_id",
        kind="TAX_ID",
        patterns=(
            Pattern(
                r"\d(?<![\w.,/-]\d)(?:\d{10}|\d[ \u00a0]\d{3}[ \u00a0]\d{3}[ \u00a0]\d{3})"
                r"(?![\w/-]|[.,]\d|[ \u00a0]\d)",
                0.55,
                "Steuer-ID mit gültiger Prüfziffer",
                gate=r"\d{11}|\d\d[ \u00a0]\d{3}[ \u00a0]\d{3}[ \u00a0]\d{3}",
            ),
            Pattern(
                r"\d(?<![\w.,/-]\d)\d{1,2}/\d{3,4}/\d{4,5}(?![\w/-]|[.,]\d)",
                0.35,
                "Steuernummer im Format eines Landes",
                gate=r"\d\d/\d{3,4}/\d{4}",
            ),
        ),
        context=TAX_ID_CONTEXT,
        counter_context=(
            "Tel*",
            "Fax*",
            "Kundennummer",
            "Rechnungsnummer",
            "Bestellnummer",
            "Auftragsnummer",
            "Vorgangsnummer",
            "Aktenzeichen",
            "Az.",
        ),
        context_boost=0.4,
        window=60,
        validate=is_tax_identifier,
        # Either pattern's gate: the detector runs only where one of them can match.
        gate=r"\d{11}|\d\d[ \u00a0]\d{3}[ \u00a0]\d{3}[ \u00a0]\d{3}|\d\d/\d{3,4}/\d{4}",
    ),
    Detector(
        name="vat_id",
        kind="VAT_ID",
        patterns=(
            Pattern(
                r"(?:D(?<![\w-]D)E[ \u00a0]?\d{9}|A(?<![\w-]A)TU\d{8}"
                r"|C(?<![\w-]C)HE-?\d{3}\.?\d{3}\.?\d{3}(?:[ \u00a0]?MWST)?)(?![\w-])",
                0.85,
                "USt-IdNr. mit gültiger Prüfziffer",
            ),
        ),
        context=VAT_CONTEXT,
        context_boost=0.15,
        validate=is_vat_identifier,
        # What every candidate contains: a country prefix with the start of its digits.
        gate=r"DE[ \u00a0]?\d{9}|ATU\d{8}|CHE-?\d{3}",
    ),
)
