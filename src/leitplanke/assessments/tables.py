"""Tables of the decision process: assessments in progress and their signed, immutable records."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from leitplanke.database.base import Base, now, text_enum


class AssessmentStatus(StrEnum):
    """An assessment is open until it is signed; then its record is final."""

    OPEN = "open"
    SIGNED = "signed"


class PresenceAssessment(Base):
    """The questionnaire answered for one planned presence, saved step by step.

    `rulebook_version` is the version whose questionnaire the answers belong to; the signed
    record keeps it.
    """

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    presence_id: Mapped[int] = mapped_column(ForeignKey("presences.id", ondelete="RESTRICT"))
    rulebook_version: Mapped[str] = mapped_column(String(20))
    answers: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    current_step: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[AssessmentStatus] = mapped_column(
        text_enum(AssessmentStatus), default=AssessmentStatus.OPEN
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)


class DecisionRecord(Base):
    """The signed result of an assessment: never changed once written.

    `content` is the whole record (presence, answers, outcome, reasons with rule IDs, rulebook
    version, signer, time) as canonical JSON; `content_hash` its SHA-256; `signature` the
    Ed25519 signature of that JSON by the key with fingerprint `key_id`. The migration adds
    triggers that refuse UPDATE and DELETE.
    """

    __tablename__ = "decision_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), unique=True
    )
    presence_id: Mapped[int] = mapped_column(ForeignKey("presences.id", ondelete="RESTRICT"))
    rulebook_version: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(40))
    content: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(200))
    key_id: Mapped[str] = mapped_column(String(64))
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    signed_by_name: Mapped[str] = mapped_column(String(200))
    signed_at: Mapped[datetime] = mapped_column(default=now)
