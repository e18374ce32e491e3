"""People of an authority who are responsible for, edit or answer for presences and topics.

Editors write the people of their own authority; a person stays with their authority and can
be deleted once no presence, team and contact point names them.
"""

from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from leitplanke.accounts.roles import Permission
from leitplanke.audit.chain import Actor
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.references import addressed, member, referenced
from leitplanke.registry.schemas import PersonCreate, PersonUpdate
from leitplanke.registry.scope import Scope, require
from leitplanke.registry.tables import (
    Authority,
    ContactPoint,
    Person,
    Presence,
    PresenceMember,
    Unit,
)
from leitplanke.registry.versions import apply, created, deleted, save

PERSON_FIELDS = ("authority_id", "unit_id", "name", "function", "email", "phone")


def create_person(session: Session, actor: Actor, scope: Scope, data: PersonCreate) -> Person:
    """A new person of an authority; their unit, if given, belongs to it."""
    require(scope, Permission.EDIT_REGISTRY, data.authority_id)
    referenced(session, Authority, data.authority_id, "authority_id")
    member(session, Unit, data.unit_id, data.authority_id, "unit_id")
    values = data.model_dump()
    person = Person(**values)
    session.add(person)
    save(session, actor, "person.create", person, created(values))
    return person


def update_person(
    session: Session, actor: Actor, scope: Scope, person_id: int, data: PersonUpdate
) -> Person:
    """Changes a person's unit (of their authority), name, function or contact details."""
    person = addressed(session, Person, person_id, for_update=True)
    require(scope, Permission.EDIT_REGISTRY, person.authority_id, field="id")
    values = data.changes()
    member(session, Unit, values.get("unit_id"), person.authority_id, "unit_id")
    if changes := apply(person, values):
        save(session, actor, "person.update", person, changes)
    return person


def uses_of(session: Session, person_id: int) -> list[str]:
    """Where a person is named, in German (`im Team von 2 Präsenzen`); empty if nowhere."""
    counts = (
        (
            "verantwortlich oder Kontakt für",
            ("Präsenz", "Präsenzen"),
            select(func.count())
            .select_from(Presence)
            .where(or_(Presence.responsible_id == person_id, Presence.contact_id == person_id)),
        ),
        (
            "im Team von",
            ("Präsenz", "Präsenzen"),
            select(func.count(PresenceMember.presence_id.distinct())).where(
                PresenceMember.person_id == person_id
            ),
        ),
        (
            "Ansprechperson für",
            ("Thema", "Themen"),
            select(func.count())
            .select_from(ContactPoint)
            .where(ContactPoint.person_id == person_id),
        ),
    )
    uses = []
    for wording, (singular, plural), statement in counts:
        if count := session.scalar(statement):
            uses.append(f"{wording} {count} {singular if count == 1 else plural}")
    return uses


def delete_person(session: Session, actor: Actor, scope: Scope, person_id: int) -> None:
    """Deletes a person whom no presence, team and contact point names any more."""
    person = addressed(session, Person, person_id, for_update=True)
    require(scope, Permission.EDIT_REGISTRY, person.authority_id, field="id")
    if uses := uses_of(session, person.id):
        raise RegistryError(
            ErrorKind.CONFLICT,
            "id",
            f"Die Person ist noch {', '.join(uses)}; sie kann erst danach gelöscht werden.",
        )
    changes = deleted(person, PERSON_FIELDS)
    session.delete(person)
    save(session, actor, "person.delete", person, changes)


def list_people(session: Session, authority_id: int | None = None) -> Sequence[Person]:
    """The people of one authority or of all, by name."""
    statement = select(Person).order_by(Person.name, Person.id)
    if authority_id is not None:
        statement = statement.where(Person.authority_id == authority_id)
    return session.scalars(statement).all()


def get_person(session: Session, person_id: int) -> Person:
    """One person; NOT_FOUND if there is none."""
    return addressed(session, Person, person_id)
