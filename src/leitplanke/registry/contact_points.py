"""Contact points ("Ansprechpartner"): whom the employees of an authority ask about a topic.

A topic appears once per authority (without case); its person belongs to the same authority.
Contact points are internal: staff see them, the public does not.
"""

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from leitplanke.accounts.roles import Permission
from leitplanke.audit.chain import Actor
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.references import addressed, member, name_of, referenced
from leitplanke.registry.schemas import ContactPointCreate, ContactPointUpdate
from leitplanke.registry.scope import Scope, require
from leitplanke.registry.tables import Authority, ContactPoint, Person
from leitplanke.registry.versions import apply, created, deleted, save

CONTACT_POINT_FIELDS = ("authority_id", "topic", "description", "person_id")


def _topic_taken(
    session: Session, authority_id: int, topic: str, contact_point_id: int | None = None
) -> None:
    clash = session.scalar(
        select(ContactPoint.id).where(
            ContactPoint.authority_id == authority_id,
            func.lower(ContactPoint.topic) == topic.lower(),
            ContactPoint.id != contact_point_id,
        )
    )
    if clash is not None:
        raise RegistryError(
            ErrorKind.CONFLICT,
            "topic",
            f"Für das Thema „{topic}“ gibt es schon die {name_of(ContactPoint, clash)}.",
        )


def create_contact_point(
    session: Session, actor: Actor, scope: Scope, data: ContactPointCreate
) -> ContactPoint:
    """A new contact point of an authority for a topic, answered by one of its people."""
    require(scope, Permission.EDIT_REGISTRY, data.authority_id)
    referenced(session, Authority, data.authority_id, "authority_id")
    member(session, Person, data.person_id, data.authority_id, "person_id")
    _topic_taken(session, data.authority_id, data.topic)
    values = data.model_dump()
    contact_point = ContactPoint(**values)
    session.add(contact_point)
    save(session, actor, "contact_point.create", contact_point, created(values))
    return contact_point


def update_contact_point(
    session: Session, actor: Actor, scope: Scope, contact_point_id: int, data: ContactPointUpdate
) -> ContactPoint:
    """Changes a contact point's topic, description or person."""
    contact_point = addressed(session, ContactPoint, contact_point_id, for_update=True)
    require(scope, Permission.EDIT_REGISTRY, contact_point.authority_id, field="id")
    values = data.changes()
    member(session, Person, values.get("person_id"), contact_point.authority_id, "person_id")
    if "topic" in values:
        _topic_taken(session, contact_point.authority_id, values["topic"], contact_point.id)
    if changes := apply(contact_point, values):
        save(session, actor, "contact_point.update", contact_point, changes)
    return contact_point


def delete_contact_point(
    session: Session, actor: Actor, scope: Scope, contact_point_id: int
) -> None:
    """Deletes a contact point."""
    contact_point = addressed(session, ContactPoint, contact_point_id, for_update=True)
    require(scope, Permission.EDIT_REGISTRY, contact_point.authority_id, field="id")
    changes = deleted(contact_point, CONTACT_POINT_FIELDS)
    session.delete(contact_point)
    save(session, actor, "contact_point.delete", contact_point, changes)


def list_contact_points(
    session: Session, authority_id: int | None = None
) -> Sequence[ContactPoint]:
    """The contact points of one authority or of all, by topic, with their people."""
    statement = (
        select(ContactPoint)
        .options(selectinload(ContactPoint.person))
        .order_by(ContactPoint.authority_id, ContactPoint.topic, ContactPoint.id)
    )
    if authority_id is not None:
        statement = statement.where(ContactPoint.authority_id == authority_id)
    return session.scalars(statement).all()


def get_contact_point(session: Session, contact_point_id: int) -> ContactPoint:
    """One contact point; NOT_FOUND if there is none."""
    return addressed(session, ContactPoint, contact_point_id)
