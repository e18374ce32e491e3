"""The internal pages of scans: the list with its filter and the start form, a scan's status
and summary, its cancellation, and its HTML report.

Every role reads; administrators, editors and data-protection officers (`run_scan`) start and
cancel. The form offers no way to reach non-public addresses: a start URL that leads to one is
refused with the error at the field. A page of a scan that is still running does not refresh
itself; it offers a link that loads it again.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session

from leitplanke.accounts.roles import Permission
from leitplanke.accounts.sessions import SignedIn
from leitplanke.registry import list_authorities, list_presences
from leitplanke.registry.errors import RegistryError
from leitplanke.scan.job_schemas import (
    DEFAULT_DEPTH,
    DEFAULT_PAGES,
    MAX_DEPTH,
    MAX_PAGES,
    ScanJobCreate,
    job_result,
)
from leitplanke.scan.jobs import cancel_job, create_job, get_job, is_finished, list_jobs
from leitplanke.scan.tables import ScanStatus
from leitplanke.web.authentication import DatabaseDep, SignedInDep, actor_of, requires
from leitplanke.web.errors import error_response
from leitplanke.web.registry_view import (
    STATUS_OF,
    DatabaseBusy,
    EntryId,
    busy_response,
    committed,
    field_error,
    form_errors,
    may,
    message_of,
    moment,
)
from leitplanke.web.rendering import render_app_page
from leitplanke.web.scan_view import STATUS_LABEL, ScanRunnerDep, report_response

router = APIRouter(include_in_schema=False)

ScannerDep = Annotated[SignedIn, Depends(requires(Permission.RUN_SCAN))]
FormText = Annotated[str, Form(max_length=2100)]

# The start form's fields in order, with their German labels.
LABELS: dict[str, str] = {
    "url": "Adresse der Website (Start-URL)",
    "authority_id": "Behörde",
    "presence_id": "Präsenz",
    "browser": "Art der Prüfung",
    "depth": "Tiefe",
    "max_pages": "Höchstens so viele Seiten",
}
BROWSER_CHOICE = {"nein": False, "ja": True}
BLANK_FORM = {"browser": "nein", "depth": str(DEFAULT_DEPTH), "max_pages": str(DEFAULT_PAGES)}
NOTICES = {
    "gestartet": "Der Scan wurde gestartet. Er läuft im Hintergrund; laden Sie diese Seite "
    "neu, um den Fortschritt zu sehen.",
    "abgebrochen": "Der Scan wurde abgebrochen.",
    "abbruch": "Der Scan wird nach den Seiten in Arbeit beendet.",
}


def path_to(request: Request, path: str) -> str:
    """An absolute path of the app (behind any root path), for redirects."""
    return str(request.scope.get("root_path", "")) + path


def registry_options(session: Session) -> dict[str, Any]:
    """The authorities and presences a scan can be linked to."""
    authorities = list_authorities(session)
    return {
        "authority_options": [(row.id, row.name) for row in authorities],
        "presence_options": [
            (row.id, f"{row.name} ({row.authority.name})") for row in list_presences(session)
        ],
    }


def scans_page(
    request: Request,
    session: Session,
    who: SignedIn,
    *,
    authority_id: int | None = None,
    presence_id: int | None = None,
    status: ScanStatus | None = None,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """The list of scans (filtered) and the start form."""
    jobs = list_jobs(session, authority_id=authority_id, presence_id=presence_id, status=status)
    return render_app_page(
        request,
        "scans.html",
        status_code=status_code,
        jobs=jobs,
        filters={
            "behoerde": authority_id or "",
            "praesenz": presence_id or "",
            "status": status.value if status else "",
        },
        filtered=any(value is not None for value in (authority_id, presence_id, status)),
        status_options=[(item.value, label) for item, label in STATUS_LABEL.items()],
        STATUS_LABEL=STATUS_LABEL,
        moment=moment,
        may_start=may(who, Permission.RUN_SCAN),
        form=form or BLANK_FORM,
        errors=errors or {},
        labels=LABELS,
        limits={"depth": MAX_DEPTH, "max_pages": MAX_PAGES},
        **registry_options(session),
    )


@router.get("/intern/scans")
def scans(
    request: Request,
    session: DatabaseDep,
    who: SignedInDep,
    behoerde: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    praesenz: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    status: Annotated[ScanStatus | None, Query()] = None,
) -> Response:
    """The newest scans, filtered by authority, presence and status, and the start form (with
    the authority and presence of the filter chosen)."""
    form = {
        **BLANK_FORM,
        "authority_id": str(behoerde or ""),
        "presence_id": str(praesenz or ""),
    }
    return scans_page(
        request,
        session,
        who,
        authority_id=behoerde,
        presence_id=praesenz,
        status=status,
        form=form,
    )


def form_input(values: dict[str, str]) -> dict[str, Any]:
    """The form's values as `ScanJobCreate` takes them: blank fields left out (defaults)."""
    data: dict[str, Any] = {key: value.strip() for key, value in values.items() if value.strip()}
    if "browser" in data:
        data["browser"] = BROWSER_CHOICE.get(data["browser"], data["browser"])
    return data


@router.post("/intern/scans")
def start_scan(
    request: Request,
    session: DatabaseDep,
    runner: ScanRunnerDep,
    who: ScannerDep,
    url: FormText = "",
    authority_id: FormText = "",
    presence_id: FormText = "",
    browser: FormText = "nein",
    depth: FormText = "",
    max_pages: FormText = "",
) -> Response:
    """Queues the scan; its page next, or the form again with the errors at their fields."""
    values = {
        "url": url,
        "authority_id": authority_id,
        "presence_id": presence_id,
        "browser": browser,
        "depth": depth,
        "max_pages": max_pages,
    }

    def again(errors: dict[str, str], status_code: int) -> Response:
        return scans_page(
            request, session, who, form=values, errors=errors, status_code=status_code
        )

    try:
        data = ScanJobCreate.model_validate(form_input(values))
    except ValidationError as error:
        return again(form_errors(error, LABELS), 422)
    try:
        job = committed(
            session,
            lambda: create_job(session, actor_of(who), data, check_address=runner.check_address),
        )
    except RegistryError as error:
        return again(field_error(error, LABELS), STATUS_OF[error.kind])
    except DatabaseBusy:
        return busy_response(request)
    runner.wake()
    return RedirectResponse(path_to(request, f"/intern/scans/{job.id}?hinweis=gestartet"), 303)


@router.get("/intern/scans/{scan_id}")
def scan_page(
    request: Request,
    scan_id: EntryId,
    session: DatabaseDep,
    who: SignedInDep,
    hinweis: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """The scan's status and progress; once it has ended, its summary per site."""
    try:
        job = get_job(session, scan_id, with_result=True)
    except RegistryError as error:
        return error_response(request, STATUS_OF[error.kind], message_of(error))
    return render_app_page(
        request,
        "scan.html",
        job=job,
        result=job_result(job),
        finished=is_finished(job),
        notice=NOTICES.get(hinweis or ""),
        STATUS_LABEL=STATUS_LABEL,
        moment=moment,
        may_cancel=may(who, Permission.RUN_SCAN) and not is_finished(job),
    )


@router.post("/intern/scans/{scan_id}/abbrechen")
def cancel_scan(
    request: Request,
    scan_id: EntryId,
    session: DatabaseDep,
    runner: ScanRunnerDep,
    who: ScannerDep,
) -> Response:
    """Cancels the scan; back to its page with a notice, or the error page (404, 409)."""
    try:
        job = committed(session, lambda: cancel_job(session, actor_of(who), scan_id))
    except RegistryError as error:
        return error_response(request, STATUS_OF[error.kind], message_of(error))
    except DatabaseBusy:
        return busy_response(request)
    runner.cancel(job.id)
    notice = "abgebrochen" if job.status is ScanStatus.CANCELLED else "abbruch"
    return RedirectResponse(path_to(request, f"/intern/scans/{scan_id}?hinweis={notice}"), 303)


@router.get("/intern/scans/{scan_id}/bericht")
def scan_report(
    request: Request,
    scan_id: EntryId,
    session: DatabaseDep,
    runner: ScanRunnerDep,
    who: SignedInDep,
) -> Response:
    """The scan's HTML report (a page of its own), once the scan has a result."""
    try:
        job = get_job(session, scan_id, with_result=True)
    except RegistryError as error:
        return error_response(request, STATUS_OF[error.kind], message_of(error))
    result = job_result(job)
    if result is None:
        message = "Dieser Scan hat noch kein Ergebnis. Der Bericht entsteht, wenn er endet."
        return error_response(request, 409, message)
    return report_response(runner, result, "html")
