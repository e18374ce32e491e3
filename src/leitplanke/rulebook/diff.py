"""Differences between two rulebook versions: added, removed, changed rules, word-level redline."""

import re
from difflib import SequenceMatcher
from typing import Literal

from pydantic import BaseModel, ConfigDict

from leitplanke.rulebook.model import Rule, Rulebook

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

COMPARED_FIELDS: tuple[str, ...] = (
    "title",
    "audience",
    "aspect",
    "level",
    "status",
    "text",
    "rationale",
    "legal_bases",
    "examples",
    "target_groups",
    "checks",
    "see_also",
)


class DiffModel(BaseModel):
    """Base of the diff's parts: immutable, serialisable."""

    model_config = ConfigDict(frozen=True)


class Segment(DiffModel):
    """A run of words that is unchanged, inserted or deleted."""

    op: Literal["equal", "insert", "delete"]
    text: str


class FieldChange(DiffModel):
    """One changed field of a rule, with old and new value and the redline between them."""

    field: str
    old: str
    new: str
    redline: list[Segment]


class RuleSummary(DiffModel):
    """Enough of a rule to name it in a diff."""

    id: str
    title: str
    audience: str
    aspect: str


class RuleChange(DiffModel):
    """A rule present in both versions whose content changed."""

    id: str
    title: str
    changes: list[FieldChange]


class RulebookDiff(DiffModel):
    """What changed from one version to another."""

    old_version: str
    new_version: str
    added: list[RuleSummary]
    removed: list[RuleSummary]
    changed: list[RuleChange]

    @property
    def is_empty(self) -> bool:
        """True when the two versions have the same rules with the same content."""
        return not (self.added or self.removed or self.changed)


def redline(old: str, new: str) -> list[Segment]:
    """Word-level redline: concatenating equal+delete gives `old`, equal+insert gives `new`."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(segments, "equal", "".join(old_tokens[i1:i2]))
            continue
        _append(segments, "delete", "".join(old_tokens[i1:i2]))
        _append(segments, "insert", "".join(new_tokens[j1:j2]))
    return segments


def _append(segments: list[Segment], op: Literal["equal", "insert", "delete"], text: str) -> None:
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1] = Segment(op=op, text=segments[-1].text + text)
    else:
        segments.append(Segment(op=op, text=text))


def field_text(rule: Rule, field: str) -> str:
    """A rule field as comparable text: lists one item per line."""
    value = getattr(rule, field)
    if isinstance(value, list):
        return "\n".join(_item_text(item) for item in value)
    return str(value)


def _item_text(item: object) -> str:
    if isinstance(item, BaseModel):
        parts = item.model_dump(mode="json", exclude_none=True).values()
        return " – ".join(str(part) for part in parts)
    return str(item)


def diff_rules(old: Rule, new: Rule) -> list[FieldChange]:
    """The fields in which two wordings of a rule differ."""
    changes = []
    for field in COMPARED_FIELDS:
        before, after = field_text(old, field), field_text(new, field)
        if before != after:
            changes.append(
                FieldChange(field=field, old=before, new=after, redline=redline(before, after))
            )
    return changes


def _summary(rule: Rule) -> RuleSummary:
    return RuleSummary(id=rule.id, title=rule.title, audience=rule.audience, aspect=rule.aspect)


def diff_rulebooks(old: Rulebook, new: Rulebook) -> RulebookDiff:
    """Added, removed and changed rules from `old` to `new`, in the new version's order."""
    old_rules = {rule.id: rule for rule in old.rules}
    new_ids = {rule.id for rule in new.rules}
    changed = []
    for rule in new.rules:
        if rule.id in old_rules:
            changes = diff_rules(old_rules[rule.id], rule)
            if changes:
                changed.append(RuleChange(id=rule.id, title=rule.title, changes=changes))
    return RulebookDiff(
        old_version=old.meta.version,
        new_version=new.meta.version,
        added=[_summary(rule) for rule in new.rules if rule.id not in old_rules],
        removed=[_summary(rule) for rule in old.rules if rule.id not in new_ids],
        changed=changed,
    )
