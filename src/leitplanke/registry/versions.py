"""Versions of registry entries: each write's changed fields go to the audit log and back.

A write records `{field: [old, new]}` with JSON values (a new entry: old is None; a deleted
one: new is None) under the action `<entity>.<verb>`, e.g. `presence.update`; the entries of
one entity, read back in order, are its history: who changed what, when.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from leitplanke.audit.chain import Actor, record
from leitplanke.audit.tables import AuditEntry
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.references import addressed
from leitplanke.registry.schemas import HistoryEntry
from leitplanke.registry.tables import Authority, ContactPoint, Person, Presence, Unit

Changes = dict[str, list[Any]]
Entry = Authority | Unit | Person | ContactPoint | Presence


def json_value(value: Any) -> Any:
    """`value` as JSON: enum members as their value, moments and dates in ISO 8601."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | frozenset | set):
        return [json_value(item) for item in value]
    return value


def apply(row: object, values: Mapping[str, Any]) -> Changes:
    """Sets each attribute of `row` that `values` changes; the changes as `{field: [old, new]}`."""
    changes: Changes = {}
    for name, new in values.items():
        old = getattr(row, name)
        if old != new:
            changes[name] = [json_value(old), json_value(new)]
            setattr(row, name, new)
    return changes


def created(values: Mapping[str, Any]) -> Changes:
    """The changes of a new entry: each field that has a value, from None."""
    return {name: [None, json_value(value)] for name, value in values.items() if value is not None}


def deleted(row: object, names: Iterable[str]) -> Changes:
    """The changes of deleting `row`: each of its fields that had a value, to None."""
    values = {name: getattr(row, name) for name in names}
    return {name: [json_value(value), None] for name, value in values.items() if value is not None}


def save(session: Session, actor: Actor, action: str, row: Entry, changes: Changes) -> None:
    """Writes the session's changes and records them as a version of `row` (a new `row` gets
    its ID here), under the entity type that `action` begins with.

    A row that clashes with one another writer stored meanwhile is a CONFLICT; after any
    error the caller rolls the session back.
    """
    try:
        session.flush()
    except IntegrityError as error:
        raise RegistryError(
            ErrorKind.CONFLICT,
            None,
            "Die Angaben überschneiden sich mit einer gleichzeitigen Änderung; "
            "bitte neu laden und erneut versuchen.",
        ) from error
    entity_type = action.partition(".")[0]
    record(session, actor, action, entity_type, row.id, changes)


def history(session: Session, entity_type: str, entity_id: int) -> list[HistoryEntry]:
    """Every recorded version of one entity, oldest first."""
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == entity_type, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.sequence)
    )
    return [
        HistoryEntry.model_validate(
            {
                "sequence": entry.sequence,
                "at": entry.at,
                "actor_id": entry.actor_id,
                "actor_name": entry.actor_name,
                "action": entry.action,
                "changes": entry.data,
            }
        )
        for entry in entries
    ]


def presence_history(session: Session, presence_id: int) -> list[HistoryEntry]:
    """Every version of a presence, oldest first: created, changed, its status and team.
    NOT_FOUND if there is no such presence."""
    addressed(session, Presence, presence_id)
    return history(session, "presence", presence_id)
