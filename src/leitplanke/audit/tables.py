"""The table of the audit log; each entry holds the hash of the one before it."""

from datetime import datetime

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from leitplanke.database.base import Base, now


class AuditEntry(Base):
    """One write: who did what to which object, when, and the change itself.

    `sequence` numbers the entries without gaps; `entry_hash` is the SHA-256 of the entry's
    canonical JSON including `previous_hash`, so changing, removing or reordering any entry
    breaks the chain from there on. The migration adds triggers that refuse UPDATE and DELETE.
    """

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_entity", "entity_type", "entity_id"),)

    sequence: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(default=now)
    actor_id: Mapped[int | None]
    actor_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(80))
    entity_type: Mapped[str] = mapped_column(String(80))
    entity_id: Mapped[str] = mapped_column(String(80))
    data: Mapped[dict[str, object]] = mapped_column(JSON)
    previous_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)
