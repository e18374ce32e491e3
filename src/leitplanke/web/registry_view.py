"""The registry in the web app: its platforms, the caller's scope, writes and their refusals.

Platforms are those of the rulebook's platform catalogue, and the catalogue says which need an
agreement under Art. 26 GDPR. A rulebook without a catalogue (the test rulebook) accepts the
platforms the draft checker knows, none of them needing the agreement.

Writes run through `committed`: the service's checks, then the commit; any refusal rolls the
whole transaction back, so nothing is half-written. A clash with a concurrent writer (unique
constraint at commit) is a 409; a database that is busy or unreachable (SQLite: "database is
locked") a 503 with `Retry-After`.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar

from fastapi import Path, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from leitplanke.accounts.roles import AUTHORITY_SCOPED, Permission, Role, allows
from leitplanke.accounts.sessions import SignedIn
from leitplanke.audit.tables import AuditEntry
from leitplanke.checks.draft import Platform
from leitplanke.registry import ErrorKind, Listing, RegistryError, Scope, list_authorities
from leitplanke.rulebook.catalogue import joint_controller_platforms
from leitplanke.rulebook.messages import german_message
from leitplanke.web.check_view import PLATFORM_LABEL
from leitplanke.web.errors import error_response
from leitplanke.web.published_site import PublishedSite

NAV_LINK = ("Offizielle Präsenzen", "praesenzen")  # (label, path) in the web app's navigation
LIST_PATH = "praesenzen"
INTERNAL_PATH = "intern/praesenzen"
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # "generated at" of a registry that never changed
RETRY_AFTER = "2"  # seconds a client waits after a busy database
MAX_FORM_BYTES = 256 * 1024

STATUS_OF: dict[ErrorKind, int] = {
    ErrorKind.INVALID: 422,
    ErrorKind.NOT_FOUND: 404,
    ErrorKind.CONFLICT: 409,
    ErrorKind.FORBIDDEN: 403,
}
BUSY_MESSAGE = (
    "Die Datenbank ist gerade mit einer anderen Änderung beschäftigt; nichts wurde gespeichert. "
    "Bitte versuchen Sie es gleich noch einmal."
)
CLASH_MESSAGE = (
    "Die Angaben überschneiden sich mit einer gleichzeitigen Änderung; nichts wurde gespeichert. "
    "Bitte neu laden und erneut versuchen."
)

BLANK_MESSAGE = "Bitte ausfüllen oder auswählen (Pflichtfeld)."

T = TypeVar("T")

EntryId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Die Nummer des Eintrags.")]
"""The number of a stored entry in a path (beyond the column's range: 422, never a 500)."""


class DatabaseBusy(Exception):  # noqa: N818  (a signal, answered with 503)
    """The database could not take the write now (locked, or gone); nothing was written."""


@dataclass(frozen=True)
class RegistryPlatforms:
    """The platforms a presence may be on: ID → name in catalogue order, and those whose
    presences need the Art. 26 agreement."""

    names: dict[str, str]
    joint_controller: frozenset[str]
    from_catalogue: bool

    def name(self, platform_id: str) -> str:
        """The platform's name, or its ID for one no longer in the catalogue."""
        return self.names.get(platform_id, platform_id)


def registry_platforms(site: PublishedSite) -> RegistryPlatforms:
    """The platforms of the site's rulebook (see the module's first paragraph)."""
    catalogue = site.publication.rulebook.platforms
    if catalogue is None:
        names = {str(platform): PLATFORM_LABEL[platform] for platform in Platform}
        return RegistryPlatforms(names, frozenset(), from_catalogue=False)
    return RegistryPlatforms(
        {platform.id: platform.name for platform in catalogue.platforms},
        joint_controller_platforms(catalogue),
        from_catalogue=True,
    )


def scope_of(who: SignedIn) -> Scope:
    """The signed-in user's role and authority, as the registry checks them."""
    return Scope(who.user.role, who.user.authority_id)


def writable_authorities(session: Session, who: SignedIn) -> list[tuple[int, str]]:
    """The authorities whose entries the user may write, as (id, name): an editor's own only."""
    return [
        (row.id, row.name)
        for row in list_authorities(session)
        if who.user.role is not Role.EDITOR or row.id == who.user.authority_id
    ]


def labelled_choices(rows: Iterable[Any], authorities: Mapping[int, str]) -> list[tuple[int, str]]:
    """`rows` (units, people) of the given authorities (id to name) as form choices, each
    labelled with its authority: "Name (Behörde)"."""
    return [
        (row.id, f"{row.name} ({authorities[row.authority_id]})")
        for row in rows
        if row.authority_id in authorities
    ]


def may(who: SignedIn | None, permission: Permission, authority_id: int | None = None) -> bool:
    """Whether the user holds `permission` (editors: for entries of their own authority)."""
    if who is None or not allows(who.user.role, permission):
        return False
    if permission in AUTHORITY_SCOPED and who.user.role is Role.EDITOR:
        return authority_id is not None and who.user.authority_id == authority_id
    return True


def committed(session: Session, write: Callable[[], T]) -> T:
    """Runs the registry write and commits it; after any refusal nothing of it is kept.

    Raises the service's RegistryError, a CONFLICT for a clash found at commit, or
    DatabaseBusy.
    """
    try:
        result = write()
        session.commit()
    except RegistryError:
        session.rollback()
        raise
    except IntegrityError as error:
        session.rollback()
        raise RegistryError(ErrorKind.CONFLICT, None, CLASH_MESSAGE) from error
    except OperationalError as error:
        session.rollback()
        raise DatabaseBusy from error
    return result


def message_of(error: RegistryError, labels: Mapping[str, str] | None = None) -> str:
    """The refusal's message, naming its field (by its label, if `labels` has one)."""
    if error.field is None or error.field == "id":
        return error.message
    label = (labels or {}).get(error.field.partition("[")[0], error.field)
    return f"Feld „{label}“: {error.message}"


# --- JSON API -------------------------------------------------------------------------------


class Problem(BaseModel):
    """An error of the API: what went wrong, in German."""

    detail: str


def _location(field: str) -> list[str | int]:
    """`deputy_ids[1]` → ["deputy_ids", 1]."""
    name, _, rest = field.partition("[")
    location: list[str | int] = [name]
    for index in rest.rstrip("]").split("]["):
        if index.isdigit():
            location.append(int(index))
    return location


def api_error(error: RegistryError) -> JSONResponse:
    """The refusal as JSON: 422 in the shape of FastAPI's validation errors (`loc`, `msg`,
    `type`), other statuses as `{"detail": "<German>"}`."""
    status = STATUS_OF[error.kind]
    detail: Any = message_of(error)
    if status == 422:
        location = ["body", *_location(error.field)] if error.field else ["body"]
        detail = [{"loc": location, "msg": detail, "type": "value_error"}]
    return JSONResponse({"detail": detail}, status, headers={"Cache-Control": "no-store"})


def busy_response(request: Request) -> Response:
    """503 with `Retry-After` for a write the database could not take."""
    return error_response(request, 503, BUSY_MESSAGE, headers={"Retry-After": RETRY_AFTER})


def described(text: str) -> dict[str, Any]:
    """An OpenAPI `responses` entry of an error with the body `{"detail": "<German>"}`."""
    return {"model": Problem, "description": text}


Responses = dict[int | str, dict[str, Any]]
UNAUTHORISED: Responses = {
    401: described("Nicht angemeldet (Sitzungscookie fehlt oder abgelaufen)")
}
FORBIDDEN: Responses = {403: described("Die Rolle erlaubt es nicht, oder das CSRF-Token fehlt")}
NOT_FOUND: Responses = {404: described("Den Eintrag gibt es nicht")}
CONFLICT: Responses = {409: described("Doppelt, veraltete Version oder unzulässiger Übergang")}
BUSY: Responses = {503: described("Datenbank beschäftigt; später erneut versuchen")}
READ_ERRORS: Responses = {**UNAUTHORISED, **FORBIDDEN}
UNREADABLE: Responses = {400: described("Der Inhalt ist kein lesbares JSON")}
WRITE_ERRORS: Responses = {**UNREADABLE, **READ_ERRORS, **CONFLICT, **BUSY}


# --- HTML forms -----------------------------------------------------------------------------


def form_values(form: FormData, fields: Sequence[str]) -> dict[str, str]:
    """The text values the form sent for `fields` (files and other fields are left out)."""
    values: dict[str, str] = {}
    for name in fields:
        value = form.get(name)
        if isinstance(value, str):
            values[name] = value.replace("\r\n", "\n")
    return values


def form_errors(error: ValidationError, labels: Mapping[str, str]) -> dict[str, str]:
    """Each field's first validation error in German, naming the field by its label."""
    errors: dict[str, str] = {}
    for detail in error.errors():
        name = str(detail["loc"][0]) if detail["loc"] else next(iter(labels))
        label = labels.get(name, name)
        given = detail.get("input")
        blank = detail["type"] == "missing" or (isinstance(given, str) and not given.strip())
        message = BLANK_MESSAGE if blank else german_message(detail)
        errors.setdefault(name, f"{label}: {message}")
    return errors


def field_error(error: RegistryError, labels: Mapping[str, str]) -> dict[str, str]:
    """A service's refusal as the error of its form field."""
    name = (error.field or "").partition("[")[0]
    if name not in labels:
        name = next(iter(labels))
    label = labels[name]
    return {name: f"{label}: {error.message}"}


# --- the public list ------------------------------------------------------------------------


def last_change(session: Session) -> datetime:
    """When a presence or an authority last changed (the public list's "generated at"), so
    that equal lists give equal bytes and an unchanged list keeps its ETag."""
    latest = session.scalar(
        select(func.max(AuditEntry.at)).where(AuditEntry.entity_type.in_(("presence", "authority")))
    )
    return latest or EPOCH


def listing_of(site: PublishedSite, session: Session) -> Listing:
    """Where the public list is published (the app's base URL) and as of when."""
    return Listing(site.publication.base_url, generated_at=last_change(session))


def moment(value: datetime) -> str:
    """A moment as the pages show it, in UTC: `24.11.2026, 13:05 UTC`."""
    return value.astimezone(UTC).strftime("%d.%m.%Y, %H:%M UTC")
