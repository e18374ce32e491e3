"""One pass over a text for the triggers and gates of all detectors: which of them to run.

Triggers (literals, case ignored) and gates written as regular expressions go into one
Hyperscan database, which reports for each text in a single pass which of them occur. A gate
that Hyperscan cannot run the way Python's `re` does (look-arounds, word boundaries, `\\s`, …)
and a gate that is a predicate are asked in Python instead: they work, only more slowly.

The pass reads `\\d` as the ASCII digits, which keeps the database small (Unicode classes
make it many times larger); a text with other decimal digits ("٣") is screened in Python.
"""

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

import hyperscan

from leitplanke.checks.personal_data.detector import Detector, Gate, Pattern
from leitplanke.checks.personal_data.entity import Entity

FLAGS: Final = hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_UTF8
TRIGGER_FLAGS: Final = FLAGS | hyperscan.HS_FLAG_CASELESS
# Decimal digits other than 0–9, in Unicode mode.
OTHER_DIGITS: Final = (r"[^\D0-9]", FLAGS | hyperscan.HS_FLAG_UCP)
# Syntax that Hyperscan reads otherwise than Python or that it lacks: "{,3}", POSIX classes,
# "\Z", "\s" (Python's includes \x1c–\x1f), "\w" and word boundaries (which letters count
# may differ), named characters, inline flags.
UNSHARED: Final = re.compile(r"\{,|\[:|\\[ZzsSbBwWN]|\(\?[aiLmsux-]")
ESCAPE: Final = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)


def literal(word: str) -> str:
    """An expression that matches `word` literally."""
    return "".join(
        char if char.isascii() and char.isalnum() else f"\\x{{{ord(char):x}}}" for char in word
    )


def shared_syntax(regex: str) -> str | None:
    """`regex` (Python syntax) in Hyperscan's syntax, with `\\d` as the ASCII digits; None
    if Hyperscan may read it otherwise (beyond other digits). Whether Hyperscan accepts it at
    all (no look-arounds, no back-references) shows when it is compiled."""
    if UNSHARED.search(regex):
        return None
    parts: list[str] = []
    class_start = -1  # where the open character class's first member stands
    position = 0
    while position < len(regex):
        char = regex[position]
        if char == "\\":
            escape = ESCAPE.match(regex, position)
            if escape is None:
                return None
            text = escape.group()
            if text == r"\d":
                text = "0-9" if class_start >= 0 else "[0-9]"
            elif text == r"\D":
                if class_start >= 0:
                    return None
                text = "[^0-9]"
            elif text[1] in "uU":
                text = f"\\x{{{text[2:]}}}"
            parts.append(text)
            position = escape.end()
            continue
        if char == "[" and class_start < 0:
            class_start = position + (2 if regex.startswith("^", position + 1) else 1)
        elif char == "]" and class_start >= 0 and position > class_start:
            class_start = -1  # a "]" right after "[" or "[^" is a member
        parts.append(char)
        position += 1
    return "".join(parts)


@lru_cache(maxsize=1024)
def runs_alone(expression: str) -> bool:
    """Hyperscan compiles `expression` (no look-arounds, no back-references, …)."""
    try:
        compiled((expression,), (FLAGS,), (0,))
    except hyperscan.error:
        return False
    return True


@lru_cache(maxsize=32)
def database(
    expressions: tuple[str, ...], flags: tuple[int, ...], ids: tuple[int, ...]
) -> hyperscan.Database:
    """The compiled expressions, each reporting its id. Equal sets compile once."""
    return compiled(expressions, flags, ids)


def compiled(
    expressions: tuple[str, ...], flags: tuple[int, ...], ids: tuple[int, ...]
) -> hyperscan.Database:
    """A new database of the expressions, each reporting its id."""
    compiled = hyperscan.Database()
    compiled.compile(
        expressions=[expression.encode() for expression in expressions],
        ids=list(ids),
        elements=len(expressions),
        flags=list(flags),
    )
    return compiled


def collect(id_: int, start: int, end: int, flags: int, hits: list[int]) -> None:
    """Hyperscan's match handler: notes the id of the expression that matched in `hits`."""
    hits.append(id_)


def shortest(words: Iterable[str]) -> set[str]:
    """`words` without those that contain another of them (that one fires whenever they do)."""
    kept: list[str] = []
    for word in sorted(set(words), key=len):
        if not any(other in word for other in kept):
            kept.append(word)
    return set(kept)


class Step:
    """One detector as `detect_personal_data` runs it: when, and with which of its patterns.

    The detector runs on a text in whose pass its `bit` is set (a trigger or its gate matched,
    or it has neither) or that passes `check`, its gate asked in Python. Its patterns run if
    their gates passed: the bits in `mask` tell those that the pass asked.
    """

    def __init__(
        self,
        detector: Detector,
        bit: int,
        check: Gate | None,
        patterns: tuple[tuple[Pattern, int], ...],
    ) -> None:
        self.detector = detector
        self.bit = bit
        self.check = check
        self._patterns = patterns
        self.mask = sum(bit for _, bit in patterns)
        # Pattern gates that the pass does not ask, asked for each text.
        self._asked = frozenset(
            pattern for pattern, bit in patterns if not bit and pattern.gate_check is not None
        )
        self._chosen: dict[int, tuple[Pattern, ...]] = {}
        # A subclass's own `scan` gets the text alone; a detector without patterns, its `find`.
        self._own_scan = type(detector).scan is not Detector.scan
        self._find_only = not detector.patterns and detector.find is not None

    def fired_in_python(self, text: str, lower: str) -> int:
        """The bits that the pass gives for this detector and its pattern gates, found by
        Python's `re` and substring search (`lower`: `text` in lower case)."""
        detector = self.detector
        fired = 0
        if (
            not detector.gated
            or any(trigger in lower for trigger in detector.triggers)
            or (self.check is None and detector.passes_gate(text))
        ):
            fired |= self.bit
        for pattern, bit in self._patterns:
            if bit and pattern.gate_check is not None and pattern.gate_check(text):
                fired |= bit
        return fired

    def scan(self, text: str, fired: int) -> Iterable[Entity]:
        """The detector's candidates in `text`, of the patterns whose gates passed."""
        detector = self.detector
        if self._own_scan:
            return detector.scan(text)
        if self._find_only:
            return detector.find(text)  # type: ignore[misc]  # `_find_only`: it has one
        key = fired & self.mask
        chosen = self._chosen.get(key)
        if chosen is None:
            chosen = self._chosen[key] = tuple(
                pattern for pattern, bit in self._patterns if not bit or key & bit
            )
        if self._asked:
            chosen = tuple(
                pattern
                for pattern in chosen
                if pattern not in self._asked or pattern.gate_check(text)  # type: ignore[misc]
            )
        if not chosen and detector.find is None:
            return ()
        return detector.scan(text, chosen)


class Prefilter:
    """The triggers and gates of `detectors` in one Hyperscan database; `steps` in their order.

    `fired(text)` gives, as bits, the detectors to run (those whose triggers or gate matched,
    and those that have neither) and the pattern gates that passed. Each distinct trigger and
    gate is one expression.
    """

    def __init__(self, detectors: Iterable[Detector]) -> None:
        self.detectors = tuple(detectors)
        self._detector_bits = (1 << len(self.detectors)) - 1
        self._runs: dict[int, tuple[Step, ...]] = {}
        self._local = threading.local()
        try:
            self._build(frozenset())
        except hyperscan.error:  # a gate it cannot compile: those are asked in Python
            gates = {
                expression
                for detector in self.detectors
                for gate in (detector.gate, *(pattern.gate for pattern in detector.patterns))
                if isinstance(gate, str) and (expression := shared_syntax(gate)) is not None
            }
            self._build(frozenset(gate for gate in gates if not runs_alone(gate)))

    def _build(self, rejected: frozenset[str]) -> None:
        """The steps and the database, with the gate expressions in `rejected` asked in
        Python."""

        def shared(gate: str | Gate | None) -> str | None:
            expression = shared_syntax(gate) if isinstance(gate, str) else None
            return None if expression in rejected else expression

        owners: dict[tuple[str, int], int] = {}  # (expression, flags) -> bits
        self.always = 0
        steps: list[Step] = []
        next_bit = 1 << len(self.detectors)
        for index, detector in enumerate(self.detectors):
            bit = 1 << index
            for trigger in shortest(detector.triggers):
                key = (literal(trigger), TRIGGER_FLAGS)
                owners[key] = owners.get(key, 0) | bit
            check = None
            if (expression := shared(detector.gate)) is not None:
                owners[(expression, FLAGS)] = owners.get((expression, FLAGS), 0) | bit
            elif detector.gate is not None:
                check = detector.gate_check
            if not detector.gated:
                self.always |= bit
            patterns: list[tuple[Pattern, int]] = []
            for pattern in detector.patterns:
                # A detector without a gate runs only on its triggers, rarely: it asks its
                # pattern gates itself rather than make every text's pass longer.
                expression = shared(pattern.gate) if detector.gate is not None else None
                if expression is None:
                    patterns.append((pattern, 0))
                    continue
                owners[(expression, FLAGS)] = owners.get((expression, FLAGS), 0) | next_bit
                patterns.append((pattern, next_bit))
                next_bit <<= 1
            steps.append(Step(detector, bit, check, tuple(patterns)))
        self.steps = tuple(steps)
        # The pass reads `\d` as 0–9: a text with other digits is screened in Python.
        self._other_digits = next_bit if owners else 0
        if owners:
            owners[OTHER_DIGITS] = next_bit
        # Expressions with the same bits share an id, which reports at most once.
        self._masks = tuple(sorted(set(owners.values())))
        ids = {mask: index for index, mask in enumerate(self._masks)}
        ordered = sorted(owners.items())
        self._database = (
            database(
                tuple(expression for (expression, _), _ in ordered),
                tuple(flags for (_, flags), _ in ordered),
                tuple(ids[bits] for _, bits in ordered),
            )
            if ordered
            else None
        )

    def candidates(self, fired: int) -> tuple[Step, ...]:
        """The steps whose detectors may run on a text for which the pass gave `fired`: those
        whose bit is set, and those with a gate asked in Python."""
        key = fired & self._detector_bits
        steps = self._runs.get(key)
        if steps is None:
            if len(self._runs) > 4096:
                self._runs.clear()
            steps = self._runs[key] = tuple(
                step for step in self.steps if key & step.bit or step.check is not None
            )
        return steps

    def fired(self, text: str) -> int:
        """The bits of the detectors to run on `text` and of the pattern gates it passes."""
        fired = self.always
        if self._database is None:
            return fired
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:  # a scratch space per thread: a scan may not share one
            scratch = self._local.scratch = hyperscan.Scratch(self._database)
        hits: list[int] = []
        # Positional arguments: the extension parses keywords slowly.
        self._database.scan(text.encode("utf-8", "replace"), collect, 0, hits, scratch)  # type: ignore[arg-type]
        masks = self._masks
        for id_ in hits:
            fired |= masks[id_]
        if fired & self._other_digits:
            lower = text.lower()
            return self.always | sum(step.fired_in_python(text, lower) for step in self.steps)
        return fired
