"""Detects telephone numbers: a candidate pattern, then validation against the numbering plan."""

import re
from functools import lru_cache
from typing import Final

import phonenumbers

from leitplanke.checks.personal_data.detector import Detector, Pattern

# A country or trunk prefix, then digit groups with the separators people write: space, hyphen
# (spaced or not), slash, dot, brackets, "+49 (0)30 …". A spaced slash separates two numbers.
SEPARATOR: Final = (
    r"(?:[ \u00a0]?[-–][ \u00a0]?|[/.]|[ \u00a0]|\)[ \u00a0]?|[ \u00a0]?\(0\)[ \u00a0]?)"
)
# Each alternative starts with a literal character, so the regex engine can skip ahead to it; the
# look-behind after that character keeps candidates from starting inside a longer token.
START: Final = r"(?:\+(?<![\w+/.,:-]\+)[1-9]\d*|\((?<![\w+/.,:-]\()0\d+\)?|0(?<![\w+/.,:(-]0)\d+)"
CANDIDATE: Final = rf"{START}(?:{SEPARATOR}\d+){{0,6}}(?![\w/-]|[.,]\d)"
DATE_LIKE: Final = re.compile(
    r"\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{2,4})?"  # 12.03.2024, 1.4.
    r"|\d{4}-\d{2}-\d{2}"  # 2024-03-12
    r"|\d{1,2}[.:]\d{2}\s?[-–]\s?\d{1,2}[.:]\d{2}"  # 10.00-12.00
    r"|(?:19|20)\d{2}\s?[-–/]\s?(?:19|20)?\d{2}$"  # 2023-2024, 2023/24
)
THOUSANDS: Final = re.compile(r"\d{1,3}(?:\.\d{3})+")


@lru_cache(maxsize=4096)
def is_phone_number(candidate: str) -> bool:
    """A valid number under the German (or the given international) numbering plan, not a date."""
    digits = sum(char.isdigit() for char in candidate)
    if not 6 <= digits <= 15 or DATE_LIKE.search(candidate) or THOUSANDS.fullmatch(candidate):
        return False
    try:
        number = phonenumbers.parse(candidate, "DE")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


DETECTORS: Final[tuple[Detector, ...]] = (
    Detector(
        name="phone",
        kind="PHONE",
        patterns=(Pattern(CANDIDATE, 0.65, "Telefonnummer, gültig nach Nummernplan"),),
        context=(
            "Tel",
            "Tel.",
            "Telefon*",
            "Fon",
            "Phone",
            "Handy*",
            "Mobil*",
            "Fax*",
            "Rufnummer*",
            "Durchwahl*",
            "anrufen",
            "Anruf*",
            "ruf",
            "rufen",
            "erreichbar",
            "erreichen",
            "WhatsApp",
            "Signal",
            "Hotline",
            "Nummer",
            "unter",
        ),
        counter_context=(
            "Aktenzeichen",
            "Az.",
            "Kundennummer",
            "Rechnungsnummer",
            "Bestellnummer",
            "Vorgangsnummer",
            "Steuer-ID",
            "Steuernummer",
            "IBAN",
            "Konto*",
        ),
        context_boost=0.3,
        window=40,
        validate=is_phone_number,
        gate=r"(?:^|[^\d.,:])0\d\d|\+\d",
    ),
)
