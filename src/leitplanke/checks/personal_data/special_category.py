"""Detects special categories of personal data (Art. 9 GDPR) said about a particular person."""

import re
from bisect import bisect_right
from functools import cache
from itertools import product
from typing import Final

import ahocorasick

from leitplanke.checks.personal_data.detector import Detector, lowered
from leitplanke.checks.personal_data.entity import Entity
from leitplanke.checks.personal_data.lexicon import words, yaml_data
from leitplanke.checks.personal_data.person import (
    FIRST,
    OFFICE,
    ROLE,
    SURNAME,
    TITLE,
    class_of,
    role_of,
    scan_persons,
)

SOURCE: Final = "special_categories.yaml"
PARTIES: Final = words(SOURCE, "parties")
UNIONS: Final = words(SOURCE, "unions")
HEALTH: Final = "Angabe zur Gesundheit"
ADDICTION_ENDINGS: Final = (
    "abhängig",
    "abhängige",
    "abhängiger",
    "abhängigkeit",
    "süchtig",
    "sucht",
)


def variants(*parts: tuple[str, ...]) -> list[str]:
    """Every phrase made of one alternative per part, joined by single spaces."""
    return [" ".join(word for word in combination if word) for combination in product(*parts)]


def load_terms() -> dict[str, list[str]]:
    """The term forms by category (named by its reason), with membership phrases generated."""
    data = yaml_data(SOURCE)
    terms: dict[str, list[str]] = {
        category: [*words_of.split(), *data["phrases"].get(category, ())]
        for category, words_of in data["words"].items()
    }
    terms["Angabe zur politischen Meinung"] += [
        *(
            f"{party}-{member}"
            for party in PARTIES
            for member in ("mitglied", "wähler", "wählerin")
        ),
        *variants(("mitglied",), ("der", "in der", "bei der"), PARTIES),
        *variants(("wählt", "wählte"), ("die", ""), PARTIES),
        *variants(("anhänger", "anhängerin"), ("der", "von der"), PARTIES),
    ]
    terms["Angabe zur Gewerkschaftszugehörigkeit"] += [
        *variants(("mitglied",), ("bei", "der", "in der", "von", "im"), UNIONS),
        *variants(("bei", "in der", "in", "über"), UNIONS, ("organisiert", "aktiv")),
        *(f"{union}-mitglied" for union in UNIONS if " " not in union),
    ]
    terms["Angabe zur politischen Meinung"] += variants(
        ("in die", "in der"), PARTIES, ("eingetreten", "ausgetreten", "aktiv", "ein", "aus")
    )
    terms[HEALTH] += [
        substance + ending
        for substance in words(SOURCE, "substances")
        for ending in ADDICTION_ENDINGS
    ]
    return {category: list(dict.fromkeys(forms)) for category, forms in terms.items()}


def load_compound_suffixes() -> dict[str, list[str]]:
    """Term forms that count only as the last part of a compound ("Dialysepatient")."""
    data = yaml_data(SOURCE).get("compound_suffixes", {})
    return {category: words_of.split() for category, words_of in data.items()}


TERMS: Final = load_terms()
NOT_TERMS: Final = frozenset(words(SOURCE, "not_terms"))
COMPOUND_SUFFIXES: Final = load_compound_suffixes()
# Adjectives that count inflected before a person ("der schwerbehinderte Anwohner"), by category.
ATTRIBUTIVE: Final = {
    category: words_of.split()
    for category, words_of in yaml_data(SOURCE).get("attributive", {}).items()
}
ENDINGS: Final = ("e", "en", "er", "es", "em")
# An illness named by its verb, whether or not it is a known term: "an Norovirus erkrankt",
# "leidet an einer seltenen Stoffwechselkrankheit", "starb an Lungenkrebs".
ILLNESS_CUES: Final = (
    "erkrankt",
    "erkrankte",
    "leidet",
    "leiden",
    "litt",
    "gelitten",
    "starb",
    "verstarb",
    "gestorben",
)
ILLNESS: Final = re.compile(
    r"\b(?:(?:erkrankt|erkrankte|leidet|litt|starb|verstarb)[ \u00a0]+an[ \u00a0]+"
    r"(?:(?:einer|einem|einen|einer|der|dem|den|seiner|seinem|ihrer|ihrem)[ \u00a0]+)?"
    r"(?:[a-zäöüß]+[ \u00a0]+)?(?P<after>[A-ZÄÖÜ][\w-]+(?:[ \u00a0]+[A-ZÄÖÜ][\w-]+)?)"
    r"|(?<![\w-])an[ \u00a0]+(?:(?:einer|einem|einen|der|dem|den)[ \u00a0]+)?"
    r"(?:[a-zäöüß]+[ \u00a0]+)?(?P<before>[A-ZÄÖÜ][\w-]+(?:[ \u00a0]+[A-ZÄÖÜ][\w-]+)?)"
    r"[ \u00a0]+(?:erkrankt|erkrankte|gestorben|verstorben|leiden|leidet|litt|gelitten))"
)
# The cues that contain no other ("erkrankte" contains "erkrankt"): one of them is in every
# match of `ILLNESS`.
ILLNESS_STEMS: Final = tuple(
    cue for cue in ILLNESS_CUES if not any(other in cue for other in ILLNESS_CUES if other != cue)
)
# Words after "an" that name no illness ("an den Folgen", "an Bord").
NO_ILLNESS: Final = frozenset(
    {
        "Folgen",
        "Bord",
        "Land",
        "Ort",
        "Stelle",
        "Tag",
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
        "Wochenende",
        "Weihnachten",
        "Ostern",
        "Heiligabend",
        "Silvester",
        "Neujahr",
        "Unfallstelle",
        "Unfallort",
        "Einsatzort",
    }
)
# Words too frequent to trigger the detector; a phrase is triggered by its longest other word.
FUNCTION_WORDS: Final = frozenset(
    [
        "in",
        "im",
        "die",
        "der",
        "das",
        "dem",
        "den",
        "des",
        "bei",
        "von",
        "vom",
        "zum",
        "zur",
        "aus",
        "ein",
        "eine",
        "einer",
        "an",
        "auf",
        "über",
        "und",
        "person",
        "people",
    ]
)


def trigger_of(term: str) -> str:
    """The word of a term that triggers the detector ("mitglied" for "mitglied bei ver.di")."""
    if " " not in term:
        return term
    return max((word for word in term.split() if word not in FUNCTION_WORDS), key=len)


TRIGGERS: Final = tuple(
    {trigger_of(term) for terms in TERMS.values() for term in terms}
    - {f"{party}-{member}" for party in PARTIES for member in ("mitglied", "wähler", "wählerin")}
    - {f"{union}-mitglied" for union in UNIONS}
    | {"-mitglied", "-wähler"}
    | {suffix for suffixes in COMPOUND_SUFFIXES.values() for suffix in suffixes}
    | {adjective for adjectives in ATTRIBUTIVE.values() for adjective in adjectives}
    | set(ILLNESS_CUES)
)
# Verbs that state something about a person ("ist", "leidet"), as whole words.
PREDICATES: Final = frozenset(words(SOURCE, "predicates"))
# `\w+` written with one `\w` first: the regex engine then skips ahead to word characters.
WORD: Final = re.compile(r"\w\w*")
# "seit der Parkinson-Diagnose", "nach ihrem Schlaganfall": a condition in time with the person.
TEMPORAL_BEFORE: Final = re.compile(
    r"\b(?:seit|nach|trotz|wegen)\s+(?:der|dem|des|einer|einem|eines|seiner|seinem|seines"
    r"|ihrer|ihrem|ihres)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# "als gläubige Muslimin", "Als Angehörige der Volksgruppe …": a property of the person.
AS_BEFORE: Final = re.compile(r"\bals\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
POSSESSIVE_BEFORE: Final = re.compile(
    r"\b(?:sein|seine|seiner|seinem|seinen|seines|ihr|ihre|ihrer|ihrem|ihren|ihres|mein|meine"
    r"|meiner|meinem|meinen|dessen|deren)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# "Menschen mit Behinderung", "Beratung für Schwangere": about groups or topics, not a person.
GENERIC_BEFORE: Final = re.compile(
    r"(?:\b(?:menschen|personen|kinder|jugendliche|frauen|männer|familien|eltern|patienten"
    r"|patientinnen|beschäftigte|mitarbeitende|betroffene|alle|viele)\s+(?:mit|ohne)"
    r"|\b(?:für|gegen|über|zum|zur|rund um|thema))\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# Words (case ignored) that make a sentence general ("wenn", "alle"), not about one person.
GENERIC_WORDS: Final = frozenset(words(SOURCE, "generic_words"))
PRONOUNS: Final = frozenset({"er", "sie", "ich"})
# The formal address of the reader ("Sie", "Ihre Diagnose"): in a post that names a person
# (a letter: "Sehr geehrte Frau …"), it ties a term to that person.
FORMAL_ADDRESS: Final = frozenset(
    {"Sie", "Ihnen", "Ihr", "Ihre", "Ihrem", "Ihren", "Ihrer", "Ihres"}
)
# A capitalised pronoun counts at the start of a sentence or after a colon.
PRONOUN: Final = re.compile(r"(?:^|[.!?:]\s+)(?:Er|Sie|Ich)\b")
PERSON_NOUN: Final = re.compile(
    r"\b(?:[Mm]ein|[Mm]eine|[Uu]nser|[Uu]nsere|[Dd]er|[Dd]ie|[Ee]in|[Ee]ine|[Dd]ieser|[Dd]iese"
    r"|[Ss]ein|[Ss]eine|[Ii]hr|[Ii]hre|[Dd]ein|[Dd]eine)"
    r"\s+(?:[a-zäöüß]+\s+)?(?P<noun>[A-ZÄÖÜ][\w-]*)"
)
# "Familie Jovanović", "Ehepaar Schulz": a family named by its surname.
FAMILY: Final = re.compile(r"\b(?:Familie|Ehepaar|Geschwister)\s+[A-ZÄÖÜ][\w\u0100-\u024f-]+")
PERSON_NOUNS: Final = frozenset(words("person_cues.yaml", "person_nouns"))
# A period, "!" or "?" before a space, not after an abbreviation or initial nor before a
# lower-case letter ("am 14.02. ist"); or a line break. One character class first: the regex
# engine skips ahead to those characters.
SENTENCE_END: Final = re.compile(
    r"[.!?\n](?:(?<=\n)|(?<!\b[A-Z].)(?<!\bDr.|\bHr.|\bFr.|\bNr.|\bca.|\bSt.)"
    r"(?<!\bgeb.|[sS]tr.|\bTel.|\bvgl.|\bggf.|\bAbs.|\bArt.|\bbzw.)(?<!\bProf.|\bevtl.|\binkl.)"
    r"\s(?![a-zäöüß]))"
)
# Letters that `re.IGNORECASE` takes for "i" and "s" but `str.lower` keeps apart.
FOLD: Final = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})
# Words one of which each of the patterns before a term contains (case ignored).
POSSESSIVE_STEMS: Final = ("sein", "ihr", "mein", "dessen", "deren")
GENERIC_STEMS: Final = ("mit", "ohne", "für", "gegen", "über", "zum", "zur", "rund um", "thema")
TEMPORAL_STEMS: Final = ("seit", "nach", "trotz", "wegen")
AS_STEM: Final = "als"
FAMILY_WORDS: Final = ("Familie", "Ehepaar", "Geschwister")
# A statement right beside a name: "Anna Schmidt (Diabetikerin)", "Herr K., 54, Muslim, …".
APPOSITION_AFTER_NAME: Final = re.compile(
    r"\s*(?:\(|,\s*(?:\d{1,3},\s*)?)(?:[\w-]+\s+){0,2}|\s+(?:im|mit)\s+(?:[\w-]+\s+)?"
)
# Two terms of one category this close make one statement ("an Krebs erkrankt").
GENERIC_TERMS: Final = frozenset({"krank", "erkrankt", "erkrankung", "krankheit", "diagnose"})
JOINABLE: Final = re.compile(r"[\s,]+(?:[\w-]+[\s,]+){0,2}")
# The capitalised word after an adjective, and what makes it a person.
NEXT_WORD: Final = re.compile(r"[ \u00a0]+([A-ZÄÖÜ][\w-]*)")
PERSON_WORD: Final = TITLE | OFFICE | ROLE | FIRST | SURNAME
# A term found in the text: start, end, category, and whether it is an adjective before a
# person (which ties it to that person).
Hit = tuple[int, int, str, bool]


@cache
def automaton() -> "ahocorasick.Automaton":
    """All term forms, and the illness cues of `ILLNESS`, for one pass over the lower-cased
    text. A value: category (None for a cue that is no term), length, whether the form counts
    only as the end of a compound, whether it is an adjective before a person, whether it is an
    illness cue."""
    machine = ahocorasick.Automaton()
    for category, terms in TERMS.items():
        for term in terms:
            machine.add_word(term, (category, len(term), False, False, False))
    for category, suffixes in COMPOUND_SUFFIXES.items():
        for suffix in suffixes:
            if machine.get(suffix, None) is None:
                machine.add_word(suffix, (category, len(suffix), True, False, False))
    for category, adjectives in ATTRIBUTIVE.items():
        for form in (adjective + ending for adjective in adjectives for ending in ENDINGS):
            if machine.get(form, None) is None:
                machine.add_word(form, (category, len(form), False, True, False))
    for stem in ILLNESS_STEMS:  # a cue that is also a term stays one
        known: tuple[str | None, int, bool, bool, bool] = machine.get(
            stem, (None, len(stem), False, False, True)
        )
        machine.add_word(stem, (*known[:4], True))
    machine.make_automaton()
    return machine


def folded(text: str) -> str:
    """`text` in lower case, with the letters `re.IGNORECASE` takes for "i" and "s" as those:
    a word of ASCII letters occurs in it as `re.IGNORECASE` finds it in `text`."""
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.translate(FOLD)
    return text.lower()


def in_word(char: str) -> bool:
    """A letter, digit, underscore or hyphen (one character; an empty string is none)."""
    return char.isalnum() or char == "_" or char == "-"


def sentence_around(
    text: str, start: int, end: int, ends: list[int] | None = None
) -> tuple[int, int]:
    """The start and end offsets of the sentence containing `text[start:end]`. `ends`: where
    the matches of `SENTENCE_END` in `text` end, if known."""
    if ends is None:
        ends = [match.end() for match in SENTENCE_END.finditer(text, 0, start)]
    before = bisect_right(ends, start)
    begin = ends[before - 1] if before else 0
    after = SENTENCE_END.search(text, end)
    return begin, after.start() + 1 if after else len(text)


def person_noun(sentence: str) -> bool:
    """A singular person noun with article or possessive ("unsere Kollegin", "der Mann")."""
    return any(
        match.group("noun") in PERSON_NOUNS or role_of(match.group("noun"))
        for match in PERSON_NOUN.finditer(sentence)
    )


def person_follows(text: str, end: int) -> bool:
    """A person noun, role, title or name follows right after `end` ("… Anwohner", "… Amira")."""
    match = NEXT_WORD.match(text, end)
    if match is None:
        return False
    word = match.group(1)
    return word in PERSON_NOUNS or bool(class_of(word) & PERSON_WORD)


def outermost(hits: list[Hit]) -> list[Hit]:
    """The hits in text order without those inside a longer one ("krank" in "chronisch krank")."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda hit: (hit[0], -hit[1])):
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def joined(text: str, first: Entity, second: Entity) -> Entity:
    """One entity for two close terms of one category: the specific one ("an Depression
    erkrankt" gives "Depression"), or both together when neither is generic."""
    if text[second.start : second.end].lower() in GENERIC_TERMS:
        return first
    if text[first.start : first.end].lower() in GENERIC_TERMS:
        return second
    return Entity(first.kind, first.start, second.end, second.score, second.reason)


def find_special_categories(text: str) -> list[Entity]:
    """Every special-category term tied to a named person, pronoun or person noun."""
    lower = lowered(text)
    hits: list[Hit] = []
    illness_cue = False
    for last, (category, length, compound_only, attributive, cue) in automaton().iter(lower):
        if cue:
            illness_cue = True
            if category is None:
                continue
        start, end = last - length + 1, last + 1
        if in_word(text[end : end + 1]):
            continue
        before = text[start - 1] if start > 0 else ""
        if attributive:
            # Capitalised, the adjective is a noun ("als Schwerbehinderter"): a term as others.
            if not in_word(before) and (text[start].isupper() or person_follows(text, end)):
                hits.append((start, end, category, not text[start].isupper()))
            continue
        if compound_only and not in_word(before):
            continue
        if in_word(before):
            # A compound whose last part is the condition ("Brustkrebs", "Krebsdiagnose").
            if category != HEALTH or length < 5 or (text[start - 1] == "-" and length < 6):
                continue
            while start > 0 and in_word(text[start - 1]):
                start -= 1
            if lower[start:end] in NOT_TERMS:
                continue
        hits.append((start, end, category, False))
    if illness_cue:  # one of the cues occurs (anywhere, as `ILLNESS` needs one)
        for match in ILLNESS.finditer(text):
            group = "after" if match.group("after") else "before"
            if match.group(group).split()[0] not in NO_ILLNESS:
                hits.append((match.start(group), match.end(group), HEALTH, False))
    if not hits:
        return []
    hits = outermost(hits)
    for index in range(len(hits) - 1, 0, -1):  # "gläubige Muslimin": one statement
        start, _, category, attributive = hits[index - 1]
        following = hits[index]
        if attributive and following[2] == category and not text[start : following[0]].split()[1:]:
            hits[index - 1 : index + 1] = [(start, following[1], category, following[3])]
    persons = [entity for entity in scan_persons(text) if entity.score >= 0.5]
    found: list[Entity] = []
    ends = [match.end() for match in SENTENCE_END.finditer(text)]
    words_of: dict[tuple[int, int], set[str]] = {}  # the words of each sentence
    for start, end, category, attributive in hits:
        if attributive:
            begin, finish = sentence_around(text, start, end, ends)
            if GENERIC_WORDS.isdisjoint(WORD.findall(folded(text[begin:finish]))):
                found.append(
                    Entity(
                        "SPECIAL_CATEGORY",
                        start,
                        end,
                        0.75,
                        f"{category} einer Person (Art. 9 DSGVO); Bezug: Personenbezeichnung",
                    )
                )
            continue
        # The patterns before the term run only if the words they need are there.
        low = max(0, start - 30)
        before = folded(text[low:start])
        possessive = (
            any(stem in before for stem in POSSESSIVE_STEMS)
            and POSSESSIVE_BEFORE.search(text, low, start) is not None
        )
        if (
            not possessive
            and any(stem in before for stem in GENERIC_STEMS)
            and GENERIC_BEFORE.search(text, low, start)
        ):
            continue
        begin, finish = sentence_around(text, start, end, ends)
        sentence = text[begin:finish]
        words = words_of.get((begin, finish))
        if words is None:
            words = words_of[begin, finish] = set(WORD.findall(sentence))
        apposition = any(
            APPOSITION_AFTER_NAME.fullmatch(text, entity.end, start) for entity in persons
        )
        temporal = (
            any(stem in before for stem in TEMPORAL_STEMS)
            and TEMPORAL_BEFORE.search(text, low, start) is not None
        ) or (AS_STEM in before and AS_BEFORE.search(text, low, start) is not None)
        if not (possessive or apposition or temporal) and PREDICATES.isdisjoint(words):
            continue
        named = any(begin <= entity.start and entity.end <= finish for entity in persons) or (
            any(word in words for word in FAMILY_WORDS) and FAMILY.search(sentence) is not None
        )
        if apposition:
            score, tie = 0.75, "Angabe beim Namen"
        elif named:
            score, tie = 0.85, "Name"
        elif not GENERIC_WORDS.isdisjoint(WORD.findall(folded(sentence))):
            continue
        elif (
            not PRONOUNS.isdisjoint(words)
            or (persons and not FORMAL_ADDRESS.isdisjoint(words))
            or (not {"Er", "Sie", "Ich"}.isdisjoint(words) and PRONOUN.search(sentence))
            or person_noun(sentence)
        ):
            score, tie = 0.7, "Pronomen oder Personenbezeichnung"
        else:
            continue
        reason = f"{category} einer Person (Art. 9 DSGVO); Bezug: {tie}"
        entity = Entity("SPECIAL_CATEGORY", start, end, score, reason)
        previous = found[-1] if found else None
        if previous and previous.reason == reason and JOINABLE.fullmatch(text, previous.end, start):
            found[-1] = joined(text, previous, entity)
        else:
            found.append(entity)
    return found


DETECTORS: Final[tuple[Detector, ...]] = (
    Detector(
        name="special_category",
        kind="SPECIAL_CATEGORY",
        find=find_special_categories,
        triggers=TRIGGERS,
    ),
)
