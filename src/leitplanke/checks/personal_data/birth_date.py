"""Detects dates of birth: a calendar date with a birth word ("geboren", "geb.", "*") near it."""

import re
from datetime import date
from typing import Final

from leitplanke.checks.personal_data.detector import Detector, Pattern

MONTHS: Final = {
    "januar": 1,
    "jänner": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "märz": 3,
    "mär": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}
MONTH_NAMES: Final = "|".join(sorted((name.capitalize() for name in MONTHS), key=len, reverse=True))
# A day (1–31, maybe with a leading zero) not preceded by a digit or period. The patterns start
# with a digit and look back from it, so that the regex engine skips ahead to the digits: the
# digit taken decides what may follow ("0" a digit 1–9, "1" or "2" any digit, "3" a 0 or 1).
DAY: Final = r"\d(?<![\d.]\d)(?:(?<=0)[1-9]|(?<=[12])\d?|(?<=3)[01]?|(?<=[4-9]))"
NUMERIC: Final = rf"{DAY}\.[ \u00a0]?(?:0?[1-9]|1[0-2])\.[ \u00a0]?(?:19|20)?\d{{2}}(?![\d])"
WORDY: Final = rf"{DAY}\.[ \u00a0]?(?:{MONTH_NAMES})\.?(?:[ \u00a0](?:19|20)\d{{2}})?(?!\w)"
ISO: Final = (
    r"[12](?<!\d[12])(?:(?<=1)9|(?<=2)0)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)"
)
BIRTH_YEAR: Final = r"(?:geboren|geb\.|Jahrgang|Geburtsjahr)[ \u00a0](?:im[ \u00a0]Jahr[ \u00a0]|in[ \u00a0]|:[ \u00a0]?)?(?P<year>(?:19|20)\d{2})(?!\d)"  # noqa: E501
# What every match of these patterns contains, starting at a literal character (which the regex
# engine skips ahead to): a cheap test whether the pattern, slow to try at every digit, can match.
# The detector runs on its triggers alone, so Python asks these gates, not the shared pass.
NUMERIC_GATE: Final = r"\.(?<=\d\.)[ \u00a0]?\d"
WORDY_GATE: Final = r"\.(?<=\d\.)[ \u00a0]?[A-Z]"
ISO_GATE: Final = r"-(?<=\d-)\d\d-\d"
PARTS: Final = re.compile(r"\d+|[^\W\d]+")


def is_calendar_date(candidate: str) -> bool:
    """Day, month and (if given) year make a real date in the past or this year."""
    parts = PARTS.findall(candidate)
    if candidate[:4].isdigit():  # ISO: year-month-day
        parts = [parts[2], parts[1], parts[0]]
    day = int(parts[0])
    month = int(parts[1]) if parts[1].isdigit() else MONTHS.get(parts[1].casefold(), 0)
    year = int(parts[2]) if len(parts) > 2 else 2000
    if year < 100:
        year += 1900 if year > date.today().year % 100 else 2000
    try:
        return date(year, month, day) <= date.today().replace(month=12, day=31)
    except ValueError:
        return False


BIRTH_CONTEXT: Final = (
    "geboren",
    "geb.",
    "Geburtsdatum",
    "Geb.-Datum",
    "Geburtstag*",
    "Geburtsjahr",
    "Jahrgang",
    "born",
    "DOB",
    "*",
)

DETECTORS: Final[tuple[Detector, ...]] = (
    Detector(
        name="date_of_birth",
        kind="DATE_OF_BIRTH",
        patterns=(
            Pattern(NUMERIC, 0.1, "Datum", gate=NUMERIC_GATE),
            Pattern(WORDY, 0.1, "Datum", gate=WORDY_GATE),
            Pattern(ISO, 0.1, "Datum", gate=ISO_GATE),
        ),
        context=BIRTH_CONTEXT,
        context_boost=0.75,
        window=40,
        window_after=15,
        validate=is_calendar_date,
        triggers=(
            "geb.",
            "geb ",
            "geboren",
            "geburt",
            "jahrgang",
            "dob",
            "born",
            "* ",
            "*\u00a0",
            "*0",
            "*1",
            "*2",
            "*3",
        ),
    ),
    Detector(
        name="birth_year",
        kind="DATE_OF_BIRTH",
        patterns=(Pattern(BIRTH_YEAR, 0.45, "Geburtsjahr (ohne Tag und Monat)", group="year"),),
        triggers=("geb.", "geboren", "jahrgang", "geburtsjahr"),
    ),
)
