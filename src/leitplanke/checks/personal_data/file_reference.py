"""Detects file reference numbers (Aktenzeichen, Geschäftszeichen) of authorities and courts."""

import re
from typing import Final

from leitplanke.checks.personal_data.detector import Detector, Pattern

# Labels of a reference number, long forms (matched as whole words, "-nummer" and "-nr." forms
# generated): "Vorgang 250314-1732-e047221", "Einsatznummer E-25-041187".
LABEL_STEMS: Final = (
    "Vorgang",
    "Vorgangs",
    "Fall",
    "Ticket",
    "Bearbeitungs",
    "Tagebuch",
    "Einsatz",
    "Kunden",
    "Antrags",
    "Bescheid",
    "Akten",
    "Referenz",
    "Buchungs",
    "Rechnungs",
    "Mitglieds",
    "Versicherten",
    "Versicherungs",
    "Personal",
    "Schaden",
    "Schadens",
    "Verfahrens",
    "Anzeigen",
    "Auftrags",
    "Bewerber",
    "Bewerbungs",
    "Teilnehmer",
    "Mandanten",
    "Patienten",
    "Kontroll",
    "Beitrags",
    "Steuer-Akten",
    "BG",
    "Bedarfsgemeinschafts",
    "Leistungs",
    "Sozialversicherungs",
)
NUMBER_FORMS: Final = ("nummer", "-Nummer", "nr.", "-Nr.", "nr", "-Nr", "zeichen")
LABEL_WORDS: Final = (
    "Aktenzeichen",
    "Geschäftszeichen",
    "Gesch.-Z.",
    "Kassenzeichen",
    "Tgb.-Nr.",
    "Tgb.-Nr",
    "Vorgang",
    "Ihr Zeichen",
    "Unser Zeichen",
    "Ihr Az.",
    "Unser Az.",
)


SHORT_LABELS: Final = ("Az.", "AZ", "Az", "Gz.", "GZ", "Gz", "Vg.-Nr.")


def label_pattern(labels: set[str]) -> str:
    """The labels as one alternation by first character, each first character followed by a
    look-behind for a word start: the regex engine skips ahead to those characters."""
    by_first: dict[str, list[str]] = {}
    for label in sorted(labels, key=len, reverse=True):
        by_first.setdefault(label[0], []).append(label[1:])
    return "|".join(
        rf"{re.escape(first)}(?<!\w.)(?:{'|'.join(re.escape(rest) for rest in rests)})"
        for first, rests in sorted(by_first.items())
    )


LABEL_ALTERNATIVES: Final = label_pattern(
    {*LABEL_WORDS, *SHORT_LABELS, *(stem + form for stem in LABEL_STEMS for form in NUMBER_FORMS)}
)
# A labelled reference: "Az.: II A 12 – 0345/2023", "Geschäftszeichen 12-3456/24".
LABELLED: Final = (
    rf"(?:{LABEL_ALTERNATIVES})(?![\w-])"
    r"[ \u00a0]*[:.]?[ \u00a0]*(?:lautet[ \u00a0]|ist[ \u00a0]|Nr\.[ \u00a0]*)?"
    r"(?P<reference>"
    r"(?:[A-ZÄÖÜ0-9][\w/.-]*[\w/]|[A-ZÄÖÜ0-9])"
    r"(?:[ \u00a0](?:[-–][ \u00a0])?(?:\d[\w/.-]*[\w/]|\d|[A-ZÄÖÜ]{1,6}\d*(?![\w/.-])"
    r"|[A-ZÄÖÜ][a-zäöüß]+(?=[ \u00a0]\d[\w/.-]*\d)))*)"
)
# Registers of German courts and public prosecutors: "12 O 345/21", "2 BvR 1234/19",
# "XII ZR 123/20", "234 Js 1234/19", "VG 1 K 123/20".
REGISTERS: Final = (
    "O|S|C|T|U|K|L|F|W|E|Ds|Js|Ls|Ns|Qs|Ss|Cs|Gs|Ks|KLs|AR|Ca|Sa|Ta|Ga|BvR|BvL|BvE|BvF|BvB|BvQ"
    "|ZR|ZB|StR|AZR|ARs|OWi|Ws|UF|WF|XIV|Kap|Zs|Sch|BV|Ha|Nc"
)
# The first character (of a court's letters or the register's number) comes first, with a
# look-behind for a word start: the regex engine skips ahead to such characters instead of
# trying the pattern at every position. The alternatives continue after it and look back at it.
COURT: Final = (
    r"[A-Z\d](?<![\w/][A-Z\d])(?:(?<=[A-Z])[A-Z]{1,3}[ \u00a0](?:\d{1,3}|[IVX]{1,5})"
    r"|(?<=\d)\d{0,2}|(?<=[IVX])[IVX]{0,4})"
    rf"[ \u00a0](?:{REGISTERS})[ \u00a0]\d{{1,6}}/\d{{2}}(?:\d{{2}})?(?![\w/])"
)

LABELS: Final = (
    *{label.lower() for label in LABEL_WORDS if " " not in label},
    *{(stem + form).lower() for stem in LABEL_STEMS for form in NUMBER_FORMS},
    "ihr zeichen",
    "unser zeichen",
    "ihr az",
    "unser az",
    "az.",
    "az:",
    "gz.",
    "gz:",
    "vg.-nr.",
    "az ",
    "gz ",
    "az\u00a0",
    "gz\u00a0",
)
# What every match of `COURT` contains: register number, register, number with slash and year.
COURT_GATE: Final = rf"(?:\d|[IVX])[ \u00a0](?:{REGISTERS})[ \u00a0]\d{{1,6}}/\d\d"


def has_digit(candidate: str) -> bool:
    """References carry at least one digit ("Az. folgt" names none), and more than a small
    count ("Vorgang 2 der Sitzung", "Fall 3")."""
    digits = sum(char.isdigit() for char in candidate)
    return digits >= 3 or (digits >= 1 and len(candidate) >= 4)


DETECTORS: Final[tuple[Detector, ...]] = (
    Detector(
        name="file_reference",
        kind="FILE_REFERENCE",
        patterns=(
            Pattern(LABELLED, 0.9, "Aktenzeichen nach Kennzeichnung", group="reference"),
            Pattern(
                COURT,
                0.7,
                "Aktenzeichen im Format eines Gerichtsregisters",
                gate=COURT_GATE,
            ),
        ),
        context=(
            "Aktenzeichen",
            "Az.",
            "Geschäftszeichen",
            "Verfahren*",
            "Urteil*",
            "Beschluss*",
            "Klage",
            "Gericht*",
            "Amtsgericht",
            "Landgericht",
            "Verwaltungsgericht",
            "Staatsanwaltschaft",
        ),
        context_boost=0.2,
        window=60,
        validate=has_digit,
        gate=COURT_GATE,
        triggers=LABELS,
    ),
)
