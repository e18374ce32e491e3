"""Presentation shared by the human-readable formats: German dates, rules grouped for reading."""

from collections.abc import Iterable
from datetime import date

from leitplanke.publish.document import PublishedRule
from leitplanke.rulebook.vocabulary import Aspect, Audience

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip


def german_date(day: date) -> str:
    """A date as German text, e.g. '1. November 2026'."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def grouped_rules(rules: Iterable[PublishedRule]) -> list[list[list[PublishedRule]]]:
    """Rules by audience, then by aspect (both in vocabulary order), each in source order."""
    groups: dict[Audience, dict[Aspect, list[PublishedRule]]] = {}
    for rule in rules:
        groups.setdefault(rule.audience, {}).setdefault(rule.aspect, []).append(rule)
    return [
        [groups[audience][aspect] for aspect in Aspect if aspect in groups[audience]]
        for audience in Audience
        if audience in groups
    ]
