"""The registry's internal JSON API for presences: create, change, status, team, history.

Callers sign in through the login form and send the session cookie; every write also sends
the session's CSRF token in the header `X-CSRF-Token`. Without a session the answer is 401,
with a role that may not write 403. Refusals name the field: 422 in the shape of FastAPI's
validation errors, 404, 409 and 403 as `{"detail": "<German>"}`. A write is committed whole
or not at all.
"""

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy.orm import Session

from leitplanke.accounts.roles import Permission
from leitplanke.accounts.sessions import SignedIn
from leitplanke.registry import (
    HistoryEntry,
    PresenceCreate,
    PresenceInternal,
    PresenceUpdate,
    RegistryError,
    StatusChange,
    TeamUpdate,
    change_status,
    create_presence,
    get_presence,
    presence_history,
    set_team,
    update_presence,
)
from leitplanke.registry.tables import Presence
from leitplanke.web.authentication import DatabaseDep, SignedInDep, actor_of, requires
from leitplanke.web.dependencies import SiteDep
from leitplanke.web.registry_view import (
    NOT_FOUND,
    READ_ERRORS,
    WRITE_ERRORS,
    DatabaseBusy,
    EntryId,
    api_error,
    busy_response,
    committed,
    registry_platforms,
    scope_of,
)

router = APIRouter(prefix="/api/v1/presences", tags=["Register (intern)"])

EditorDep = Annotated[SignedIn, Depends(requires(Permission.EDIT_REGISTRY))]
NO_STORE = {"Cache-Control": "no-store"}


def internal(session: Session, presence_id: int, status_code: int = 200) -> Response:
    """The presence with everything staff see, as JSON."""
    presence = PresenceInternal.model_validate(get_presence(session, presence_id))
    return Response(
        presence.model_dump_json(),
        status_code=status_code,
        media_type="application/json",
        headers=NO_STORE,
    )


def written(
    request: Request, session: Session, write: Callable[[], Presence], status_code: int = 200
) -> Response:
    """Commits the write; the presence as it is now, or the refusal."""
    try:
        presence = committed(session, write)
        return internal(session, presence.id, status_code)
    except RegistryError as error:
        return api_error(error)
    except DatabaseBusy:
        return busy_response(request)


@router.post(
    "",
    status_code=201,
    response_model=PresenceInternal,
    summary="Präsenz anlegen (Status „geplant“, Version 1)",
    responses=WRITE_ERRORS,
)
def create(
    request: Request, data: PresenceCreate, session: DatabaseDep, site: SiteDep, who: EditorDep
) -> Response:
    """A new planned presence; editors only for their own authority."""
    platforms = registry_platforms(site).names
    return written(
        request,
        session,
        lambda: create_presence(session, actor_of(who), scope_of(who), data, platforms=platforms),
        201,
    )


@router.get(
    "/{presence_id}/internal",
    response_model=PresenceInternal,
    summary="Präsenz mit allen internen Angaben (auch geplante und geschlossene)",
    responses={**READ_ERRORS, **NOT_FOUND},
)
def read(presence_id: EntryId, session: DatabaseDep, who: SignedInDep) -> Response:
    """Any presence as staff see it, with its `version` for changes."""
    try:
        return internal(session, presence_id)
    except RegistryError as error:
        return api_error(error)


@router.patch(
    "/{presence_id}",
    response_model=PresenceInternal,
    summary="Präsenz ändern (nur die angegebenen Felder, gegen die gesehene Version)",
    responses={**WRITE_ERRORS, **NOT_FOUND},
)
def change(
    request: Request,
    presence_id: EntryId,
    data: PresenceUpdate,
    session: DatabaseDep,
    site: SiteDep,
    who: EditorDep,
) -> Response:
    """Changes the fields given; 409 if the presence is no longer at `version`."""
    platforms = registry_platforms(site).names
    return written(
        request,
        session,
        lambda: update_presence(
            session, actor_of(who), scope_of(who), presence_id, data, platforms=platforms
        ),
    )


@router.post(
    "/{presence_id}/status",
    response_model=PresenceInternal,
    summary="Status ändern (nur erlaubte Übergänge; Freigabe nur mit Entscheidung)",
    responses={**WRITE_ERRORS, **NOT_FOUND},
)
def status(
    request: Request,
    presence_id: EntryId,
    data: StatusChange,
    session: DatabaseDep,
    site: SiteDep,
    who: EditorDep,
) -> Response:
    """Moves the presence to its next status, with an optional reason for its history."""
    joint = registry_platforms(site).joint_controller
    return written(
        request,
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


@router.put(
    "/{presence_id}/team",
    response_model=PresenceInternal,
    summary="Team setzen: Stellvertretungen und Redaktion (Personen der Behörde)",
    responses={**WRITE_ERRORS, **NOT_FOUND},
)
def team(
    request: Request,
    presence_id: EntryId,
    data: TeamUpdate,
    session: DatabaseDep,
    who: EditorDep,
) -> Response:
    """Replaces the team with the people given."""
    return written(
        request,
        session,
        lambda: set_team(session, actor_of(who), scope_of(who), presence_id, data),
    )


@router.get(
    "/{presence_id}/history",
    response_model=list[HistoryEntry],
    summary="Versionen einer Präsenz: wer wann was geändert hat",
    responses={**READ_ERRORS, **NOT_FOUND},
)
def history(presence_id: EntryId, session: DatabaseDep, who: SignedInDep) -> Response:
    """Every version, oldest first, each changed field as `[old, new]`."""
    try:
        entries = presence_history(session, presence_id)
    except RegistryError as error:
        return api_error(error)
    body = b"[" + b",".join(entry.model_dump_json().encode() for entry in entries) + b"]"
    return Response(body, media_type="application/json", headers=NO_STORE)
