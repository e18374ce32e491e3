"""The registry's JSON API for authorities, units, people and contact points.

Authorities are public (the public list names them); units, people and contact points are for
signed-in users. Administrators write authorities and units; editors write the people and
contact points of their own authority, administrators all. Sessions, CSRF and errors as in
`api_registry`.
"""

from collections.abc import Callable, Sequence
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from leitplanke.accounts.roles import Permission
from leitplanke.accounts.sessions import SignedIn
from leitplanke.registry import (
    AuthorityCreate,
    AuthorityPublic,
    ContactPointCreate,
    ContactPointInternal,
    ContactPointUpdate,
    PersonCreate,
    PersonInternal,
    PersonUpdate,
    RegistryError,
    UnitCreate,
    UnitInternal,
    create_authority,
    create_contact_point,
    create_person,
    create_unit,
    delete_contact_point,
    get_contact_point,
    get_person,
    list_authorities,
    list_contact_points,
    list_people,
    list_units,
    update_contact_point,
    update_person,
)
from leitplanke.web.authentication import DatabaseDep, SignedInDep, actor_of, requires
from leitplanke.web.registry_view import (
    NOT_FOUND,
    READ_ERRORS,
    WRITE_ERRORS,
    DatabaseBusy,
    EntryId,
    api_error,
    busy_response,
    committed,
    scope_of,
)

router = APIRouter(prefix="/api/v1", tags=["Register (intern)"])

EditorDep = Annotated[SignedIn, Depends(requires(Permission.EDIT_REGISTRY))]
OrganiserDep = Annotated[SignedIn, Depends(requires(Permission.EDIT_ORGANISATION))]
AuthorityFilter = Annotated[
    int | None, Query(ge=1, le=2**31 - 1, description="Nur Einträge dieser Behörde (Nummer).")
]
NO_STORE = {"Cache-Control": "no-store"}
REVALIDATE = {"Cache-Control": "no-cache"}
Model = TypeVar("Model", bound=BaseModel)


def as_json(
    model: type[Model], rows: Sequence[Any], headers: dict[str, str] = NO_STORE
) -> Response:
    """The rows as a JSON array of `model`."""
    body = b"[" + b",".join(model.model_validate(row).model_dump_json().encode() for row in rows)
    return Response(body + b"]", media_type="application/json", headers=headers)


def one(model: type[BaseModel], row: Any, status_code: int = 200) -> Response:
    """One row as JSON of `model`."""
    body = model.model_validate(row).model_dump_json()
    return Response(body, status_code, media_type="application/json", headers=NO_STORE)


def written(
    request: Request,
    session: Session,
    model: type[BaseModel],
    write: Callable[[], Any],
    status_code: int = 200,
) -> Response:
    """Commits the write; the entry as it is now (or 204 for none), or the refusal."""
    try:
        row = committed(session, write)
    except RegistryError as error:
        return api_error(error)
    except DatabaseBusy:
        return busy_response(request)
    if row is None:
        return Response(status_code=204, headers=NO_STORE)
    return one(model, row, status_code)


# --- authorities and units ------------------------------------------------------------------


@router.get(
    "/authorities",
    response_model=list[AuthorityPublic],
    summary="Behörden (öffentlich), nach Namen",
)
def authorities(session: DatabaseDep) -> Response:
    """Every authority with its public fields."""
    return as_json(AuthorityPublic, list_authorities(session), REVALIDATE)


@router.post(
    "/authorities",
    status_code=201,
    response_model=AuthorityPublic,
    summary="Behörde anlegen (Administration)",
    responses=WRITE_ERRORS,
)
def add_authority(
    request: Request, data: AuthorityCreate, session: DatabaseDep, who: OrganiserDep
) -> Response:
    """A new authority; slug and name are unique."""
    return written(
        request,
        session,
        AuthorityPublic,
        lambda: create_authority(session, actor_of(who), scope_of(who), data),
        201,
    )


@router.get(
    "/units",
    response_model=list[UnitInternal],
    summary="Organisationseinheiten, nach Behörde und Namen",
    responses=READ_ERRORS,
)
def units(session: DatabaseDep, who: SignedInDep, authority_id: AuthorityFilter = None) -> Response:
    """The units of one authority or of all."""
    return as_json(UnitInternal, list_units(session, authority_id))


@router.post(
    "/units",
    status_code=201,
    response_model=UnitInternal,
    summary="Organisationseinheit anlegen (Administration)",
    responses=WRITE_ERRORS,
)
def add_unit(
    request: Request, data: UnitCreate, session: DatabaseDep, who: OrganiserDep
) -> Response:
    """A new unit of an authority."""
    return written(
        request,
        session,
        UnitInternal,
        lambda: create_unit(session, actor_of(who), scope_of(who), data),
        201,
    )


# --- people ---------------------------------------------------------------------------------


@router.get(
    "/people",
    response_model=list[PersonInternal],
    summary="Personen, nach Namen",
    responses=READ_ERRORS,
)
def people(
    session: DatabaseDep, who: SignedInDep, authority_id: AuthorityFilter = None
) -> Response:
    """The people of one authority or of all."""
    return as_json(PersonInternal, list_people(session, authority_id))


@router.post(
    "/people",
    status_code=201,
    response_model=PersonInternal,
    summary="Person anlegen (Redaktion: der eigenen Behörde)",
    responses=WRITE_ERRORS,
)
def add_person(
    request: Request, data: PersonCreate, session: DatabaseDep, who: EditorDep
) -> Response:
    """A new person of an authority."""
    return written(
        request,
        session,
        PersonInternal,
        lambda: create_person(session, actor_of(who), scope_of(who), data),
        201,
    )


@router.get(
    "/people/{person_id}",
    response_model=PersonInternal,
    summary="Eine Person",
    responses={**READ_ERRORS, **NOT_FOUND},
)
def person(person_id: EntryId, session: DatabaseDep, who: SignedInDep) -> Response:
    """One person."""
    try:
        return one(PersonInternal, get_person(session, person_id))
    except RegistryError as error:
        return api_error(error)


@router.patch(
    "/people/{person_id}",
    response_model=PersonInternal,
    summary="Person ändern (nur die angegebenen Felder)",
    responses={**WRITE_ERRORS, **NOT_FOUND},
)
def change_person(
    request: Request, person_id: EntryId, data: PersonUpdate, session: DatabaseDep, who: EditorDep
) -> Response:
    """Changes the fields given."""
    return written(
        request,
        session,
        PersonInternal,
        lambda: update_person(session, actor_of(who), scope_of(who), person_id, data),
    )


# --- contact points -------------------------------------------------------------------------


@router.get(
    "/contact-points",
    response_model=list[ContactPointInternal],
    summary="Ansprechpartner nach Thema (für alle angemeldeten Rollen)",
    responses=READ_ERRORS,
)
def contact_points(
    session: DatabaseDep, who: SignedInDep, authority_id: AuthorityFilter = None
) -> Response:
    """The contact points of one authority or of all, with their people."""
    return as_json(ContactPointInternal, list_contact_points(session, authority_id))


@router.post(
    "/contact-points",
    status_code=201,
    response_model=ContactPointInternal,
    summary="Ansprechpartner anlegen (Redaktion: der eigenen Behörde)",
    responses=WRITE_ERRORS,
)
def add_contact_point(
    request: Request, data: ContactPointCreate, session: DatabaseDep, who: EditorDep
) -> Response:
    """A new contact point for a topic."""
    return written(
        request,
        session,
        ContactPointInternal,
        lambda: create_contact_point(session, actor_of(who), scope_of(who), data),
        201,
    )


@router.get(
    "/contact-points/{contact_point_id}",
    response_model=ContactPointInternal,
    summary="Ein Ansprechpartner",
    responses={**READ_ERRORS, **NOT_FOUND},
)
def contact_point(contact_point_id: EntryId, session: DatabaseDep, who: SignedInDep) -> Response:
    """One contact point."""
    try:
        return one(ContactPointInternal, get_contact_point(session, contact_point_id))
    except RegistryError as error:
        return api_error(error)


@router.patch(
    "/contact-points/{contact_point_id}",
    response_model=ContactPointInternal,
    summary="Ansprechpartner ändern (nur die angegebenen Felder)",
    responses={**WRITE_ERRORS, **NOT_FOUND},
)
def change_contact_point(
    request: Request,
    contact_point_id: EntryId,
    data: ContactPointUpdate,
    session: DatabaseDep,
    who: EditorDep,
) -> Response:
    """Changes the fields given."""
    return written(
        request,
        session,
        ContactPointInternal,
        lambda: update_contact_point(session, actor_of(who), scope_of(who), contact_point_id, data),
    )


@router.delete(
    "/contact-points/{contact_point_id}",
    status_code=204,
    summary="Ansprechpartner löschen",
    responses={**WRITE_ERRORS, **NOT_FOUND},
)
def remove_contact_point(
    request: Request, contact_point_id: EntryId, session: DatabaseDep, who: EditorDep
) -> Response:
    """Deletes the contact point."""
    return written(
        request,
        session,
        ContactPointInternal,
        lambda: delete_contact_point(session, actor_of(who), scope_of(who), contact_point_id),
    )
