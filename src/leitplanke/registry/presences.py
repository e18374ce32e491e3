"""Writing presences: new ones, changes against the version seen, and their team.

Every check runs before anything is changed, so an error leaves the session as it was; the
caller commits, or rolls back after an error. A presence is never deleted: it is closed
(`status.change_status`). Each write adds one to `version` and records the changed fields.
"""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from leitplanke.accounts.roles import Permission
from leitplanke.audit.chain import Actor
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.handles import Handle, parse_handle
from leitplanke.registry.queries import PUBLIC_STATUSES
from leitplanke.registry.references import addressed, member, name_of, referenced
from leitplanke.registry.schemas import (
    PresenceCreate,
    PresenceUpdate,
    TeamUpdate,
    platform_problem,
)
from leitplanke.registry.scope import Scope, require
from leitplanke.registry.status import REQUIRED_WHEN_LISTED, listed_problem, stale
from leitplanke.registry.tables import (
    Authority,
    Person,
    Presence,
    PresenceMember,
    PresenceStatus,
    TeamRole,
    Unit,
)
from leitplanke.registry.versions import Changes, apply, created, save

# The presence's references to people, who (like its unit) belong to its authority.
PEOPLE = ("responsible_id", "contact_id")
MEMBERS = ("unit_id", *PEOPLE)
TEAM_FIELDS: dict[TeamRole, str] = {TeamRole.DEPUTY: "deputy_ids", TeamRole.EDITOR: "editor_ids"}


def _known_platform(platform: str, platforms: Iterable[str]) -> None:
    if problem := platform_problem(platform, platforms):
        raise RegistryError(ErrorKind.INVALID, "platform", problem)


def _handle(session: Session, platform: str, handle: str, presence_id: int | None) -> Handle:
    """The parsed handle; CONFLICT if another presence has it on the same platform."""
    try:
        parsed = parse_handle(handle)
    except ValueError as error:
        raise RegistryError(ErrorKind.INVALID, "handle", str(error)) from None
    clash = session.scalar(
        select(Presence.id).where(
            Presence.platform == platform,
            Presence.handle_key == parsed.key,
            Presence.id != presence_id,
        )
    )
    if clash is not None:
        raise RegistryError(
            ErrorKind.CONFLICT,
            "handle",
            f"Das Konto „{handle}“ auf {platform} ist schon eingetragen "
            f"(als {name_of(Presence, clash)}).",
        )
    return parsed


def _members(session: Session, values: dict[str, Any], authority_id: int) -> None:
    """Checks that the unit and people among `values` exist and belong to the authority."""
    if "unit_id" in values:
        member(session, Unit, values["unit_id"], authority_id, "unit_id")
    for field in PEOPLE:
        if field in values:
            member(session, Person, values[field], authority_id, field)


def create_presence(
    session: Session,
    actor: Actor,
    scope: Scope,
    data: PresenceCreate,
    *,
    platforms: Iterable[str],
) -> Presence:
    """A new presence in status `planned`, version 1.

    `platforms`: the IDs of the platforms in the rulebook's catalogue.
    """
    require(scope, Permission.EDIT_REGISTRY, data.authority_id)
    _known_platform(data.platform, platforms)
    referenced(session, Authority, data.authority_id, "authority_id")
    values = data.model_dump()
    _members(session, values, data.authority_id)
    handle = _handle(session, data.platform, data.handle, None)
    presence = Presence(**values, handle_key=handle.key, status=PresenceStatus.PLANNED, version=1)
    session.add(presence)
    save(
        session,
        actor,
        "presence.create",
        presence,
        created({**values, "status": PresenceStatus.PLANNED, "version": 1}),
    )
    return presence


def update_presence(
    session: Session,
    actor: Actor,
    scope: Scope,
    presence_id: int,
    data: PresenceUpdate,
    *,
    platforms: Iterable[str],
) -> Presence:
    """Changes the fields `data` gives, if the presence is still at `data.version`.

    Moving it to another authority needs the right to write for both; its unit and people
    (also those not changed, and its team) must belong to the new one. A listed presence
    keeps what `status.REQUIRED_WHEN_LISTED` names.
    """
    presence = addressed(session, Presence, presence_id, for_update=True)
    require(scope, Permission.EDIT_REGISTRY, presence.authority_id, field="id")
    if data.version != presence.version:
        raise stale(presence)
    values = data.changes()
    authority_id = values.get("authority_id", presence.authority_id)
    moved = authority_id != presence.authority_id
    if moved:
        require(scope, Permission.EDIT_REGISTRY, authority_id)
        referenced(session, Authority, authority_id, "authority_id")
        for teammate in presence.team:
            if teammate.person.authority_id != authority_id:
                raise RegistryError(
                    ErrorKind.INVALID,
                    "authority_id",
                    f"Im Team ist die {name_of(Person, teammate.person_id)} einer anderen "
                    "Behörde; bitte zuerst das Team ändern.",
                )
    references = {
        field: values.get(field, getattr(presence, field))
        for field in MEMBERS
        if moved or field in values
    }
    _members(session, references, authority_id)
    if "platform" in values:
        _known_platform(values["platform"], platforms)
    handle_key = presence.handle_key
    if "platform" in values or "handle" in values:
        platform = values.get("platform", presence.platform)
        handle = _handle(session, platform, values.get("handle", presence.handle), presence.id)
        handle_key = handle.key
    if presence.status in PUBLIC_STATUSES:
        for field in REQUIRED_WHEN_LISTED:
            if field in values and values[field] is None:
                raise listed_problem(field, presence.status)
    if changes := apply(presence, values):
        presence.handle_key = handle_key
        _next_version(presence, changes)
        save(session, actor, "presence.update", presence, changes)
    return presence


def _next_version(presence: Presence, changes: Changes) -> None:
    changes["version"] = [presence.version, presence.version + 1]
    presence.version += 1


def set_team(
    session: Session, actor: Actor, scope: Scope, presence_id: int, data: TeamUpdate
) -> Presence:
    """Makes the given people of the presence's authority its deputies and editors, and no one
    else; recorded as `deputy_ids` and `editor_ids` (sorted) under `presence.team`."""
    presence = addressed(session, Presence, presence_id, for_update=True)
    require(scope, Permission.EDIT_REGISTRY, presence.authority_id, field="id")
    if data.version != presence.version:
        raise stale(presence)
    wanted = {TeamRole.DEPUTY: data.deputy_ids, TeamRole.EDITOR: data.editor_ids}
    for role, ids in wanted.items():
        for index, person_id in enumerate(ids):
            field = f"{TEAM_FIELDS[role]}[{index}]"
            member(session, Person, person_id, presence.authority_id, field)
    changes: Changes = {}
    for role, ids in wanted.items():
        current = sorted(teammate.person_id for teammate in presence.team if teammate.role is role)
        if current != sorted(ids):
            changes[TEAM_FIELDS[role]] = [current, sorted(ids)]
    if not changes:
        return presence
    keep = {(person_id, role) for role, ids in wanted.items() for person_id in ids}
    for teammate in list(presence.team):
        if (teammate.person_id, teammate.role) not in keep:
            presence.team.remove(teammate)
    present = {(teammate.person_id, teammate.role) for teammate in presence.team}
    for role, ids in wanted.items():
        for person_id in ids:
            if (person_id, role) not in present:
                presence.team.append(PresenceMember(person_id=person_id, role=role))
    _next_version(presence, changes)
    save(session, actor, "presence.team", presence, changes)
    return presence
