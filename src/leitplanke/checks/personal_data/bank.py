"""Detects IBANs (International Bank Account Numbers) and keeps only those with a valid checksum."""

from functools import lru_cache
from typing import Final

from stdnum import iban

from leitplanke.checks.personal_data.detector import Detector, Pattern

# Country code, check digits, then the account part: in groups of four or run together. (The
# look-behind after the first letter keeps the regex engine's fast skip to capital letters.)
COUNTRY: Final = r"[A-Z](?<![\w-][A-Z])[A-Z]\d\d"
GROUPED: Final = (
    rf"{COUNTRY}(?:[ \u00a0][A-Z0-9]{{4}}){{2,7}}(?:[ \u00a0][A-Z0-9]{{1,3}})?(?![\w-])"
)
CONTIGUOUS: Final = rf"{COUNTRY}[A-Z0-9]{{11,30}}(?![\w-])"


@lru_cache(maxsize=1024)
def is_iban(candidate: str) -> bool:
    """The ISO 13616 checksum (mod 97) and the country's length and format hold."""
    compact = "".join(candidate.split())
    rearranged = compact[4:] + compact[:4]
    # The quick checksum first: python-stdnum's full validation is slow and rarely needed.
    if int("".join(str(int(char, 36)) for char in rearranged)) % 97 != 1:
        return False
    return bool(iban.is_valid(compact))


DETECTORS: Final[tuple[Detector, ...]] = (
    Detector(
        name="iban",
        kind="IBAN",
        patterns=(
            Pattern(
                GROUPED,
                1.0,
                "IBAN mit gültiger Prüfsumme",
                gate=r"[A-Z][A-Z]\d\d[ \u00a0][A-Z0-9]{4}[ \u00a0][A-Z0-9]{4}",
            ),
            Pattern(
                CONTIGUOUS, 1.0, "IBAN mit gültiger Prüfsumme", gate=r"[A-Z][A-Z]\d\d[A-Z0-9]{11}"
            ),
        ),
        validate=is_iban,
        gate=r"[A-Z][A-Z][0-9][0-9]",
    ),
)
