"""Runs the registered detectors over a text and resolves overlapping entities."""

from collections.abc import Collection, Iterable
from operator import attrgetter
from typing import Final

from leitplanke.checks.personal_data.builtin import BUILT_IN
from leitplanke.checks.personal_data.entity import Entity
from leitplanke.checks.personal_data.registry import DetectorRegistry

REGISTRY: Final = DetectorRegistry(BUILT_IN)


def resolve_overlaps(entities: Iterable[Entity]) -> list[Entity]:
    """Non-overlapping entities by position: of overlapping ones the higher score, then the
    longer span wins."""
    ordered = sorted(entities, key=attrgetter("start", "end", "kind"))
    reach = -1
    for entity in ordered:
        if entity.start < reach or entity.start >= entity.end:
            break
        reach = max(reach, entity.end)
    else:  # no two overlap: all are kept
        return ordered
    kept: list[Entity] = []  # `ordered` keeps the given order of entities with equal keys
    for entity in sorted(ordered, key=lambda e: (-e.score, e.start - e.end, e.start, e.kind)):
        if all(entity.end <= other.start or other.end <= entity.start for other in kept):
            kept.append(entity)
    return sorted(kept, key=lambda e: (e.start, e.end, e.kind))


def detect_personal_data(
    text: str,
    kinds: Collection[str] | None = None,
    *,
    min_score: float = 0.5,
    registry: DetectorRegistry | None = None,
) -> list[Entity]:
    """The personal data in `text` of `kinds` (all if None) scoring at least `min_score`.

    Overlaps are resolved after the threshold; ValueError for a kind that no detector finds.
    The triggers and gates of all detectors are looked for in one pass; a detector runs on the
    text when one of its triggers occurs or it passes its gate.
    """
    prefilter = (registry or REGISTRY).plan(kinds)
    fired = prefilter.fired(text)
    found: list[Entity] = []
    for step in prefilter.candidates(fired):
        if fired & step.bit or (step.check is not None and step.check(text)):
            for entity in step.scan(text, fired):
                if entity.score >= min_score:
                    found.append(entity)
    return resolve_overlaps(found) if len(found) > 1 else found
