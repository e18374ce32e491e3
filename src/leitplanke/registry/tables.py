"""Tables of the registry: authorities and units, people, presences and their team, contacts."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leitplanke.database.base import Base, now, text_enum


class PresenceStatus(StrEnum):
    """Where a presence stands in its life: planned → approved → active → suspended → closed."""

    PLANNED = "planned"
    APPROVED = "approved"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CLOSED = "closed"


class TeamRole(StrEnum):
    """What a person does for a presence besides being responsible or its contact."""

    DEPUTY = "deputy"
    EDITOR = "editor"


class Authority(Base):
    """A public body of the Land: a Senate department, district office or agency."""

    __tablename__ = "authorities"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)

    units: Mapped[list["Unit"]] = relationship(back_populates="authority", order_by="Unit.name")


class Unit(Base):
    """An organisational unit of an authority (e.g. its press office)."""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("authority_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int] = mapped_column(ForeignKey("authorities.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)

    authority: Mapped[Authority] = relationship(back_populates="units")


class Person(Base):
    """Someone who is responsible for, edits or answers for a presence or a topic."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int] = mapped_column(ForeignKey("authorities.id", ondelete="RESTRICT"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    function: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)

    authority: Mapped[Authority] = relationship()
    unit: Mapped[Unit | None] = relationship()


class Presence(Base):
    """A social-media account of an authority, with who is responsible and how it is run.

    `platform` is the ID of a platform in the rulebook's catalogue; (`platform`, `handle`) is
    unique, the handle stored as the platform shows it, compared without case and "@".
    `version` counts the changes; each one is in the audit log with the fields it changed.
    The decision that approved it is its latest signed decision record.
    """

    __tablename__ = "presences"
    __table_args__ = (UniqueConstraint("platform", "handle_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    platform: Mapped[str] = mapped_column(String(48))
    handle: Mapped[str] = mapped_column(String(200))
    handle_key: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(500))
    purpose: Mapped[str] = mapped_column(Text)
    status: Mapped[PresenceStatus] = mapped_column(
        text_enum(PresenceStatus), default=PresenceStatus.PLANNED
    )
    authority_id: Mapped[int] = mapped_column(ForeignKey("authorities.id", ondelete="RESTRICT"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    imprint_url: Mapped[str | None] = mapped_column(String(500))
    privacy_notice_url: Mapped[str | None] = mapped_column(String(500))
    joint_controller_agreement: Mapped[str | None] = mapped_column(String(500))
    dpia_reference: Mapped[str | None] = mapped_column(String(200))
    berlin_de_url: Mapped[str | None] = mapped_column(String(500))
    advertising: Mapped[str | None] = mapped_column(Text)
    moderation_hours: Mapped[str | None] = mapped_column(String(300))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)

    authority: Mapped[Authority] = relationship()
    unit: Mapped[Unit | None] = relationship()
    responsible: Mapped[Person | None] = relationship(foreign_keys=[responsible_id])
    contact: Mapped[Person | None] = relationship(foreign_keys=[contact_id])
    team: Mapped[list["PresenceMember"]] = relationship(
        back_populates="presence", cascade="all, delete-orphan", order_by="PresenceMember.id"
    )


class PresenceMember(Base):
    """A person who deputises for the responsible person or edits a presence."""

    __tablename__ = "presence_members"
    __table_args__ = (UniqueConstraint("presence_id", "person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    presence_id: Mapped[int] = mapped_column(ForeignKey("presences.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    role: Mapped[TeamRole] = mapped_column(text_enum(TeamRole))

    presence: Mapped[Presence] = relationship(back_populates="team")
    person: Mapped[Person] = relationship()


class ContactPoint(Base):
    """Whom employees ask about a topic ("Ansprechpartner"), e.g. private use or data protection."""

    __tablename__ = "contact_points"
    __table_args__ = (UniqueConstraint("authority_id", "topic"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int] = mapped_column(ForeignKey("authorities.id", ondelete="RESTRICT"))
    topic: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)

    authority: Mapped[Authority] = relationship()
    person: Mapped[Person] = relationship()
