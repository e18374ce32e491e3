"""Detects numbers of German identity cards (Personalausweis) and passports (Reisepass)."""

import re
from typing import Final

from leitplanke.checks.personal_data.detector import Detector, Pattern
from leitplanke.checks.personal_data.entity import Entity

# Since 2010 document numbers use digits and these letters only (no vowels, no B, D, Q, S).
ALPHABET: Final = "CFGHJKLMNPRTVWXYZ0123456789"
ID_CARD_FIRST: Final = "LMNPRTVWXY"
PASSPORT_FIRST: Final = "CFGHJK"
WEIGHTS: Final = (7, 3, 1)


def check_digit(serial: str) -> int:
    """The ICAO 9303 check digit (weights 7, 3, 1; letters count A=10 … Z=35)."""
    total = 0
    for index, char in enumerate(serial):
        value = int(char) if char.isdigit() else ord(char) - ord("A") + 10
        total += value * WEIGHTS[index % 3]
    return total % 10


def is_document_number(candidate: str) -> bool:
    """At least two digits; a tenth character of a serial in the document alphabet must be its
    check digit (other formats are not checked)."""
    serial = candidate[:9]
    if sum(char.isdigit() for char in serial) < 2:
        return False
    if len(candidate) == 9 or not set(serial) <= set(ALPHABET):
        return True
    return candidate[9] == str(check_digit(serial))


def serial_pattern(first: str, check: bool) -> str:
    """Nine characters of the document alphabet, the first one of `first`, maybe a check digit."""
    digit = r"\d" if check else ""
    return rf"[{first}](?<![\w-][{first}])[{ALPHABET}]{{8}}{digit}(?![\w-])"


def serial_gate(first: str, check: bool) -> str:
    """What every match of `serial_pattern(first, check)` contains."""
    return rf"[{first}][{ALPHABET}]{{8}}" + (r"\d" if check else "")


# Older German and foreign documents: nine or ten letters and digits, reported only in context.
OTHER_FORMAT: Final = r"[0-9A-Z](?<![\w-][0-9A-Z])[0-9A-Z]{8,9}(?![\w-])"
OTHER_GATE: Final = "[0-9A-Z]{9}"


def patterns(first: str, document: str) -> tuple[Pattern, ...]:
    """The serial with check digit, likely on its own, and without it, likely only in context."""
    return (
        Pattern(
            serial_pattern(first, True),
            0.5,
            f"{document} mit gültiger Prüfziffer",
            gate=serial_gate(first, True),
        ),
        Pattern(
            serial_pattern(first, False),
            0.3,
            f"{document} im Format seit 2010",
            gate=serial_gate(first, False),
        ),
        Pattern(OTHER_FORMAT, 0.1, f"{document} in älterem oder fremdem Format", gate=OTHER_GATE),
    )


# One gate for both detectors: the shared pass looks for it once.
DOCUMENT_GATE: Final = serial_gate(ID_CARD_FIRST + PASSPORT_FIRST, False)
ID_CARD_CONTEXT: Final = (
    "Personalausweis*",
    "Ausweis*",
    "Perso",
    "Dokumentennummer",
    "Seriennummer",
    "ID-Karte",
    "ID card",
)
PASSPORT_CONTEXT: Final = (
    "Reisepass*",
    "Pass",
    "Passes",
    "Passnummer",
    "Pass-Nr",
    "Pass-Nr.",
    "Kinderreisepass",
    "Passport",
    "Dokumentennummer",
)


def triggers(context: tuple[str, ...]) -> tuple[str, ...]:
    """The context words in lower case, as triggers: numbers in other formats need them."""
    return tuple(word.rstrip("*").lower() for word in context)


# A passport number right after its label, in any country's format: "Reisepass (Nr. FX 482913)",
# "Reisepass Nr. U 20418873", "Passnummer Ihres Gastes (JKFYPLWCM)". Each label starts with its
# capital and looks back from it: the regex engine skips ahead to those letters.
LABELLED_PASSPORT: Final = re.compile(
    r"(?:K(?<![\w-]K)inderreisepass|R(?<![\w-]R)eisepass|P(?<![\w-]P)(?:ass|assport))"
    r"(?:nummer|-Nummer|-Nr\.?|nr\.?)?"
    r"(?![\w-])[ \u00a0]*(?:(?:[\w.-]+[ \u00a0]+){0,3}?)[(:]?[ \u00a0]*"
    r"(?:(?:Nr\.?|Nummer|No\.?)[ \u00a0]*:?[ \u00a0]*)?"
    r"(?P<number>[A-Z]{1,2}[ \u00a0]?\d{6,9}|\d{7,10}|[A-Z0-9]{9,10})(?![\w-])"
)
LETTERS_ONLY_SERIAL: Final = frozenset(ALPHABET) - frozenset("0123456789")


def is_labelled_passport_number(candidate: str) -> bool:
    """Digits after a letter prefix, or nine characters of the document alphabet: nine letters
    without a vowel are no German word ("JKFYPLWCM")."""
    if sum(char.isdigit() for char in candidate) >= 5:
        return True
    return len(candidate) == 9 and set(candidate) <= LETTERS_ONLY_SERIAL | set("0123456789")


def find_labelled_passports(text: str) -> list[Entity]:
    """Passport numbers after their label ("Reisepass Nr. U 20418873")."""
    found = []
    for match in LABELLED_PASSPORT.finditer(text):
        number = match.group("number")
        if is_labelled_passport_number(number):
            found.append(
                Entity(
                    "PASSPORT",
                    match.start("number"),
                    match.end("number"),
                    0.85,
                    "Passnummer nach Kennzeichnung „Reisepass“ oder „Passnummer“",
                )
            )
    return found


DETECTORS: Final[tuple[Detector, ...]] = (
    Detector(
        name="id_card",
        kind="ID_CARD",
        patterns=patterns(ID_CARD_FIRST, "Ausweisnummer"),
        context=ID_CARD_CONTEXT,
        context_boost=0.45,
        window=60,
        validate=is_document_number,
        gate=DOCUMENT_GATE,
        triggers=triggers(ID_CARD_CONTEXT),
    ),
    Detector(
        name="passport",
        kind="PASSPORT",
        patterns=patterns(PASSPORT_FIRST, "Passnummer"),
        context=PASSPORT_CONTEXT,
        context_boost=0.45,
        window=60,
        validate=is_document_number,
        find=find_labelled_passports,
        gate=DOCUMENT_GATE,
        triggers=triggers(PASSPORT_CONTEXT),
    ),
)
