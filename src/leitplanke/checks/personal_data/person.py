"""Detects person names: lexicon names in sequence, or supported by a title, role or speech verb."""

import re
from typing import Final

from leitplanke.checks.personal_data.detector import WORD_CLASS, Detector, is_word_char
from leitplanke.checks.personal_data.entity import Entity
from leitplanke.checks.personal_data.lexicon import (
    first_names,
    places,
    surnames,
    word_names,
    words,
)

CUES: Final = "person_cues.yaml"

# A word starting with a capital letter, not inside a handle, hashtag or longer token.
CAPITALISED: Final = re.compile(rf"[A-ZÄÖÜÀ-ÖØ-ÞĀ-ſ](?<![{WORD_CLASS}@#'’-].)[{WORD_CLASS}'’-]*")
# Splits a text into the text between capitalised words and the words: gap, word, …, gap.
WORDS_AND_GAPS: Final = re.compile(f"({CAPITALISED.pattern})")

LOWER_WORD: Final = re.compile(r"[^\W\d_]+")
SPACES: Final = (" ", "\u00a0")
# The initial of a surname after a name: "Lena K." (not the start of a new sentence "Lena. K…").
INITIAL: Final = re.compile(r"[ \u00a0][A-ZÄÖÜ]\.(?![\w.])")
# Between a title abbreviation and the name: the period, maybe "med.", "rer. nat.".
TITLE_GAP: Final = re.compile(
    r"\.?[ \u00a0]*(?:(?:med|rer\.[ \u00a0]?nat|phil|jur|h\.[ \u00a0]?c|habil|dent|vet|oec|pol|ing"
    r"|iur|theol)\.[ \u00a0]*)*[ \u00a0]?"
)

TITLES: Final = frozenset(words(CUES, "titles"))
# Titles that are plain nouns after an article ("die Frau", "ein Herr").
NOUN_TITLES: Final = frozenset(words(CUES, "noun_titles"))
ABBREVIATED: Final = frozenset(words(CUES, "abbreviated"))
GOVERNING: Final = frozenset(words(CUES, "governing"))
OFFICES: Final = words(CUES, "offices")
ROLES: Final = words(CUES, "roles")
# Capitalised words that never start or continue a name: function words, greetings, pronouns.
STOP: Final = frozenset(words(CUES, "stop"))
DETERMINERS: Final = frozenset(words(CUES, "determiners"))
PARTICLES: Final = frozenset(words(CUES, "particles"))
NOUN_ENDINGS: Final = words(CUES, "noun_endings")
SPEECH: Final = frozenset(words(CUES, "speech_verbs"))
WORD_AFTER: Final = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?,?\s*(\w+)")
SO_BEFORE: Final = re.compile(r"[,“”\"»«]\s*so\s+$")
PARTY: Final = "|".join(re.escape(party) for party in words(CUES, "parties"))
PARENTHESIS_AFTER: Final = re.compile(rf"\s*\((?:(?P<party>{PARTY})|(?P<age>\d{{1,3}}))\)")
ROLE_AFTER: Final = re.compile(
    r"\s*(?:\([^)]{1,40}\)\s*)?,\s*(?:(?:die|der)\s+)?(?:(?:neue|stellvertretende|stellvertretender"
    r"|Regierende|Regierender)\s+)?(?P<role>[A-ZÄÖÜ][\w-]*)"
)
APPOSITION: Final = frozenset(words(CUES, "apposition"))


def office_of(word: str) -> bool:
    """A public office ("Bürgermeisterin", "Finanzsenator", "des Bezirksbürgermeisters")."""
    folded = word.casefold()
    return (
        folded.endswith(OFFICES)
        or (folded.endswith(("s", "n")) and folded[:-1].endswith(OFFICES))
        or (folded.endswith("en") and folded[:-2].endswith(OFFICES))
    )


def role_of(word: str) -> bool:
    """A role that marks a person but is no public office ("Kollegin", "Nachbarin")."""
    return word.casefold().endswith(ROLES)


def is_first_name(word: str) -> bool:
    """A first name from the lexicon; hyphenated first names ("Anna-Lena") count."""
    names = first_names()
    return word in names or ("-" in word and all(part in names for part in word.split("-")))


def is_surname(word: str) -> bool:
    """A surname from the lexicon; double names count if one part is known."""
    names = surnames()
    return word in names or ("-" in word and any(part in names for part in word.split("-")))


def previous_word(text: str, start: int, reach: int) -> str | None:
    """The word before `text[start]` and one space, as `re.search(r"(\\w+)[ \u00a0]$", text,
    max(0, start - reach), start)` finds it (cut at that limit; a line break at `start` is
    passed over, as `$` does): a walk back over the word, cheaper than that search."""
    low = max(0, start - reach)
    end = start - 1
    if end > low and text[end] == "\n":
        end -= 1
    if end <= low or text[end] not in SPACES or not is_word_char(text[end - 1]):
        return None
    # The last word of the text before, unless something other than a letter or digit
    # stands in it ("(sagt"): then the word characters at its end.
    word = text[low:end].rsplit(None, 1)[-1]
    if word.isalnum():
        return word
    begin = end
    while begin > low and is_word_char(text[begin - 1]):
        begin -= 1
    return text[begin:end]


# What a capitalised word can be, as bit flags (final: compiled code uses them as constants).
TITLE: Final = 1
NOUN_TITLE: Final = 2
GOVERNS: Final = 4
OFFICE: Final = 8
ROLE: Final = 16
NAME: Final = 32
FIRST: Final = 64
SURNAME: Final = 128
AMBIGUOUS: Final = 256
SEED: Final = TITLE | GOVERNS | OFFICE | ROLE | FIRST | SURNAME
CUE: Final = TITLE | GOVERNS | OFFICE | ROLE


def word_class(word: str) -> int:
    """The flags of `word`: title, office, role, lexicon name, possible part of a name."""
    if word in TITLES:
        return TITLE | (NOUN_TITLE if word in NOUN_TITLES else 0)
    if word in GOVERNING:
        return GOVERNS
    if office_of(word):
        return OFFICE
    if role_of(word):
        return ROLE
    flags = (FIRST if is_first_name(word) else 0) | (SURNAME if is_surname(word) else 0)
    flags |= AMBIGUOUS if word in word_names() else 0
    if len(word) < 2 or word.isupper() or word in STOP or word.count("-") > 1:
        return flags & AMBIGUOUS
    if flags & (FIRST | SURNAME) or (
        word not in places() and not word.casefold().endswith(NOUN_ENDINGS)
    ):
        flags |= NAME
    return flags


# `word_class` by word: the words of posts recur, and a dictionary lookup is cheap.
CLASSES: Final[dict[str, int]] = {}


def class_of(word: str) -> int:
    """`word_class(word)`, computed once per word (up to 65,536 words, then afresh)."""
    flags = CLASSES.get(word)
    if flags is None:
        if len(CLASSES) > 1 << 16:
            CLASSES.clear()
        flags = CLASSES[word] = word_class(word)
    return flags


def classes_of(words: list[str]) -> list[int]:
    """The flags of each of `words`, as `word_class` gives them."""
    return [class_of(word) for word in words]


class NameFinder:
    """Scans the capitalised words of one text for person names."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pieces = WORDS_AND_GAPS.split(text)  # gap, word, gap, …, word, gap
        self.words: list[str] = self.pieces[1::2]
        self.classes: list[int] = classes_of(self.words)
        self.starts: list[int] = []
        self.ends: list[int] = []

    def gap(self, index: int) -> str:
        """The text between capitalised word `index - 1` and word `index`."""
        return self.pieces[2 * index]

    def adjacent(self, index: int) -> bool:
        """Word `index` follows the previous one after plain spaces (or a title's period)."""
        if index == 0:
            return False
        gap = self.pieces[2 * index]
        if gap in SPACES:
            return True
        return self.words[index - 1] in ABBREVIATED and TITLE_GAP.fullmatch(gap) is not None

    def particle_gap(self, index: int) -> bool:
        """Between words `index - 1` and `index` stands only a name particle ("von der")."""
        words = self.gap(index).split(None, 2)  # a third part: too many words
        return 0 < len(words) <= 2 and all(word in PARTICLES for word in words)

    def after_determiner(self, index: int) -> bool:
        """Word `index` directly follows an article or determiner ("der Wolf", "im Mai")."""
        previous = previous_word(self.text, self.starts[index], 16)
        return previous is not None and previous.casefold() in DETERMINERS

    def find(self, seeds: list[int] | None = None) -> list[Entity]:
        """Every name with its score, reason and, for office holders, role. `seeds`: the
        indices of the words that may start a name or its cues, if known."""
        found: list[Entity] = []
        starts: list[int] = []
        ends: list[int] = []
        position = 0
        pieces = self.pieces
        for index in range(1, len(pieces), 2):  # the words, with the gap before each
            position += len(pieces[index - 1])
            starts.append(position)
            position += len(pieces[index])
            ends.append(position)
        self.starts, self.ends = starts, ends
        if seeds is None:
            seeds = [index for index, flags in enumerate(self.classes) if flags & SEED]
        following = 0
        for index in seeds:
            if index < following:
                continue
            entity, following = self.name_at(index)
            if entity is not None:
                found.append(entity)
        return found

    def name_at(self, index: int) -> tuple[Entity | None, int]:
        """The name starting at or after the cues at word `index`, and the next index to scan."""
        # `pieces[2 * position] in SPACES` below: the common case of `adjacent`, tested inline.
        words, classes, pieces = self.words, self.classes, self.pieces
        count = len(words)
        cues = 0
        office: list[str] = []
        position = index
        while position < count and classes[position] & CUE:
            flags = classes[position]
            if (
                position > index
                and pieces[2 * position] not in SPACES
                and not self.adjacent(position)
            ):
                break
            if flags & NOUN_TITLE and self.after_determiner(position):
                break
            if flags & (GOVERNS | OFFICE):
                office.append(words[position])
            cues |= flags
            position += 1
        if cues and position < count and not self.adjacent(position):
            return None, index + 1
        first = position
        names: list[int] = []
        while position < count and len(names) < 4 and classes[position] & NAME:
            if (
                (names or cues)
                and pieces[2 * position] not in SPACES
                and not (self.adjacent(position) or self.particle_gap(position))
            ):
                break
            names.append(position)
            position += 1
        if not names and cues & TITLE and position < count and self.adjacent(position):
            # "Herr K.": a title before the initial of a surname.
            start = self.starts[position]
            if len(words[position]) == 1 and self.text.startswith(".", start + 1):
                reason = "Initiale nach Anrede oder Titel"
                return Entity("PERSON", start, start + 2, 0.8, reason), position + 1
        if not names:
            return None, index + 1
        last = self.ends[names[-1]]
        # The initial's period is the third character after the name ("Lena K.").
        initial = INITIAL.match(self.text, last) if self.text.startswith(".", last + 2) else None
        entity = self.scored(first, names, cues, " ".join(office), initial)
        return entity, position if entity is not None else index + 1

    def scored(
        self, first: int, names: list[int], cues: int, office: str, initial: re.Match[str] | None
    ) -> Entity | None:
        """The entity for the name words `names` (starting at word `first`) and an initial
        after them ("Lena K."), if it is one."""
        opening, closing = self.classes[names[0]], self.classes[names[-1]]
        known_first = bool(opening & FIRST) and not opening & AMBIGUOUS
        if not cues and not (initial is not None and opening & FIRST):
            # Every kind of name below needs a first name (two words or more) or a known
            # name that is no everyday word (one word): without one there is nothing to score.
            if len(names) >= 2:
                if not opening & FIRST:
                    return None
            elif opening & AMBIGUOUS or not opening & (FIRST | SURNAME):
                return None
        start, end = self.starts[names[0]], self.ends[names[-1]]
        if initial is not None:
            end = initial.end()
        # What follows the name, spaces skipped: most names are followed by neither a
        # parenthesis nor a comma, which the patterns after the name begin with.
        follows = self.text[end : end + 1]
        if follows == " ":
            follows = self.text[end + 1 : end + 2]
        if follows.isspace():
            follows = self.text[end:].lstrip()[:1]
        speech = self.speech_near(start, end, follows)
        parenthesis = PARENTHESIS_AFTER.match(self.text[end : end + 60]) if follows == "(" else None
        office = office or self.office_nearby(first, end, follows)
        if cues:
            score = 0.9 if cues & TITLE else 0.85
            reason = (
                "Name nach Anrede oder Titel" if cues & TITLE else "Name nach Funktionsbezeichnung"
            )
        elif initial is not None and opening & FIRST:
            score, reason = 0.8, "Vorname mit Initiale des Nachnamens"
        elif len(names) >= 2 and known_first:
            score = 0.9 if closing & SURNAME else 0.85
            reason = "Vor- und Nachname"
        elif len(names) >= 2 and opening & FIRST and closing & SURNAME:
            score, reason = 0.7, "Vor- und Nachname (Vorname auch ein Wort)"
        elif len(names) >= 2 and office and opening & FIRST:
            score, reason = 0.75, "Vor- und Nachname bei Funktionsbezeichnung"
        elif len(names) == 1 and (speech or parenthesis or office):
            if (
                opening & AMBIGUOUS
                or not opening & (FIRST | SURNAME)
                or self.after_determiner(first)
            ):
                return None
            score, reason = 0.75, "Name mit Verb des Sagens oder Funktionsangabe"
        elif len(names) == 1 and known_first and not self.after_determiner(first):
            score, reason = 0.4, "einzelner Vorname"
        else:
            return None
        if speech:
            score += 0.05
        if parenthesis is not None:
            score += 0.05
            reason += "; Partei- oder Altersangabe"
        if office:
            reason = f"Amtsträger/in in amtlicher Rolle „{office}“; {reason}"
        return Entity("PERSON", start, end, round(min(score, 1.0), 2), reason, office or None)

    def speech_near(self, start: int, end: int, follows: str) -> bool:
        """A verb of speech right before or after the name ("sagt Müller", "Müller erklärte").
        `follows`: the first character after the name and spaces."""
        if follows == "(" or follows == "," or is_word_char(follows[:1] or " "):
            following = WORD_AFTER.match(self.text, end)
            if following is not None and following.group(1) in SPEECH:
                return True
        previous = previous_word(self.text, start, 20)
        if previous is not None and previous in SPEECH:
            return True
        low = max(0, start - 8)
        return "so" in self.text[low:start] and SO_BEFORE.search(self.text, low, start) is not None

    def office_nearby(self, first: int, end: int, follows: str) -> str:
        """A public office in apposition right before ("…, Name") or after ("Name, …"), or "".
        `follows`: the first character after the name and spaces."""
        match = ROLE_AFTER.match(self.text, end) if follows == "(" or follows == "," else None
        if match is not None and office_of(match.group("role")):
            return match.group("role")
        if first == 0 or "," not in self.pieces[2 * first]:
            return ""
        for position in range(first - 1, max(-1, first - 9), -1):
            gap = self.gap(position + 1)
            if any(mark in gap for mark in ".!?;:()\n") or not all(
                word in APPOSITION for word in LOWER_WORD.findall(gap)
            ):
                return ""
            if self.classes[position] & OFFICE:
                return self.words[position]
        return ""


STRONG: Final = TITLE | GOVERNS | OFFICE | ROLE


def scan_persons(text: str) -> list[Entity]:
    """Every person name in `text`. Texts whose capitalised words hold no cue (title, role) and
    no lexicon name, or only one that is also an everyday word ("Wolf"), are left at once.

    The result for the latest text is kept: other detectors ask for the names in it, too."""
    latest, names = _LATEST[0]
    if latest == text:
        return list(names)
    found = _scan_persons(text)
    _LATEST[0] = (text, tuple(found))
    return found


_LATEST: Final[list[tuple[str | None, tuple[Entity, ...]]]] = [(None, ())]


def _scan_persons(text: str) -> list[Entity]:
    finder = NameFinder(text)
    classes = finder.classes
    seeds = [index for index, flags in enumerate(classes) if flags & SEED]
    if not seeds:
        return []
    if len(seeds) < 2 and not any(
        classes[index] & STRONG or not classes[index] & AMBIGUOUS for index in seeds
    ):
        return []
    return finder.find(seeds)


DETECTORS: Final[tuple[Detector, ...]] = (
    Detector(name="person", kind="PERSON", find=scan_persons),
)
