"""What a scan job takes in and gives out, kept apart from its table.

`ScanJobCreate` is what the web form and the API accept: a start URL (http or https, no user
name or password; whether its address is public is checked by the service), static or browser,
and a small crawl (`MAX_DEPTH`, `MAX_PAGES`). Nothing here lets a caller reach a non-public
address: `allow_private` is not an input. `ScanJobPublic` is a job as lists show it,
`ScanJobDetail` the same with the whole result.
"""

from datetime import datetime
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from leitplanke.registry.fields import Id
from leitplanke.scan.crawl import normalise
from leitplanke.scan.options import ScanOptions
from leitplanke.scan.result import SiteScan, SiteSummary
from leitplanke.scan.tables import ScanJob, ScanStatus

URL_LENGTH = 2000
MAX_DEPTH = 5
MAX_PAGES = 50
DEFAULT_DEPTH = 1
DEFAULT_PAGES = 10


def start_url(value: str) -> str:
    """`value` as the crawl will use it, if it is an http(s) URL of a host without user name
    or password; ValueError (German) otherwise."""
    if any(character.isspace() for character in value):
        raise ValueError("Eine Adresse enthält keine Leerzeichen.")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise ValueError("Das ist keine gültige Adresse.") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("Die Adresse muss mit https:// oder http:// beginnen.")
    if parts.username is not None or parts.password is not None:
        raise ValueError("Die Adresse darf keinen Benutzernamen und kein Passwort enthalten.")
    normalised = normalise(value)
    if not parts.hostname or port == 0 or normalised is None:
        raise ValueError("Die Adresse nennt keinen gültigen Server.")
    return normalised


StartUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=URL_LENGTH),
    AfterValidator(start_url),
]


class ScanJobCreate(BaseModel):
    """A scan to start: where, how and how far, and what in the registry it belongs to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: StartUrl = Field(description="Start-URL (http oder https, öffentliche Adresse).")
    browser: bool = Field(default=False, description="Seiten in Chromium laden statt statisch.")
    depth: int = Field(
        default=DEFAULT_DEPTH, ge=0, le=MAX_DEPTH, description="Linktiefe ab der Start-URL."
    )
    max_pages: int = Field(
        default=DEFAULT_PAGES, ge=1, le=MAX_PAGES, description="Höchstens so viele Seiten."
    )
    authority_id: Id | None = Field(default=None, description="Behörde (Nummer).")
    presence_id: Id | None = Field(
        default=None, description="Präsenz (Nummer); gehört zur Behörde, wenn beide genannt sind."
    )

    def options(self) -> ScanOptions:
        """The scan options these choices make; everything else as the library's defaults
        (public addresses only)."""
        return ScanOptions(browser=self.browser, depth=self.depth, max_pages=self.max_pages)


class ScanProgressPublic(BaseModel):
    """How far a job is: pages scanned of at most `pages_limit`."""

    pages_done: int
    pages_limit: int


class ScanJobPublic(BaseModel):
    """A scan job as lists show it."""

    id: int
    url: str
    status: ScanStatus
    options: ScanOptions
    requested_by: str | None = Field(description="Name des Kontos, das den Scan gestartet hat.")
    authority_id: int | None
    presence_id: int | None
    progress: ScanProgressPublic
    cancel_requested: bool
    error: str | None = Field(description="Warum der Scan fehlschlug (deutsch).")
    summary: SiteSummary | None = Field(description="Zusammenfassung, sobald der Scan endet.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ScanJobDetail(ScanJobPublic):
    """A scan job with its whole result (once it has ended)."""

    result: SiteScan | None


def public_job(job: ScanJob) -> ScanJobPublic:
    """The job as lists show it."""
    return ScanJobPublic(
        id=job.id,
        url=job.url,
        status=job.status,
        options=ScanOptions.model_validate(job.options),
        requested_by=job.requested_by.display_name if job.requested_by else None,
        authority_id=job.authority_id,
        presence_id=job.presence_id,
        progress=ScanProgressPublic(pages_done=job.pages_done, pages_limit=job.pages_limit),
        cancel_requested=job.cancel_requested,
        error=job.error,
        summary=SiteSummary.model_validate(job.summary) if job.summary is not None else None,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


def job_result(job: ScanJob) -> SiteScan | None:
    """The stored result, or None while there is none."""
    return SiteScan.model_validate_json(job.result) if job.result is not None else None


def job_detail(job: ScanJob) -> ScanJobDetail:
    """The job with its whole result."""
    return ScanJobDetail(**dict(public_job(job)), result=job_result(job))
