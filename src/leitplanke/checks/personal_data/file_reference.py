"""Detects file reference numbers (Aktenzeichen, Geschäftszeichen) of authorities and courts."""

import re

from leitplanke.checks.personal_data.detector import Detector, Pattern

# A labelled reference: "Az.: II A 12 – 0345/2023", "Geschäftszeichen 12-3456/24".
LABELLED = (
    r"(?:\b(?:Aktenzeichen|Geschäftszeichen|Gesch\.-Z\.|Vorgangsnummer|Vorgangs-Nr\.|Fallnummer"
    r"|Ticketnummer|Ticket-Nr\.|Bearbeitungsnummer|Kassenzeichen|Tagebuchnummer|Tagebuch-Nr\."
    r"|Tgb\.-Nr\.|BG-Nummer|BG-Nr\.|Bedarfsgemeinschaftsnummer)"
    r"|(?<!\w)(?:Az\.|AZ|Az|Gz\.|GZ|Gz|Vg\.-Nr\.)(?![\w-]))"
    r"[ \u00a0]*[:.]?[ \u00a0]*(?:lautet[ \u00a0]|ist[ \u00a0])?"
    r"(?P<reference>"
    r"(?:[A-ZÄÖÜ0-9][\w/.-]*[\w/]|[A-ZÄÖÜ0-9])"
    r"(?:[ \u00a0](?:[-–][ \u00a0])?(?:\d[\w/.-]*[\w/]|\d|[A-ZÄÖÜ]{1,6}\d*(?![\w/.-])))*)"
)
# Registers of German courts and public prosecutors: "12 O 345/21", "2 BvR 1234/19",
# "XII ZR 123/20", "234 Js 1234/19", "VG 1 K 123/20".
REGISTERS = (
    "O|S|C|T|U|K|L|F|W|E|Ds|Js|Ls|Ns|Qs|Ss|Cs|Gs|Ks|KLs|AR|Ca|Sa|Ta|Ga|BvR|BvL|BvE|BvF|BvB|BvQ"
    "|ZR|ZB|StR|AZR|ARs|OWi|Ws|UF|WF|XIV|Kap|Zs|Sch|BV|Ha|Nc"
)
COURT = (
    rf"(?<![\w/])(?:[A-Z]{{2,4}}[ \u00a0])?(?:\d{{1,3}}|[IVX]{{1,5}})[ \u00a0](?:{REGISTERS})"
    r"[ \u00a0]\d{1,6}/\d{2}(?:\d{2})?(?![\w/])"
)

LABELS = (
    "aktenzeichen",
    "geschäftszeichen",
    "gesch.-z.",
    "vorgangsnummer",
    "vorgangs-nr.",
    "fallnummer",
    "ticketnummer",
    "ticket-nr.",
    "bearbeitungsnummer",
    "kassenzeichen",
    "tagebuch",
    "tgb.-nr.",
    "bg-n",
    "bedarfsgemeinschaftsnummer",
    "az.",
    "az:",
    "gz.",
    "gz:",
    "vg.-nr.",
    "az ",
    "gz ",
)
# "\d/\d\d", starting at the literal slash: the regex engine skips ahead to slashes.
COURT_GATE = re.compile(r"/(?<=\d/)\d\d")


def could_hold_court_reference(text: str) -> bool:
    """A number with a slash and year as courts write them ("345/21")."""
    return "/" in text and COURT_GATE.search(text) is not None


def has_digit(candidate: str) -> bool:
    """References carry at least one digit ("Az. folgt" names none)."""
    return any(char.isdigit() for char in candidate)


DETECTORS = (
    Detector(
        name="file_reference",
        kind="FILE_REFERENCE",
        patterns=(
            Pattern(LABELLED, 0.9, "Aktenzeichen nach Kennzeichnung", group="reference"),
            Pattern(
                COURT,
                0.7,
                "Aktenzeichen im Format eines Gerichtsregisters",
                gate=COURT_GATE.pattern,
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
        gate=could_hold_court_reference,
        triggers=LABELS,
    ),
)
