"""The registry's internal pages of presences: list, new, details with history, edit, status,
team.

Every signed-in role reads every presence; writing needs `EDIT_REGISTRY` (editors: for the
presences of their own authority). Writes are plain POST forms with the session's CSRF token;
each answers with 303 to the presence's page, or with its form again and the errors naming
the fields (422; 409 for a duplicate account or a version changed meanwhile; 403 for another
authority), or with an error page (404, 503).
"""

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from leitplanke.accounts.roles import Permission, Role
from leitplanke.accounts.sessions import SignedIn
from leitplanke.registry import (
    STATUS_LABEL,
    TRANSITIONS,
    HistoryEntry,
    PresenceCreate,
    PresenceFilter,
    PresenceUpdate,
    RegistryError,
    StatusChange,
    TeamUpdate,
    approving_decision,
    change_status,
    create_presence,
    get_presence,
    latest_decision,
    list_authorities,
    list_people,
    list_presences,
    list_units,
    platform_context,
    presence_history,
    set_team,
    update_presence,
)
from leitplanke.registry.tables import Authority, Person, Presence, PresenceStatus, TeamRole, Unit
from leitplanke.web.authentication import DatabaseDep, SignedInDep, actor_of, requires
from leitplanke.web.dependencies import SiteDep
from leitplanke.web.errors import error_response
from leitplanke.web.registry_view import (
    MAX_FORM_BYTES,
    STATUS_OF,
    DatabaseBusy,
    EntryId,
    RegistryPlatforms,
    busy_response,
    committed,
    field_error,
    form_errors,
    form_values,
    labelled_choices,
    may,
    message_of,
    moment,
    registry_platforms,
    scope_of,
    writable_authorities,
)
from leitplanke.web.rendering import render_app_page

router = APIRouter(include_in_schema=False)

EditorDep = Annotated[SignedIn, Depends(requires(Permission.EDIT_REGISTRY))]

# The presence's fields in the order of the form, with their German labels.
PRESENCE_LABELS: dict[str, str] = {
    "name": "Name der Präsenz",
    "platform": "Plattform",
    "handle": "Kontoname",
    "url": "Adresse des Kontos",
    "purpose": "Zweck",
    "authority_id": "Behörde",
    "unit_id": "Organisationseinheit",
    "responsible_id": "Verantwortliche Person",
    "contact_id": "Kontaktperson",
    "imprint_url": "Impressum (Adresse)",
    "privacy_notice_url": "Datenschutzerklärung (Adresse)",
    "joint_controller_agreement": "Vereinbarung nach Art. 26 DSGVO (Fundstelle)",
    "dpia_reference": "Datenschutz-Folgenabschätzung (Aktenzeichen)",
    "berlin_de_url": "Seite auf berlin.de",
    "advertising": "Werbeeinstellungen",
    "moderation_hours": "Moderationszeiten",
    "version": "Version",
}
STATUS_LABELS = {"status": "Neuer Status", "reason": "Begründung", "version": "Version"}
TEAM_LABELS = {"deputy_ids": "Stellvertretungen", "editor_ids": "Redaktion", "version": "Version"}
HISTORY_LABELS = {
    **PRESENCE_LABELS,
    "status": "Status",
    "reason": "Begründung",
    "deputy_ids": "Stellvertretungen",
    "editor_ids": "Redaktion",
    "decision_record_id": "Entscheidung",
}
ACTION_LABEL = {
    "presence.create": "angelegt",
    "presence.update": "geändert",
    "presence.status": "Status geändert",
    "presence.team": "Team geändert",
}
SAVED = {
    "angelegt": "Die Präsenz wurde angelegt.",
    "geaendert": "Die Änderungen wurden gespeichert.",
    "status": "Der Status wurde geändert.",
    "team": "Das Team wurde gespeichert.",
}
PEOPLE_FIELDS = frozenset({"responsible_id", "contact_id", "deputy_ids", "editor_ids"})


async def limited_form(request: Request) -> None:
    """Refuses a form body beyond MAX_FORM_BYTES before anything reads it (also the CSRF
    check, which runs after this)."""
    length = request.headers.get("content-length")
    if length is None:
        raise HTTPException(411, "Die Anfrage muss ihre Länge angeben (Content-Length).")
    if not length.isdigit() or int(length) > MAX_FORM_BYTES:
        raise HTTPException(413, "Das Formular ist zu groß (höchstens 256 KB).")


LimitDep = Annotated[None, Depends(limited_form)]


def path_to(request: Request, path: str) -> str:
    """An absolute path of the app (behind any root path), for redirects."""
    return str(request.scope.get("root_path", "")) + path


def refused(request: Request, session: Session, error: RegistryError) -> Response:
    """The error page of a refusal that no form field can show."""
    session.rollback()
    return error_response(request, STATUS_OF[error.kind], message_of(error, HISTORY_LABELS))


def found(request: Request, session: Session, presence_id: int) -> Presence | Response:
    """The presence, or the 404 page."""
    try:
        return get_presence(session, presence_id)
    except RegistryError as error:
        return refused(request, session, error)


# --- list -----------------------------------------------------------------------------------


@router.get("/intern/praesenzen")
def presences_list(
    request: Request,
    session: DatabaseDep,
    site: SiteDep,
    who: SignedInDep,
    status: Annotated[PresenceStatus | None, Query()] = None,
    behoerde: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    suche: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """Every presence (all statuses), filtered by status, authority and text."""
    try:
        filters = PresenceFilter(status=status, authority_id=behoerde, text=suche or None)
    except ValidationError:
        filters = PresenceFilter(status=status, authority_id=behoerde)
    return render_app_page(
        request,
        "presences_internal.html",
        presences=list_presences(session, filters),
        status=status.value if status else "",
        authority=behoerde or "",
        text=suche or "",
        status_options=[(item.value, STATUS_LABEL[item]) for item in PresenceStatus],
        authority_options=[(row.id, row.name) for row in list_authorities(session)],
        platforms=registry_platforms(site),
        STATUS_LABEL=STATUS_LABEL,
        may_create=may(who, Permission.EDIT_REGISTRY, who.user.authority_id),
    )


# --- new and edit ---------------------------------------------------------------------------


def form_options(session: Session, who: SignedIn, platforms: RegistryPlatforms) -> dict[str, Any]:
    """The choices of the presence form: an editor's only of the own authority."""
    own = who.user.authority_id if who.user.role is Role.EDITOR else None
    writable = writable_authorities(session, who)
    return {
        "platform_options": list(platforms.names.items()),
        "authority_options": writable,
        "unit_options": labelled_choices(list_units(session, own), dict(writable)),
        "person_options": labelled_choices(list_people(session, own), dict(writable)),
        "joint_controller": sorted(platforms.name(key) for key in platforms.joint_controller),
        "labels": PRESENCE_LABELS,
    }


def presence_form(
    request: Request,
    session: Session,
    who: SignedIn,
    site: SiteDep,
    *,
    form: Mapping[str, Any],
    presence: Presence | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """The form for a new presence, or for changing `presence`."""
    return render_app_page(
        request,
        "presence_form.html",
        status_code=status_code,
        form=form,
        presence=presence,
        errors=errors or {},
        **form_options(session, who, registry_platforms(site)),
    )


@router.get("/intern/praesenzen/neu")
def new_presence(request: Request, session: DatabaseDep, site: SiteDep, who: EditorDep) -> Response:
    """The empty form; an editor's own authority is chosen."""
    return presence_form(request, session, who, site, form={"authority_id": who.user.authority_id})


async def posted(request: Request) -> FormData:
    """The posted form (already read by the CSRF check)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(posted)]


def status_for(error: RegistryError) -> int:
    """The status of a form sent back with a refusal."""
    return STATUS_OF[error.kind]


@router.post("/intern/praesenzen")
def add_presence(
    request: Request,
    _limit: LimitDep,
    session: DatabaseDep,
    site: SiteDep,
    who: EditorDep,
    form: FormDep,
) -> Response:
    """Creates the presence; its page next, or the form with the errors."""
    values = form_values(form, [name for name in PRESENCE_LABELS if name != "version"])
    platforms = registry_platforms(site)
    try:
        data = PresenceCreate.model_validate(values, context=platform_context(platforms.names))
    except ValidationError as error:
        errors = form_errors(error, PRESENCE_LABELS)
        return presence_form(
            request, session, who, site, form=values, errors=errors, status_code=422
        )
    try:
        presence = committed(
            session,
            lambda: create_presence(
                session, actor_of(who), scope_of(who), data, platforms=platforms.names
            ),
        )
    except RegistryError as error:
        return presence_form(
            request,
            session,
            who,
            site,
            form=values,
            errors=field_error(error, PRESENCE_LABELS),
            status_code=status_for(error),
        )
    except DatabaseBusy:
        return busy_response(request)
    target = path_to(request, f"/intern/praesenzen/{presence.id}?gespeichert=angelegt")
    return RedirectResponse(target, status_code=303)


def current_values(presence: Presence) -> dict[str, Any]:
    """The presence's fields as the form shows them."""
    return {name: getattr(presence, name) for name in PRESENCE_LABELS}


@router.get("/intern/praesenzen/{presence_id}/bearbeiten")
def edit_presence(
    request: Request, presence_id: EntryId, session: DatabaseDep, site: SiteDep, who: EditorDep
) -> Response:
    """The form filled with the presence as it is, and its version."""
    presence = found(request, session, presence_id)
    if isinstance(presence, Response):
        return presence
    if not may(who, Permission.EDIT_REGISTRY, presence.authority_id):
        return error_response(
            request, 403, "Die Redaktion darf nur Präsenzen der eigenen Behörde ändern."
        )
    return presence_form(
        request, session, who, site, form=current_values(presence), presence=presence
    )


@router.post("/intern/praesenzen/{presence_id}/bearbeiten")
def change_presence(
    request: Request,
    presence_id: EntryId,
    _limit: LimitDep,
    session: DatabaseDep,
    site: SiteDep,
    who: EditorDep,
    form: FormDep,
) -> Response:
    """Saves the form against the version it was made from; 409 if that is outdated."""
    presence = found(request, session, presence_id)
    if isinstance(presence, Response):
        return presence
    values = form_values(form, list(PRESENCE_LABELS))
    platforms = registry_platforms(site)

    def again(errors: dict[str, str], status_code: int) -> Response:
        session.rollback()
        shown = found(request, session, presence_id)
        if isinstance(shown, Response):
            return shown
        return presence_form(
            request,
            session,
            who,
            site,
            form=values,
            presence=shown,
            errors=errors,
            status_code=status_code,
        )

    try:
        data = PresenceUpdate.model_validate(values, context=platform_context(platforms.names))
    except ValidationError as error:
        return again(form_errors(error, PRESENCE_LABELS), 422)
    try:
        committed(
            session,
            lambda: update_presence(
                session,
                actor_of(who),
                scope_of(who),
                presence_id,
                data,
                platforms=platforms.names,
            ),
        )
    except RegistryError as error:
        if error.field == "id":
            return refused(request, session, error)
        return again(field_error(error, PRESENCE_LABELS), status_for(error))
    except DatabaseBusy:
        return busy_response(request)
    target = path_to(request, f"/intern/praesenzen/{presence_id}?gespeichert=geaendert")
    return RedirectResponse(target, status_code=303)


# --- details, status and team ---------------------------------------------------------------


def _names(
    session: Session, table: type[Authority | Unit | Person], ids: set[int]
) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(table.id, table.name).where(table.id.in_(sorted(ids))))
    return {row_id: name for row_id, name in rows}


def history_rows(session: Session, entries: list[HistoryEntry]) -> list[dict[str, Any]]:
    """The history as the table shows it: when, who, what, and each change in words."""
    wanted: dict[str, set[int]] = {"person": set(), "unit": set(), "authority": set()}
    for entry in entries:
        for field, pair in entry.changes.items():
            kind = (
                "person"
                if field in PEOPLE_FIELDS
                else {"unit_id": "unit", "authority_id": "authority"}.get(field)
            )
            if kind:
                for value in pair:
                    values = value if isinstance(value, list) else [value]
                    wanted[kind].update(item for item in values if isinstance(item, int))
    names = {
        "person": _names(session, Person, wanted["person"]),
        "unit": _names(session, Unit, wanted["unit"]),
        "authority": _names(session, Authority, wanted["authority"]),
    }

    def shown(field: str, value: Any) -> str:
        if value is None or value == []:
            return "–"
        if field == "status":
            return STATUS_LABEL.get(PresenceStatus(value), str(value))
        kind = (
            "person"
            if field in PEOPLE_FIELDS
            else {"unit_id": "unit", "authority_id": "authority"}.get(field)
        )
        if kind:
            values = value if isinstance(value, list) else [value]
            return ", ".join(names[kind].get(item, f"Nr. {item}") for item in values)
        if field == "decision_record_id":
            return f"Nr. {value}"
        return str(value)

    return [
        {
            "entry": entry,
            "at": moment(entry.at),
            "action": ACTION_LABEL.get(entry.action, entry.action),
            "changes": [
                (HISTORY_LABELS.get(field, field), shown(field, old), shown(field, new))
                for field, (old, new) in entry.changes.items()
                if field != "version"
            ],
            "version": entry.changes.get("version", (None, None))[1],
        }
        for entry in entries
    ]


def presence_page(
    request: Request,
    session: Session,
    site: SiteDep,
    who: SignedIn,
    presence: Presence,
    *,
    saved: str | None = None,
    status_form: Mapping[str, Any] | None = None,
    status_errors: Mapping[str, str] | None = None,
    team_form: Mapping[str, Any] | None = None,
    team_errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """The presence's page: its fields, team, decisions, history and (for who may) forms."""
    decision = approving_decision(session, presence.id)
    latest = latest_decision(session, presence.id)
    team = {
        role: [member.person for member in presence.team if member.role is role]
        for role in TeamRole
    }
    chosen_team = team_form or {
        "deputy_ids": [str(person.id) for person in team[TeamRole.DEPUTY]],
        "editor_ids": [str(person.id) for person in team[TeamRole.EDITOR]],
    }
    return render_app_page(
        request,
        "presence_internal.html",
        status_code=status_code,
        presence=presence,
        platforms=registry_platforms(site),
        STATUS_LABEL=STATUS_LABEL,
        labels=PRESENCE_LABELS,
        team=team,
        decision=decision,
        latest=latest,
        history=history_rows(session, presence_history(session, presence.id)),
        transitions=[item for item in PresenceStatus if item in TRANSITIONS[presence.status]],
        people=list_people(session, presence.authority_id),
        may_edit=may(who, Permission.EDIT_REGISTRY, presence.authority_id),
        may_assess=may(who, Permission.EDIT_ASSESSMENT, presence.authority_id)
        and presence.status is PresenceStatus.PLANNED,
        saved=SAVED.get(saved or ""),
        status_form=status_form or {},
        status_errors=status_errors or {},
        team_form=chosen_team,
        team_errors=team_errors or {},
    )


@router.get("/intern/praesenzen/{presence_id}")
def presence_details(
    request: Request,
    presence_id: EntryId,
    session: DatabaseDep,
    site: SiteDep,
    who: SignedInDep,
    gespeichert: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """Everything about one presence, and its history: who changed what when."""
    presence = found(request, session, presence_id)
    if isinstance(presence, Response):
        return presence
    return presence_page(request, session, site, who, presence, saved=gespeichert)


def again_page(
    request: Request,
    session: Session,
    site: SiteDep,
    who: SignedIn,
    presence_id: int,
    status_code: int,
    **forms: Any,
) -> Response:
    """The presence's page again (after a rollback), with a form's input and errors."""
    session.rollback()
    presence = found(request, session, presence_id)
    if isinstance(presence, Response):
        return presence
    return presence_page(request, session, site, who, presence, status_code=status_code, **forms)


@router.post("/intern/praesenzen/{presence_id}/status")
def presence_status(
    request: Request,
    presence_id: EntryId,
    _limit: LimitDep,
    session: DatabaseDep,
    site: SiteDep,
    who: EditorDep,
    form: FormDep,
) -> Response:
    """Moves the presence to the chosen status, with the reason for its history."""
    values = form_values(form, list(STATUS_LABELS))
    try:
        data = StatusChange.model_validate(values)
    except ValidationError as error:
        errors = form_errors(error, STATUS_LABELS)
        return again_page(
            request, session, site, who, presence_id, 422, status_form=values, status_errors=errors
        )
    joint = registry_platforms(site).joint_controller
    try:
        committed(
            session,
            lambda: change_status(
                session,
                actor_of(who),
                scope_of(who),
                presence_id,
                data,
                joint_controller_platforms=joint,
            ),
        )
    except RegistryError as error:
        if error.field == "id":
            return refused(request, session, error)
        if error.field not in STATUS_LABELS:  # a field the presence lacks to be listed
            name = PRESENCE_LABELS.get(error.field or "", error.field or "")
            named = f" (Feld „{name}“)" if name else ""
            errors = {"status": f"{STATUS_LABELS['status']}: {error.message}{named}"}
        else:
            errors = field_error(error, STATUS_LABELS)
        return again_page(
            request,
            session,
            site,
            who,
            presence_id,
            status_for(error),
            status_form=values,
            status_errors=errors,
        )
    except DatabaseBusy:
        return busy_response(request)
    target = path_to(request, f"/intern/praesenzen/{presence_id}?gespeichert=status")
    return RedirectResponse(target, status_code=303)


@router.post("/intern/praesenzen/{presence_id}/team")
def presence_team(
    request: Request,
    presence_id: EntryId,
    _limit: LimitDep,
    session: DatabaseDep,
    site: SiteDep,
    who: EditorDep,
    form: FormDep,
) -> Response:
    """Makes the people ticked the presence's deputies and editors."""
    chosen = {
        "deputy_ids": [value for value in form.getlist("deputy_ids") if isinstance(value, str)],
        "editor_ids": [value for value in form.getlist("editor_ids") if isinstance(value, str)],
    }
    version = form.get("version")
    try:
        data = TeamUpdate.model_validate({**chosen, "version": version})
    except ValidationError as error:
        errors = form_errors(error, TEAM_LABELS)
        return again_page(
            request, session, site, who, presence_id, 422, team_form=chosen, team_errors=errors
        )
    try:
        committed(
            session, lambda: set_team(session, actor_of(who), scope_of(who), presence_id, data)
        )
    except RegistryError as error:
        if error.field == "id":
            return refused(request, session, error)
        return again_page(
            request,
            session,
            site,
            who,
            presence_id,
            status_for(error),
            team_form=chosen,
            team_errors=field_error(error, TEAM_LABELS),
        )
    except DatabaseBusy:
        return busy_response(request)
    target = path_to(request, f"/intern/praesenzen/{presence_id}?gespeichert=team")
    return RedirectResponse(target, status_code=303)
