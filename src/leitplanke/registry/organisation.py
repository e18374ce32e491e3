"""Authorities and their units: created, changed and listed by administrators.

An authority's slug names it in URLs (`behoerden/<slug>`) and never changes; a unit can be
deleted while no person or presence belongs to it.
"""

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from leitplanke.accounts.roles import Permission
from leitplanke.audit.chain import Actor
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.references import addressed, name_of, referenced
from leitplanke.registry.schemas import AuthorityCreate, AuthorityUpdate, UnitCreate, UnitUpdate
from leitplanke.registry.scope import Scope, require
from leitplanke.registry.tables import Authority, Person, Presence, Unit
from leitplanke.registry.versions import apply, created, deleted, save

UNIT_FIELDS = ("authority_id", "name")


def _authority_taken(
    session: Session, field: str, value: str, authority_id: int | None = None
) -> None:
    column = Authority.slug if field == "slug" else Authority.name
    clash = session.scalar(
        select(Authority.id).where(
            func.lower(column) == value.lower(), Authority.id != authority_id
        )
    )
    if clash is not None:
        raise RegistryError(
            ErrorKind.CONFLICT, field, f"„{value}“ hat schon die {name_of(Authority, clash)}."
        )


def create_authority(
    session: Session, actor: Actor, scope: Scope, data: AuthorityCreate
) -> Authority:
    """A new authority; slug and name are unique (without case)."""
    require(scope, Permission.EDIT_ORGANISATION)
    _authority_taken(session, "slug", data.slug)
    _authority_taken(session, "name", data.name)
    values = data.model_dump()
    authority = Authority(**values)
    session.add(authority)
    save(session, actor, "authority.create", authority, created(values))
    return authority


def update_authority(
    session: Session, actor: Actor, scope: Scope, authority_id: int, data: AuthorityUpdate
) -> Authority:
    """Changes name, short name or website of an authority."""
    require(scope, Permission.EDIT_ORGANISATION)
    authority = addressed(session, Authority, authority_id, for_update=True)
    values = data.changes()
    if "name" in values:
        _authority_taken(session, "name", values["name"], authority.id)
    if changes := apply(authority, values):
        save(session, actor, "authority.update", authority, changes)
    return authority


def list_authorities(session: Session) -> Sequence[Authority]:
    """All authorities by name."""
    return session.scalars(select(Authority).order_by(Authority.name, Authority.id)).all()


def _unit_taken(session: Session, authority_id: int, name: str, unit_id: int | None = None) -> None:
    clash = session.scalar(
        select(Unit.id).where(
            Unit.authority_id == authority_id,
            func.lower(Unit.name) == name.lower(),
            Unit.id != unit_id,
        )
    )
    if clash is not None:
        raise RegistryError(
            ErrorKind.CONFLICT,
            "name",
            f"Die Behörde hat schon eine Organisationseinheit „{name}“ ({name_of(Unit, clash)}).",
        )


def create_unit(session: Session, actor: Actor, scope: Scope, data: UnitCreate) -> Unit:
    """A new unit of an authority; its name is unique within the authority (without case)."""
    require(scope, Permission.EDIT_ORGANISATION)
    referenced(session, Authority, data.authority_id, "authority_id")
    _unit_taken(session, data.authority_id, data.name)
    values = data.model_dump()
    unit = Unit(**values)
    session.add(unit)
    save(session, actor, "unit.create", unit, created(values))
    return unit


def update_unit(
    session: Session, actor: Actor, scope: Scope, unit_id: int, data: UnitUpdate
) -> Unit:
    """Renames a unit."""
    require(scope, Permission.EDIT_ORGANISATION)
    unit = addressed(session, Unit, unit_id, for_update=True)
    values = data.changes()
    if "name" in values:
        _unit_taken(session, unit.authority_id, values["name"], unit.id)
    if changes := apply(unit, values):
        save(session, actor, "unit.update", unit, changes)
    return unit


def delete_unit(session: Session, actor: Actor, scope: Scope, unit_id: int) -> None:
    """Deletes a unit to which no person and no presence belongs any more."""
    require(scope, Permission.EDIT_ORGANISATION)
    unit = addressed(session, Unit, unit_id, for_update=True)
    for table, singular, plural in (
        (Person, "Person", "Personen"),
        (Presence, "Präsenz", "Präsenzen"),
    ):
        count = session.scalar(select(func.count()).where(table.unit_id == unit.id))
        if count:
            belong = f"gehört noch 1 {singular}" if count == 1 else f"gehören noch {count} {plural}"
            raise RegistryError(
                ErrorKind.CONFLICT,
                "id",
                f"Zur Organisationseinheit {belong}; sie kann erst danach gelöscht werden.",
            )
    changes = deleted(unit, UNIT_FIELDS)
    session.delete(unit)
    save(session, actor, "unit.delete", unit, changes)


def list_units(session: Session, authority_id: int | None = None) -> Sequence[Unit]:
    """The units of one authority or of all, by authority and name."""
    statement = select(Unit).order_by(Unit.authority_id, Unit.name, Unit.id)
    if authority_id is not None:
        statement = statement.where(Unit.authority_id == authority_id)
    return session.scalars(statement).all()
