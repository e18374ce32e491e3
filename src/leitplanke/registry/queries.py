"""Reading presences: one, a filtered list for staff, and the public list of official accounts.

The public list holds the presences that are `active` or `suspended`. A suspended account is
still the authority's own (paused, or taken back after a break-in); listing it with its status
tells citizens that it is genuine but not speaking for the authority now, where leaving it out
would make it look like an impostor. Planned and approved presences do not exist publicly yet;
closed ones are no longer official.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from leitplanke.audit.tables import AuditEntry
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.handles import fold
from leitplanke.registry.references import addressed, name_of
from leitplanke.registry.schemas import AuthorityPublic, PresenceFilter, PresencePublic
from leitplanke.registry.tables import Authority, Presence, PresenceMember, PresenceStatus

PUBLIC_STATUSES: frozenset[PresenceStatus] = frozenset(
    {PresenceStatus.ACTIVE, PresenceStatus.SUSPENDED}
)
# Audit actions after which a presence's status is the one it has now.
STATUS_ACTIONS = ("presence.create", "presence.status")


def _with_relations(statement: Select[Presence]) -> Select[Presence]:
    return statement.options(
        selectinload(Presence.authority),
        selectinload(Presence.unit),
        selectinload(Presence.responsible),
        selectinload(Presence.contact),
        selectinload(Presence.team).selectinload(PresenceMember.person),
    )


def _ordered(statement: Select[Presence]) -> Select[Presence]:
    """By authority, platform and handle: the order of every list and export."""
    return statement.join(Presence.authority).order_by(
        Authority.name, Presence.platform, Presence.handle_key, Presence.id
    )


def get_presence(session: Session, presence_id: int) -> Presence:
    """One presence with its authority, unit, people and team; NOT_FOUND if there is none."""
    addressed(session, Presence, presence_id)
    statement = _with_relations(select(Presence).where(Presence.id == presence_id))
    return session.scalars(statement).one()


def list_presences(session: Session, filters: PresenceFilter | None = None) -> Sequence[Presence]:
    """The presences that match every filter given, in the order of `_ordered`."""
    filters = filters or PresenceFilter()
    statement = _ordered(_with_relations(select(Presence)))
    if filters.authority_id is not None:
        statement = statement.where(Presence.authority_id == filters.authority_id)
    if filters.platform is not None:
        statement = statement.where(Presence.platform == filters.platform)
    if filters.status is not None:
        statement = statement.where(Presence.status == filters.status)
    if filters.text is not None:
        text = filters.text.lower()
        statement = statement.where(
            or_(
                func.lower(Presence.name).contains(text, autoescape=True),
                Presence.handle_key.contains(fold(filters.text).lstrip("@"), autoescape=True),
                func.lower(Presence.purpose).contains(text, autoescape=True),
                func.lower(Authority.name).contains(text, autoescape=True),
                func.lower(Authority.short_name).contains(text, autoescape=True),
            )
        )
    return session.scalars(statement).all()


def status_since(session: Session, presences: Sequence[Presence]) -> dict[int, datetime]:
    """When each presence got its current status: its last status change in the audit log
    (or its creation; the time it was stored, if the log has neither)."""
    rows = session.execute(
        select(AuditEntry.entity_id, func.max(AuditEntry.at))
        .where(
            AuditEntry.entity_type == "presence",
            AuditEntry.action.in_(STATUS_ACTIONS),
            AuditEntry.entity_id.in_([str(presence.id) for presence in presences]),
        )
        .group_by(AuditEntry.entity_id)
    )
    latest = {entity_id: at for entity_id, at in rows}
    return {
        presence.id: latest.get(str(presence.id)) or presence.created_at for presence in presences
    }


def _public(presences: Sequence[Presence], since: dict[int, datetime]) -> list[PresencePublic]:
    return [
        PresencePublic(
            id=presence.id,
            name=presence.name,
            platform=presence.platform,
            handle=presence.handle,
            url=presence.url,
            purpose=presence.purpose,
            status=presence.status,
            status_since=since[presence.id],
            authority=AuthorityPublic.model_validate(presence.authority),
            imprint_url=presence.imprint_url,
            privacy_notice_url=presence.privacy_notice_url,
            berlin_de_url=presence.berlin_de_url,
        )
        for presence in presences
    ]


def public_presences(session: Session) -> list[PresencePublic]:
    """The official presences everyone may see (`PUBLIC_STATUSES`), with public fields only."""
    presences = session.scalars(
        _ordered(
            select(Presence)
            .options(selectinload(Presence.authority))
            .where(Presence.status.in_(sorted(PUBLIC_STATUSES)))
        )
    ).all()
    return _public(presences, status_since(session, presences))


def public_presence(session: Session, presence_id: int) -> PresencePublic:
    """One official presence as everyone may see it; NOT_FOUND unless it is in the public list."""
    presence = session.get(Presence, presence_id)
    if presence is None or presence.status not in PUBLIC_STATUSES:
        raise RegistryError(
            ErrorKind.NOT_FOUND,
            "id",
            f"Die {name_of(Presence, presence_id)} ist keine öffentlich geführte Präsenz.",
        )
    return _public([presence], status_since(session, [presence]))[0]
