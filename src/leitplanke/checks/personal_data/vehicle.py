"""Detects German vehicle registration plates whose district code exists ("B-AB 1234")."""

import re
from typing import Final

from leitplanke.checks.personal_data.detector import Detector, Pattern
from leitplanke.checks.personal_data.lexicon import plate_codes

PLATE: Final = re.compile(r"([A-ZÄÖÜ]{1,3})[- \u00a0]([A-Z]{1,2})[- \u00a0]?([1-9]\d{0,3})[EH]?")


def plate(separator: str) -> str:
    """District code, `separator`, one or two letters, one to four digits, E or H suffix."""
    return (
        rf"[A-ZÄÖÜ](?<![\w-][A-ZÄÖÜ])[A-ZÄÖÜ]{{0,2}}{separator}[A-Z]{{1,2}}[- \u00a0]?"
        r"[1-9]\d{0,3}"
        r"[EH]?(?![\w-])"
    )


def is_plate(candidate: str) -> bool:
    """A known district code and at most eight letters and digits together."""
    match = PLATE.fullmatch(candidate)
    if match is None or match.group(1) not in plate_codes():
        return False
    return sum(len(part) for part in match.groups()) <= 8


DETECTORS: Final[tuple[Detector, ...]] = (
    Detector(
        name="plate",
        kind="PLATE",
        patterns=(
            Pattern(plate("-"), 0.65, "Kfz-Kennzeichen mit gültigem Unterscheidungszeichen"),
            Pattern(plate(r"[ \u00a0]"), 0.45, "mögliches Kfz-Kennzeichen"),
        ),
        context=(
            "Kennzeichen",
            "Kfz*",
            "Auto*",
            "Pkw*",
            "PKW*",
            "Lkw*",
            "LKW*",
            "Fahrzeug*",
            "Wagen",
            "Transporter",
            "Motorrad",
            "Roller",
            "Nummernschild*",
            "parkt*",
            "geparkt",
            "Falschparker*",
            "Halter*",
            "Fahrer*",
            "abgeschleppt",
        ),
        context_boost=0.3,
        window=60,
        validate=is_plate,
        gate=r"[A-Z][- \u00a0][A-Z][A-Z]?[- \u00a0]?[1-9]",
    ),
)
