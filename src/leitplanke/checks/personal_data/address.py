"""Detects postal addresses: street with house number, postcode with town, or both together."""

import re
from typing import Final

from leitplanke.checks.personal_data.detector import WORD_CLASS, Detector, Pattern
from leitplanke.checks.personal_data.lexicon import places

SUFFIXES: Final = [
    "straße",
    "strasse",
    "str.",
    "weg",
    "allee",
    "platz",
    "damm",
    "ufer",
    "gasse",
    "ring",
    "chaussee",
    "promenade",
    "steig",
    "pfad",
    "zeile",
    "markt",
    "brücke",
    "graben",
    "kamp",
    "stieg",
    "twete",
    "anger",
    "wall",
    "korso",
    "passage",
    "terrassen",
]
SEPARATE: Final = (
    "Straße|Str\\.|Allee|Platz|Damm|Ufer|Weg|Ring|Chaussee|Promenade|Steig|Markt|Brücke|Tor"
    "|Park|Landstraße|Gasse|Stern|Graben|Kanal|Zeile|Heerstraße"
)
# Every street starts at a capital letter that does not continue a longer token. The pattern
# takes that letter first, so that the regex engine skips ahead to capitals; the alternatives
# below continue after it and look back at it.
CAPITAL: Final = rf"[A-ZÄÖÜ](?<![{WORD_CLASS}-][A-ZÄÖÜ])"
# Lower case within a word ("Sonnenallee"), capitalised after a hyphen ("Karl-Marx-Allee").
FORMS: Final = {form for suffix in SUFFIXES for form in (suffix, "-" + suffix.capitalize())}
# One look-behind per suffix length (a look-behind's alternatives must be equally long).
ENDS_AS_STREET: Final = "|".join(
    "(?<=" + "|".join(re.escape(form) for form in sorted(FORMS) if len(form) == length) + ")"
    for length in sorted({len(form) for form in FORMS})
)
# "Karl-Marx-Allee", "Sonnenallee", "Frankfurter Allee", "Alt-Moabit", "Platz der Luftbrücke".
# The rest of the capitalised word is taken whole (possessive: no backtracking into it); the
# look-ahead for the house number comes first: it rules out most words cheaply.
NAMED_STREET: Final = (
    rf"[{WORD_CLASS}'’-]*+(?:(?=[ \u00a0][1-9])(?:{ENDS_AS_STREET})|(?<=[sS]tr)\.(?=[ \u00a0][1-9])"
    rf"|(?<=[ers])[ \u00a0](?:{SEPARATE}))"
    rf"|(?<=[ASP])(?:(?<=A)lt-[A-ZÄÖÜ][{WORD_CLASS}'’-]*+"
    rf"|(?:(?<=S)traße|(?<=P)latz)[ \u00a0]de[rs][ \u00a0][A-ZÄÖÜ][{WORD_CLASS}'’-]*+)"
)
# Nouns after "Im"/"Am" that make a time or a quantity, not a street ("Im Jahr 2024").
NOT_STREETS: Final = (
    "Jahr|Jahre|Monat|Alter|Durchschnitt|Schnitt|Schuljahr|Vorjahr|Zeitraum|Bereich|Raum|Haus"
    "|Gebäude|Saal|Kapitel|Abschnitt|Artikel|Rahmen|Zuge|Moment|Umfang|Wert|Januar|Februar|März"
    "|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Montag|Dienstag|Mittwoch"
    "|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Wochenende|Sommer|Winter|Herbst|Frühjahr"
    "|Frühling|Stadtgebiet|Bezirk|Ortsteil|Kiez|Land|Bund|Team|Einsatz|Schichtdienst|Zentrum"
    "|Beispiel|Zeit|Ende|Tag|Vergleich|Anschluss|Auftrag|Namen|Jahresverlauf|Folgenden|Anhang"
)
# "Am Lustgarten", "Unter den Linden": the same words start phrases of time and place. (Here
# and above, one look-behind for the capitals that can start an alternative comes first: at
# every other capital the engine gives up at once instead of trying each alternative.)
PREFIXED_STREET: Final = (
    r"(?<=[AIUZHV])(?:(?<=A)(?:m|n[ \u00a0]de[rn]|uf[ \u00a0]de[rm])|(?<=I)(?:m|n[ \u00a0]de[rn])"
    r"|(?<=U)nter[ \u00a0]den|(?<=Z)u[mr]|(?<=H)inter[ \u00a0]der|(?<=V)or[ \u00a0]dem)"
    rf"[ \u00a0](?!(?:{NOT_STREETS})\b)[A-ZÄÖÜ][{WORD_CLASS}'’-]*+"
)
HOUSE_NUMBER: Final = (
    r"[1-9]\d{0,2}(?:[ \u00a0]?[a-h](?![\w]))?(?:[ \u00a0]?[-–/][ \u00a0]?[1-9]\d{0,2}[a-h]?)?"
    r"(?![\w%€]|[.,:]\d|[ \u00a0]?(?:Uhr|Euro|EUR|Prozent|Jahr|Monat|Woche|Tag|km|m\b|Meter"
    r"|Minute|Stunde|Person|Mensch|Teilnehm|Plätze|Stück|Mal\b|bis\b))"
)
POSTCODE_TOWN: Final = (
    r"\d{5}[ \u00a0]+(?P<town>[A-ZÄÖÜ][\w]+(?:-[A-ZÄÖÜ][\w]+)*"
    r"(?:[ \u00a0](?:an[ \u00a0]der|am|im|in|a\.[ \u00a0]?d\.)[ \u00a0][A-ZÄÖÜ][\w]+)?)"
)
POSTCODE_TOWN_RE: Final = re.compile(r"(?P<code>\d{5})[ \u00a0]+(?P<town>[A-ZÄÖÜ][\w]+)")
TOWN_ENDINGS: Final = (
    "stadt",
    "burg",
    "dorf",
    "hausen",
    "heim",
    "ingen",
    "furt",
    "hagen",
    "stedt",
    "walde",
    "bach",
    "leben",
    "rode",
    "münde",
    "ow",
    "itz",
)
CONTEXT: Final = (
    "wohnt",
    "wohnte",
    "wohnen",
    "wohnhaft",
    "Wohnung",
    "Wohnort",
    "Wohnadresse",
    "Adresse",
    "Anschrift",
    "Meldeadresse",
    "Hausnummer",
    "privat",
    "zuhause",
    "Zuhause",
    "daheim",
    "Nachbar*",
)
# Five digits before a capitalised word, as a postcode before its town.
POSTCODE_GATE: Final = r"[0-9]{5}[ \u00a0]+[A-ZÄÖÜ]"
# A street suffix before a space ("straße 1"), or a word of the address context.
TRIGGERS: Final = (
    *(f"{suffix} " for suffix in SUFFIXES),
    *(f"{suffix}\u00a0" for suffix in SUFFIXES),
    *(word.rstrip("*").lower() for word in CONTEXT),
)


# What every match of the street pattern contains: a street ending ("…straße", "…str.",
# "Allee") right before a house number, "Alt-", or a phrase such as "Am Lustgarten" or "Platz
# der Luftbrücke" followed by a house number.
BEFORE_NUMBER: Final = sorted(
    FORMS | {"Str.", "str."} | set(SEPARATE.replace("\\.", ".").split("|"))
)
COULD_HOLD_STREET: Final = (
    "(?:" + "|".join(re.escape(form) for form in BEFORE_NUMBER) + r")[ \u00a0][1-9]|Alt-"
    r"|(?:A(?:m|n[ \u00a0]de[rn]|uf[ \u00a0]de[rm])|I(?:m|n[ \u00a0]de[rn])|Unter[ \u00a0]den"
    r"|Zu[mr]|Hinter[ \u00a0]der|Vor[ \u00a0]dem|Straße[ \u00a0]de[rs]|Platz[ \u00a0]de[rs])"
    r"[ \u00a0][A-ZÄÖÜ][^ \u00a0]*[ \u00a0][1-9]"
)


def is_town(name: str) -> bool:
    """A known town or district, or a word with a typical ending of German town names."""
    first = name.split("-", 1)[0]
    return first in places() or first.endswith(TOWN_ENDINGS)


def has_known_town(candidate: str) -> bool:
    """A postcode in the candidate is real (01…–99…) and followed by a town; streets pass."""
    match = POSTCODE_TOWN_RE.search(candidate)
    if match is None:
        return True
    return not match.group("code").startswith("00") and is_town(match.group("town"))


DETECTORS: Final[tuple[Detector, ...]] = (
    Detector(
        name="address",
        kind="ADDRESS",
        patterns=(
            Pattern(
                rf"{CAPITAL}(?:{NAMED_STREET}|(?P<prefixed>{PREFIXED_STREET}))"
                rf"[ \u00a0]{HOUSE_NUMBER}"
                rf"(?P<postcode>,?[ \u00a0]*(?:in[ \u00a0])?{POSTCODE_TOWN})?",
                0.6,
                "Straße mit Hausnummer",
                upgrades=(
                    ("postcode", 0.85, "Anschrift mit Straße, Hausnummer, Postleitzahl und Ort"),
                    ("prefixed", 0.45, "mögliche Straße mit Hausnummer"),
                ),
                gate=COULD_HOLD_STREET,
            ),
            Pattern(
                r"[0-9](?<![\w.,-][0-9])[0-9]{4}" + POSTCODE_TOWN.removeprefix(r"\d{5}"),
                0.45,
                "Postleitzahl mit Ort",
                gate=POSTCODE_GATE,
            ),
        ),
        context=CONTEXT,
        counter_context=(
            "Rathaus",
            "Bürgeramt",
            "Bürgerämter",
            "Bezirksamt",
            "Senatsverwaltung",
            "Dienstsitz",
            "Dienstgebäude",
            "Geschäftsstelle",
            "Museum",
            "Bibliothek",
            "Stadtbibliothek",
            "Veranstaltungsort",
            "Treffpunkt",
            "Standort",
            "Stadtteilzentrum",
            "Nachbarschaftshaus",
            "Familienzentrum",
            "Jugendzentrum",
            "Jobcenter",
            "Impfzentrum",
            "Bühne",
            "Festsaal",
        ),
        context_boost=0.3,
        window=60,
        validate=has_known_town,
        gate=POSTCODE_GATE,
        triggers=TRIGGERS,
    ),
)
