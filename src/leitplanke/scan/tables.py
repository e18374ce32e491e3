"""The table of scan jobs: a scan asked for in the web app, its progress and its stored result."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leitplanke.accounts.tables import User
from leitplanke.database.base import Base, now, text_enum
from leitplanke.registry.tables import Authority, Presence


class ScanStatus(StrEnum):
    """Where a job stands: queued → running → done, failed or cancelled."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINISHED = frozenset({ScanStatus.DONE, ScanStatus.FAILED, ScanStatus.CANCELLED})


class ScanJob(Base):
    """One scan of a site from a start URL, optionally linked to an authority and a presence.

    `options` are the `ScanOptions` the scan runs with (as JSON; the runner writes the
    effective ones when it starts the job); `pages_done` of at most `pages_limit` pages is the
    progress; `result` the whole `SiteScan` as JSON once the job has ended (also a partial one
    of a cancelled job), `summary` its `SiteSummary` for lists. `cancel_requested` asks a
    running job to stop after its current pages.
    """

    __tablename__ = "scan_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    options: Mapped[dict[str, Any]] = mapped_column(JSON)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    authority_id: Mapped[int | None] = mapped_column(
        ForeignKey("authorities.id", ondelete="SET NULL"), index=True
    )
    presence_id: Mapped[int | None] = mapped_column(
        ForeignKey("presences.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[ScanStatus] = mapped_column(
        text_enum(ScanStatus), default=ScanStatus.QUEUED, index=True
    )
    pages_done: Mapped[int] = mapped_column(default=0)
    pages_limit: Mapped[int]
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    error: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    result: Mapped[str | None] = mapped_column(Text, deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=now)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    requested_by: Mapped[User | None] = relationship()
    authority: Mapped[Authority | None] = relationship()
    presence: Mapped[Presence | None] = relationship()
