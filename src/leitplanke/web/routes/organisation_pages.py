"""The registry's internal pages of authorities and units, people, and contact points.

Every signed-in role reads them: the contact points ("Ansprechpartner") are what employees look
up. Administrators add authorities and units; editors add the people and contact points of
their own authority, administrators those of all. Each form answers with 303 back to its page,
or with the page again and the errors naming the fields.
"""

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from leitplanke.accounts.roles import Permission, allows
from leitplanke.accounts.sessions import SignedIn
from leitplanke.registry import (
    AuthorityCreate,
    ContactPointCreate,
    PersonCreate,
    RegistryError,
    UnitCreate,
    create_authority,
    create_contact_point,
    create_person,
    create_unit,
    list_authorities,
    list_contact_points,
    list_people,
    list_units,
)
from leitplanke.web.authentication import DatabaseDep, SignedInDep, actor_of, requires
from leitplanke.web.registry_view import (
    STATUS_OF,
    DatabaseBusy,
    busy_response,
    committed,
    field_error,
    form_errors,
    form_values,
    labelled_choices,
    may,
    scope_of,
    writable_authorities,
)
from leitplanke.web.rendering import render_app_page
from leitplanke.web.routes.registry_pages import FormDep, LimitDep, path_to

router = APIRouter(include_in_schema=False)

EditorDep = Annotated[SignedIn, Depends(requires(Permission.EDIT_REGISTRY))]
OrganiserDep = Annotated[SignedIn, Depends(requires(Permission.EDIT_ORGANISATION))]

AUTHORITY_LABELS = {
    "slug": "Kurzname für Adressen",
    "name": "Name",
    "short_name": "Abkürzung",
    "website": "Website",
}
UNIT_LABELS = {"authority_id": "Behörde", "name": "Name der Organisationseinheit"}
PERSON_LABELS = {
    "authority_id": "Behörde",
    "unit_id": "Organisationseinheit",
    "name": "Name",
    "function": "Funktion",
    "email": "E-Mail-Adresse",
    "phone": "Telefon",
}
CONTACT_POINT_LABELS = {
    "authority_id": "Behörde",
    "topic": "Thema",
    "description": "Worum es geht",
    "person_id": "Ansprechperson",
}
SAVED = {
    "behoerde": "Die Behörde wurde angelegt.",
    "einheit": "Die Organisationseinheit wurde angelegt.",
    "person": "Die Person wurde angelegt.",
    "ansprechpartner": "Der Ansprechpartner wurde angelegt.",
}


def saved_form(
    request: Request,
    session: Session,
    form: Any,
    labels: Mapping[str, str],
    schema: type[BaseModel],
    write: Callable[[Any], object],
    page: Callable[..., Response],
    form_name: str,
    target: str,
) -> Response:
    """Validates the form, runs the write and commits it; the page again with the errors, or
    303 to `target`."""
    values = form_values(form, list(labels))
    try:
        data = schema.model_validate(values)
        committed(session, lambda: write(data))
    except ValidationError as error:
        return page(
            forms={form_name: values},
            errors={form_name: form_errors(error, labels)},
            status_code=422,
        )
    except RegistryError as error:
        return page(
            forms={form_name: values},
            errors={form_name: field_error(error, labels)},
            status_code=STATUS_OF[error.kind],
        )
    except DatabaseBusy:
        return busy_response(request)
    return RedirectResponse(path_to(request, target), status_code=303)


# --- authorities and units ------------------------------------------------------------------


def authorities_page(
    request: Request,
    session: Session,
    who: SignedIn,
    *,
    saved: str | None = None,
    forms: Mapping[str, Mapping[str, str]] | None = None,
    errors: Mapping[str, Mapping[str, str]] | None = None,
    status_code: int = 200,
) -> Response:
    authorities = list_authorities(session)
    units: dict[int, list[str]] = {}
    for unit in list_units(session):
        units.setdefault(unit.authority_id, []).append(unit.name)
    return render_app_page(
        request,
        "authorities.html",
        status_code=status_code,
        authorities=authorities,
        units=units,
        may_write=may(who, Permission.EDIT_ORGANISATION),
        authority_options=[(row.id, row.name) for row in authorities],
        authority_labels=AUTHORITY_LABELS,
        unit_labels=UNIT_LABELS,
        saved=SAVED.get(saved or ""),
        forms=forms or {},
        errors=errors or {},
    )


Saved = Annotated[str | None, Query(max_length=20)]


@router.get("/intern/behoerden")
def authorities(
    request: Request, session: DatabaseDep, who: SignedInDep, gespeichert: Saved = None
) -> Response:
    """The authorities with their units; for administrators the forms for new ones."""
    return authorities_page(request, session, who, saved=gespeichert)


@router.post("/intern/behoerden")
def add_authority(
    request: Request, _limit: LimitDep, session: DatabaseDep, who: OrganiserDep, form: FormDep
) -> Response:
    """Creates an authority."""
    return saved_form(
        request,
        session,
        form,
        AUTHORITY_LABELS,
        AuthorityCreate,
        lambda data: create_authority(session, actor_of(who), scope_of(who), data),
        lambda **page: authorities_page(request, session, who, **page),
        "behoerde",
        "/intern/behoerden?gespeichert=behoerde",
    )


@router.post("/intern/behoerden/einheiten")
def add_unit(
    request: Request, _limit: LimitDep, session: DatabaseDep, who: OrganiserDep, form: FormDep
) -> Response:
    """Creates a unit of an authority."""
    return saved_form(
        request,
        session,
        form,
        UNIT_LABELS,
        UnitCreate,
        lambda data: create_unit(session, actor_of(who), scope_of(who), data),
        lambda **page: authorities_page(request, session, who, **page),
        "einheit",
        "/intern/behoerden?gespeichert=einheit",
    )


# --- people ---------------------------------------------------------------------------------


def people_page(
    request: Request,
    session: Session,
    who: SignedIn,
    *,
    saved: str | None = None,
    forms: Mapping[str, Mapping[str, str]] | None = None,
    errors: Mapping[str, Mapping[str, str]] | None = None,
    status_code: int = 200,
) -> Response:
    names = {row.id: row.name for row in list_authorities(session)}
    writable = writable_authorities(session, who)
    unit_names = {row.id: row.name for row in list_units(session)}
    return render_app_page(
        request,
        "people.html",
        status_code=status_code,
        people=list_people(session),
        authority_names=names,
        unit_names=unit_names,
        may_write=bool(writable) and allows(who.user.role, Permission.EDIT_REGISTRY),
        authority_options=writable,
        unit_options=labelled_choices(list_units(session), dict(writable)),
        labels=PERSON_LABELS,
        own_authority=who.user.authority_id,
        saved=SAVED.get(saved or ""),
        forms=forms or {},
        errors=errors or {},
    )


@router.get("/intern/personen")
def people(
    request: Request, session: DatabaseDep, who: SignedInDep, gespeichert: Saved = None
) -> Response:
    """The people of every authority; for editors and administrators the form for a new one."""
    return people_page(request, session, who, saved=gespeichert)


@router.post("/intern/personen")
def add_person(
    request: Request, _limit: LimitDep, session: DatabaseDep, who: EditorDep, form: FormDep
) -> Response:
    """Creates a person."""
    return saved_form(
        request,
        session,
        form,
        PERSON_LABELS,
        PersonCreate,
        lambda data: create_person(session, actor_of(who), scope_of(who), data),
        lambda **page: people_page(request, session, who, **page),
        "person",
        "/intern/personen?gespeichert=person",
    )


# --- contact points -------------------------------------------------------------------------


def contact_points_page(
    request: Request,
    session: Session,
    who: SignedIn,
    *,
    saved: str | None = None,
    forms: Mapping[str, Mapping[str, str]] | None = None,
    errors: Mapping[str, Mapping[str, str]] | None = None,
    status_code: int = 200,
) -> Response:
    authorities = list_authorities(session)
    by_authority: dict[int, list[Any]] = {}
    for contact_point in list_contact_points(session):
        by_authority.setdefault(contact_point.authority_id, []).append(contact_point)
    writable = writable_authorities(session, who)
    return render_app_page(
        request,
        "contact_points.html",
        status_code=status_code,
        groups=[(row, by_authority[row.id]) for row in authorities if row.id in by_authority],
        may_write=bool(writable) and allows(who.user.role, Permission.EDIT_REGISTRY),
        authority_options=writable,
        person_options=labelled_choices(list_people(session), dict(writable)),
        labels=CONTACT_POINT_LABELS,
        own_authority=who.user.authority_id,
        saved=SAVED.get(saved or ""),
        forms=forms or {},
        errors=errors or {},
    )


@router.get("/intern/ansprechpartner")
def contact_points(
    request: Request, session: DatabaseDep, who: SignedInDep, gespeichert: Saved = None
) -> Response:
    """Whom to ask about which topic, by authority (every signed-in role)."""
    return contact_points_page(request, session, who, saved=gespeichert)


@router.post("/intern/ansprechpartner")
def add_contact_point(
    request: Request, _limit: LimitDep, session: DatabaseDep, who: EditorDep, form: FormDep
) -> Response:
    """Creates a contact point."""
    return saved_form(
        request,
        session,
        form,
        CONTACT_POINT_LABELS,
        ContactPointCreate,
        lambda data: create_contact_point(session, actor_of(who), scope_of(who), data),
        lambda **page: contact_points_page(request, session, who, **page),
        "ansprechpartner",
        "/intern/ansprechpartner?gespeichert=ansprechpartner",
    )
