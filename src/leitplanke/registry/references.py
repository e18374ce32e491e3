"""Finding the entries an input addresses or refers to, and checking they belong together.

An ID that addresses the entry to read or change is NOT_FOUND when unknown; an ID inside the
input that refers to another entry (a person, a unit) is INVALID, naming the input's field.
"""

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from leitplanke.database.base import Base
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.tables import Authority, ContactPoint, Person, Presence, Unit

Row = TypeVar("Row", bound=Base)
Member = TypeVar("Member", Unit, Person)

NOUNS: dict[type[Base], str] = {  # all feminine: "die …"
    Authority: "Behörde",
    Unit: "Organisationseinheit",
    Person: "Person",
    Presence: "Präsenz",
    ContactPoint: "Ansprechstelle",
}


def name_of(table: type[Base], entry_id: object) -> str:
    """`Person Nr. 5`: how messages name an entry (after "die")."""
    return f"{NOUNS.get(table, table.__name__)} Nr. {entry_id}"


def addressed(
    session: Session, table: type[Row], entry_id: int, *, for_update: bool = False
) -> Row:
    """The entry that `entry_id` addresses; NOT_FOUND (field `id`) if there is none.

    `for_update` locks its row until the transaction ends (where the database can), so that
    two writers of one entry take turns and the second sees the first one's version.
    """
    statement = select(table).where(table.__mapper__.primary_key[0] == entry_id)
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    row = session.scalars(statement).first()
    if row is None:
        raise RegistryError(
            ErrorKind.NOT_FOUND, "id", f"Die {name_of(table, entry_id)} gibt es nicht."
        )
    return row


def referenced(session: Session, table: type[Row], entry_id: int, field: str) -> Row:
    """The entry that the input's `field` refers to; INVALID at `field` if there is none."""
    row = session.get(table, entry_id)
    if row is None:
        raise RegistryError(
            ErrorKind.INVALID, field, f"Die {name_of(table, entry_id)} gibt es nicht."
        )
    return row


def belongs_to(row: Unit | Person, authority_id: int, field: str) -> None:
    """INVALID at `field` unless the unit or person `row` belongs to the authority."""
    if row.authority_id != authority_id:
        authority = name_of(Authority, authority_id)
        raise RegistryError(
            ErrorKind.INVALID,
            field,
            f"Die {name_of(type(row), row.id)} gehört nicht zur {authority}.",
        )


def member(
    session: Session, table: type[Member], entry_id: int | None, authority_id: int, field: str
) -> Member | None:
    """The unit or person the optional `field` refers to, which must belong to the authority."""
    if entry_id is None:
        return None
    row = referenced(session, table, entry_id, field)
    belongs_to(row, authority_id, field)
    return row
