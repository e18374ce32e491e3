"""A detector as data: patterns with a base score, context words, a validation hook."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Final

import ahocorasick

from leitplanke.checks.personal_data.entity import Entity

# `\w` in a character class, with the Latin letters and digits (which it includes) listed first:
# Python's regex engine finds those in its table instead of asking the Unicode database.
WORD_CLASS: Final = r"0-9A-Za-z_À-ÖØ-öø-ſ\w"

Validator = Callable[[str], bool]
Finder = Callable[[str], Iterable[Entity]]
Gate = Callable[[str], object]  # truthy: the text may hold a candidate


def lowered(text: str) -> str:
    """`text` in lower case with unchanged offsets (characters whose lower case is longer stay).
    The result for the latest text is kept: several detectors ask for it."""
    latest, lower = _LOWERED[0]
    if latest is text:
        return lower
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    _LOWERED[0] = (text, lower)
    return lower


_LOWERED: Final[list[tuple[str | None, str]]] = [(None, "")]


def is_word_char(char: str) -> bool:
    """A letter, digit or underscore, as `\\w` in a regular expression."""
    return char.isalnum() or char == "_"


class WordList:
    """Words searched case-insensitively as whole words; a word ending in "*" is a prefix.

    A word's letter or digit at either end must not touch another one in the text ("Tel."
    matches "Tel.:", "IP" does not match "iPhone"); a word without letters or digits ("*")
    must not follow one ("Bürger*innen"). One Aho-Corasick pass over the lower-cased
    window: cheaper than a regular expression with many alternatives.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(words)
        self._machine = ahocorasick.Automaton()
        for word in self.words:
            prefix = len(word) > 1 and word.endswith("*")
            key = (word[:-1] if prefix else word).lower()
            bounded_left = key[0].isalnum() or not any(char.isalnum() for char in key)
            bounded_right = key[-1].isalnum() and not prefix
            self._machine.add_word(key, (len(key), bounded_left, bounded_right))
        self._machine.make_automaton()
        self._iter = self._machine.iter

    def search(self, text: str, start: int = 0, end: int | None = None) -> str | None:
        """The first of the words in `text[start:end]`, as written there, or None."""
        window = text[start:end]
        return self.search_in(window, lowered(window), 0, len(window))

    def search_in(self, text: str, lower: str, start: int, end: int) -> str | None:
        """As `search(text, start, end)`, with `lower = lowered(text)` given: for several
        searches in one text, which is then lowered once."""
        end = min(end, len(text))
        return self.search_around(text, lower, start, end, end, end)

    def search_around(
        self, text: str, lower: str, before: int, start: int, end: int, after: int
    ) -> str | None:
        """`search_in(text, lower, before, start) or search_in(text, lower, end, after)` in one
        pass over `text[before:after]`: the windows before and after a candidate at
        `text[start:end]`. Words that reach into the candidate count in neither window."""
        after = min(after, len(text))
        if before >= after:
            return None
        for last, (length, bounded_left, bounded_right) in self._iter(lower, before, after):
            begin = last - length + 1
            if last < start:  # in the window before: it ends at `start`
                low, high = before, start
            elif begin >= end:  # in the window after: it starts at `end`
                low, high = end, after
            else:
                continue
            if bounded_left and begin > low and is_word_char(lower[begin - 1]):
                continue
            if bounded_right and last + 1 < high and is_word_char(lower[last + 1]):
                continue
            return text[begin : last + 1]
        return None


@dataclass(frozen=True, eq=False)
class Pattern:
    """A regular expression whose matches are candidates with `score` and `reason`.

    `group` selects the reported part of a match. A match in which a named group of `upgrades`
    took part gets that entry's score and reason instead (the first such entry counts), so one
    pass can tell a street from a full address. `context`, if given, replaces the detector's
    context words for this pattern. The pattern only runs on texts in which `gate` matches (a
    regular expression) or that pass it (a predicate).
    """

    regex: str
    score: float
    reason: str
    flags: int = 0
    group: int | str = 0
    context: tuple[str, ...] | None = None
    gate: str | Gate | None = None
    upgrades: tuple[tuple[str, float, str], ...] = ()
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)
    gate_pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    gate_check: Gate | None = field(init=False, repr=False, compare=False)
    context_words: WordList | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex, self.flags))
        gate_pattern = re.compile(self.gate) if isinstance(self.gate, str) else None
        object.__setattr__(self, "gate_pattern", gate_pattern)
        gate = gate_pattern.search if gate_pattern is not None else self.gate
        object.__setattr__(self, "gate_check", gate or None)
        words = WordList(self.context) if self.context else None
        object.__setattr__(self, "context_words", words)


@dataclass(frozen=True, eq=False)
class Detector:
    """Finds one kind of personal data; pure data apart from the optional hooks.

    A candidate is a match of one of `patterns` that `validate` (e.g. a checksum) accepts. A
    context word within `window` characters before or `window_after` characters after the
    candidate adds `context_boost` to its score; a `counter_context` word before it (a label
    such as „Kundennummer“) subtracts it. A word ending in "*" matches as a prefix, others as
    whole words, case ignored. `find` adds candidates that patterns cannot express (names).

    Most texts hold no candidate, so a detector says cheaply which texts to skip: it runs on a
    text that contains one of its `triggers` (lower-case literals, found for all detectors in
    one pass over the text) or passes its `gate` (a regular expression that must match, or a
    predicate). A detector with neither runs on every text.
    """

    name: str
    kind: str
    patterns: tuple[Pattern, ...] = ()
    context: tuple[str, ...] = ()
    counter_context: tuple[str, ...] = ()
    context_boost: float = 0.3
    window: int = 50
    window_after: int = 25
    validate: Validator | None = None
    find: Finder | None = None
    gate: str | Gate | None = None
    triggers: tuple[str, ...] = ()
    gate_check: Gate | None = field(init=False, repr=False, compare=False)
    _triggers: Gate | None = field(init=False, repr=False, compare=False)
    _context: WordList | None = field(init=False, repr=False, compare=False)
    _counter: WordList | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.name or not self.kind:
            raise ValueError("ein Detektor braucht `name` und `kind`")
        if not self.patterns and self.find is None:
            raise ValueError(f"Detektor {self.name!r} braucht `patterns` oder `find`")
        gate = re.compile(self.gate).search if isinstance(self.gate, str) else self.gate
        object.__setattr__(self, "gate_check", gate)
        object.__setattr__(self, "_triggers", any_word(self.triggers) if self.triggers else None)
        object.__setattr__(self, "_context", WordList(self.context) if self.context else None)
        counter = WordList(self.counter_context) if self.counter_context else None
        object.__setattr__(self, "_counter", counter)

    @property
    def gated(self) -> bool:
        """The detector skips texts without a trigger that fail its gate."""
        return self.gate_check is not None or self._triggers is not None

    def passes_gate(self, text: str) -> bool:
        """`text` passes the gate (triggers not considered)."""
        return self.gate_check is not None and bool(self.gate_check(text))

    def detect(self, text: str) -> list[Entity]:
        """Every candidate in `text`, scored; overlaps between candidates are kept."""
        if self.gated and not (
            (self._triggers is not None and self._triggers(text)) or self.passes_gate(text)
        ):
            return []
        return self.scan(text)

    def scan(self, text: str, patterns: Iterable[Pattern] | None = None) -> list[Entity]:
        """Every candidate in `text`, without asking triggers and gate first. `patterns`: those
        to run, their gates already passed (default: each of `patterns` whose gate passes)."""
        found: list[Entity] = []
        validate = self.validate
        lower: str | None = None
        if patterns is None:
            patterns = [
                pattern
                for pattern in self.patterns
                if pattern.gate_check is None or pattern.gate_check(text)
            ]
        for pattern in patterns:
            context = pattern.context_words or self._context
            group = pattern.group
            for match in pattern.compiled.finditer(text):
                start, end = match.span(group)
                if start >= end or (validate and not validate(text[start:end])):
                    continue
                score, reason = pattern.score, pattern.reason
                for name, upgraded, because in pattern.upgrades:
                    if match.start(name) >= 0:
                        score, reason = upgraded, because
                        break
                if lower is None:
                    lower = lowered(text)
                found.append(self._scored(text, lower, start, end, score, reason, context))
        if self.find is not None:
            found.extend(self.find(text))
        return found

    def _scored(
        self,
        text: str,
        lower: str,
        start: int,
        end: int,
        score: float,
        reason: str,
        context: WordList | None,
    ) -> Entity:
        before = max(0, start - self.window)
        after = end + self.window_after
        if context is not None:
            word = context.search_around(text, lower, before, start, end, after)
            if word is not None:
                score += self.context_boost
                reason = f"{reason}; Kontextwort „{word}“"
        if self._counter is not None:
            word = self._counter.search_in(text, lower, before, start)
            if word is not None:
                score -= self.context_boost
                reason = f"{reason}; Gegenhinweis „{word}“"
        return Entity(self.kind, start, end, round(min(1.0, max(0.0, score)), 2), reason)


def any_word(words: Iterable[str]) -> Gate:
    """A gate passing texts that contain one of `words` (lower case) anywhere, in one pass."""
    machine = ahocorasick.Automaton()
    for word in words:
        machine.add_word(word, word)
    machine.make_automaton()

    def gate(text: str) -> bool:
        return next(machine.iter(text.lower()), None) is not None

    return gate
