"""Detects special categories of personal data (Art. 9 GDPR) said about a particular person."""

import re
from functools import cache
from itertools import product

import ahocorasick

from leitplanke.checks.personal_data.detector import Detector, lowered
from leitplanke.checks.personal_data.entity import Entity
from leitplanke.checks.personal_data.lexicon import words, yaml_data
from leitplanke.checks.personal_data.person import role_of, scan_persons

SOURCE = "special_categories.yaml"
PARTIES = words(SOURCE, "parties")
UNIONS = words(SOURCE, "unions")
HEALTH = "Angabe zur Gesundheit"
ADDICTION_ENDINGS = ("abhängig", "abhängige", "abhängiger", "abhängigkeit", "süchtig", "sucht")


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


TERMS = load_terms()
NOT_TERMS = frozenset(words(SOURCE, "not_terms"))
COMPOUND_SUFFIXES = load_compound_suffixes()
# An illness named by its verb, whether or not it is a known term: "an Norovirus erkrankt",
# "leidet an einer seltenen Stoffwechselkrankheit", "starb an Lungenkrebs".
ILLNESS_CUES = ("erkrankt", "erkrankte", "leidet", "litt", "starb", "verstarb", "gestorben")
ILLNESS = re.compile(
    r"\b(?:(?:erkrankt|erkrankte|leidet|litt|starb|verstarb)[ \u00a0]+an[ \u00a0]+"
    r"(?:(?:einer|einem|einen|einer|der|dem|den|seiner|seinem|ihrer|ihrem)[ \u00a0]+)?"
    r"(?:[a-zäöüß]+[ \u00a0]+)?(?P<after>[A-ZÄÖÜ][\w-]+(?:[ \u00a0]+[A-ZÄÖÜ][\w-]+)?)"
    r"|(?<![\w-])an[ \u00a0]+(?:(?:einer|einem|einen|der|dem|den)[ \u00a0]+)?"
    r"(?:[a-zäöüß]+[ \u00a0]+)?(?P<before>[A-ZÄÖÜ][\w-]+(?:[ \u00a0]+[A-ZÄÖÜ][\w-]+)?)"
    r"[ \u00a0]+(?:erkrankt|erkrankte|gestorben|verstorben))"
)
ILLNESS_CUE = re.compile("|".join(ILLNESS_CUES))
# Words after "an" that name no illness ("an den Folgen", "an Bord").
NO_ILLNESS = frozenset(
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
FUNCTION_WORDS = frozenset(
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
    ]
)


def trigger_of(term: str) -> str:
    """The word of a term that triggers the detector ("mitglied" for "mitglied bei ver.di")."""
    if " " not in term:
        return term
    return max((word for word in term.split() if word not in FUNCTION_WORDS), key=len)


TRIGGERS = tuple(
    {trigger_of(term) for terms in TERMS.values() for term in terms}
    - {f"{party}-{member}" for party in PARTIES for member in ("mitglied", "wähler", "wählerin")}
    - {f"{union}-mitglied" for union in UNIONS}
    | {"-mitglied", "-wähler"}
    | {suffix for suffixes in COMPOUND_SUFFIXES.values() for suffix in suffixes}
    | set(ILLNESS_CUES)
)
PREDICATE = re.compile(
    r"\b(?:ist|war|wäre|sei|wird|wurde|bin|bist|hat|hatte|habe|hast|leidet|litt|lebt|lebte"
    r"|trägt|trug|bekennt|bekannte|outet|outete|gehört|gehörte|erkrankte|starb|stirbt|liegt|lag"
    r"|kämpft|kämpfte|sitzt|saß|erhielt|erhält|bekam|bekommt|wählt|wählte|fehlt|fehlte"
    r"|erlitt|erleidet|braucht|brauchte|benötigt|benötigte|nimmt|nahm|überlebte|überlebt|verlor"
    r"|engagiert|trat|tritt|fastet|betet|konvertierte|verstarb)\b"
)
# "seit der Parkinson-Diagnose", "nach ihrem Schlaganfall": a condition in time with the person.
TEMPORAL_BEFORE = re.compile(
    r"\b(?:seit|nach|trotz|wegen)\s+(?:der|dem|des|einer|einem|eines|seiner|seinem|seines"
    r"|ihrer|ihrem|ihres)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
POSSESSIVE_BEFORE = re.compile(
    r"\b(?:sein|seine|seiner|seinem|seinen|seines|ihr|ihre|ihrer|ihrem|ihren|ihres|mein|meine"
    r"|meiner|meinem|meinen|dessen|deren)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# "Menschen mit Behinderung", "Beratung für Schwangere": about groups or topics, not a person.
GENERIC_BEFORE = re.compile(
    r"(?:\b(?:menschen|personen|kinder|jugendliche|frauen|männer|familien|eltern|patienten"
    r"|patientinnen|beschäftigte|mitarbeitende|betroffene|alle|viele)\s+(?:mit|ohne)"
    r"|\b(?:für|gegen|über|zum|zur|rund um|thema))\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
GENERIC_SENTENCE = re.compile(
    r"\b(?:wenn|falls|sofern|wer|jede[rsnm]?|alle|viele|manche|man|menschen|personen)\b",
    re.IGNORECASE,
)
PRONOUN = re.compile(r"\b(?:er|sie|ich)\b|(?:^|[.!?:]\s+)(?:Er|Sie|Ich)\b")
PERSON_NOUN = re.compile(
    r"\b(?:[Mm]ein|[Mm]eine|[Uu]nser|[Uu]nsere|[Dd]er|[Dd]ie|[Ee]in|[Ee]ine|[Dd]ieser|[Dd]iese"
    r"|[Ss]ein|[Ss]eine|[Ii]hr|[Ii]hre|[Dd]ein|[Dd]eine)"
    r"\s+(?:[a-zäöüß]+\s+)?(?P<noun>[A-ZÄÖÜ][\w-]*)"
)
# "Familie Jovanović", "Ehepaar Schulz": a family named by its surname.
FAMILY = re.compile(r"\b(?:Familie|Ehepaar|Geschwister)\s+[A-ZÄÖÜ][\w\u0100-\u024f-]+")
PERSON_NOUNS = frozenset(words("person_cues.yaml", "person_nouns"))
SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bDr|\bHr|\bNr|\bca|\bSt)(?<!\bProf)(?<!\bbzw)[.!?]\s|\n"
)
WORD_CHAR = re.compile(r"[\w-]")
# The start of the word that ends at a given offset.
COMPOUND_START = re.compile(r"[\w-]+$")
# A statement right beside a name: "Anna Schmidt (Diabetikerin)", "Herr K., 54, Muslim, …".
APPOSITION_AFTER_NAME = re.compile(r"\s*(?:\(|,\s*(?:\d{1,3},\s*)?)(?:[\w-]+\s+){0,2}")
# Two terms of one category this close make one statement ("an Krebs erkrankt").
GENERIC_TERMS = frozenset({"krank", "erkrankt", "erkrankung", "krankheit", "diagnose"})
JOINABLE = re.compile(r"[\s,]+(?:[\w-]+[\s,]+){0,2}")


@cache
def automaton() -> "ahocorasick.Automaton":
    """All term forms, for one pass over the lower-cased text."""
    machine = ahocorasick.Automaton()
    for category, terms in TERMS.items():
        for term in terms:
            machine.add_word(term, (category, len(term), False))
    for category, suffixes in COMPOUND_SUFFIXES.items():
        for suffix in suffixes:
            if machine.get(suffix, None) is None:
                machine.add_word(suffix, (category, len(suffix), True))
    machine.make_automaton()
    return machine


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end offsets of the sentence containing `text[start:end]`."""
    begin = 0
    for match in SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    after = SENTENCE_END.search(text, end)
    return begin, after.start() + 1 if after else len(text)


def person_noun(sentence: str) -> bool:
    """A singular person noun with article or possessive ("unsere Kollegin", "der Mann")."""
    return any(
        match.group("noun") in PERSON_NOUNS or role_of(match.group("noun"))
        for match in PERSON_NOUN.finditer(sentence)
    )


def outermost(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The hits in text order without those inside a longer one ("krank" in "chronisch krank")."""
    kept: list[tuple[int, int, str]] = []
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
    hits = []
    for last, (category, length, compound_only) in automaton().iter(lower):
        start, end = last - length + 1, last + 1
        if WORD_CHAR.match(text, end):
            continue
        if compound_only and (start == 0 or not WORD_CHAR.match(text, start - 1)):
            continue
        if start > 0 and WORD_CHAR.match(text, start - 1):
            # A compound whose last part is the condition ("Brustkrebs", "Krebsdiagnose").
            if category != HEALTH or length < 5 or (text[start - 1] == "-" and length < 6):
                continue
            compound = COMPOUND_START.search(text, 0, start)
            start = compound.start() if compound is not None else start
            if lower[start:end] in NOT_TERMS:
                continue
        hits.append((start, end, category))
    if ILLNESS_CUE.search(lower):
        for match in ILLNESS.finditer(text):
            group = "after" if match.group("after") else "before"
            if match.group(group).split()[0] not in NO_ILLNESS:
                hits.append((match.start(group), match.end(group), HEALTH))
    if not hits:
        return []
    hits = outermost(hits)
    persons = [entity for entity in scan_persons(text) if entity.score >= 0.5]
    found: list[Entity] = []
    for start, end, category in hits:
        possessive = POSSESSIVE_BEFORE.search(text, max(0, start - 30), start) is not None
        if not possessive and GENERIC_BEFORE.search(text, max(0, start - 30), start):
            continue
        begin, finish = sentence_around(text, start, end)
        sentence = text[begin:finish]
        apposition = any(
            APPOSITION_AFTER_NAME.fullmatch(text, entity.end, start) for entity in persons
        )
        temporal = TEMPORAL_BEFORE.search(text, max(0, start - 30), start) is not None
        if not (possessive or apposition or temporal) and PREDICATE.search(sentence) is None:
            continue
        named = (
            any(begin <= entity.start and entity.end <= finish for entity in persons)
            or FAMILY.search(sentence) is not None
        )
        if apposition:
            score, tie = 0.75, "Angabe beim Namen"
        elif named:
            score, tie = 0.85, "Name"
        elif GENERIC_SENTENCE.search(sentence):
            continue
        elif PRONOUN.search(sentence) or person_noun(sentence):
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


DETECTORS = (
    Detector(
        name="special_category",
        kind="SPECIAL_CATEGORY",
        find=find_special_categories,
        triggers=TRIGGERS,
    ),
)
