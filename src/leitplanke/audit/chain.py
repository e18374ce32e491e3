"""Appends entries to the audit log and verifies its hash chain."""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from leitplanke.audit.tables import AuditEntry
from leitplanke.database.base import now

GENESIS = "0" * 64  # the previous hash of the first entry
BATCH = 1000  # entries read at a time when verifying


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a user (id and name) or the system (no id)."""

    id: int | None
    name: str


SYSTEM = Actor(None, "System")


def canonical_json(value: Any) -> str:
    """`value` as JSON with sorted keys and no spaces: equal data, equal bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(entry: AuditEntry) -> str:
    """The SHA-256 of the entry's content and the hash before it."""
    content = {
        "sequence": entry.sequence,
        "at": _timestamp(entry.at),
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "action": entry.action,
        "entity_type": entry.entity_type,
        "entity_id": entry.entity_id,
        "data": entry.data,
        "previous_hash": entry.previous_hash,
    }
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: object,
    data: dict[str, Any],
) -> AuditEntry:
    """Appends an entry in the caller's transaction: it is kept exactly if the change is.

    Two writers that append at once collide on the sequence number; the later transaction
    fails and nothing of it is kept.
    """
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.sequence.desc()).limit(1)).first()
    entry = AuditEntry(
        sequence=1 if last is None else last.sequence + 1,
        at=now(),
        actor_id=actor.id,
        actor_name=actor.name,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        data=json.loads(canonical_json(data)),  # what is hashed is what the database stores
        previous_hash=GENESIS if last is None else last.entry_hash,
    )
    entry.entry_hash = entry_hash(entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainProblem:
    """Where the chain breaks and why (German)."""

    sequence: int
    message: str

    def __str__(self) -> str:
        return f"Eintrag {self.sequence}: {self.message}"


def entries(session: Session) -> Iterator[AuditEntry]:
    """All entries in order, read in batches."""
    after = 0
    while True:
        batch = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.sequence > after)
            .order_by(AuditEntry.sequence)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        yield from batch
        after = batch[-1].sequence
        session.expunge_all()


def verify(session: Session) -> tuple[int, list[ChainProblem]]:
    """The number of entries and every break in the chain: a changed entry (its hash no
    longer matches), a removed or inserted one (sequence gap, previous hash mismatch)."""
    problems: list[ChainProblem] = []
    expected_previous, expected_sequence, count = GENESIS, 1, 0
    for entry in entries(session):
        count += 1
        if entry.sequence != expected_sequence:
            problems.append(
                ChainProblem(entry.sequence, f"erwartet war Eintrag {expected_sequence}")
            )
        if entry.previous_hash != expected_previous:
            problems.append(
                ChainProblem(entry.sequence, "verweist nicht auf den Hash des Vorgängers")
            )
        if entry_hash(entry) != entry.entry_hash:
            problems.append(ChainProblem(entry.sequence, "Inhalt passt nicht zu seinem Hash"))
        expected_previous, expected_sequence = entry.entry_hash, entry.sequence + 1
    return count, problems


def head(session: Session) -> AuditEntry | None:
    """The newest entry: note its hash elsewhere to detect later truncation of the log."""
    return session.scalars(select(AuditEntry).order_by(AuditEntry.sequence.desc()).limit(1)).first()


def holds(session: Session, hash_value: str) -> bool:
    """Whether an entry with this hash is in the log (a noted head must stay in it)."""
    found = session.scalars(select(AuditEntry).where(AuditEntry.entry_hash == hash_value)).first()
    return found is not None
