"""The JSON API of scans: start one (an asynchronous job), follow its status, read its report.

`POST /api/v1/scans` queues a job and answers 202 with its address in `Location`; the app's
runner scans in the background, and `GET /api/v1/scans/{scan_id}` tells the status, the pages
done and, once it has ended, the result. Starting and cancelling need `run_scan`, reading
`read_internal`; sessions, CSRF and errors as in `api_registry`. The start URL must lead to a
public address: loopback, private and link-local ones are refused with 422 on `url`.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from leitplanke.accounts.roles import Permission
from leitplanke.accounts.sessions import SignedIn
from leitplanke.registry.errors import RegistryError
from leitplanke.scan.job_schemas import (
    ScanJobCreate,
    ScanJobDetail,
    ScanJobPublic,
    job_detail,
    job_result,
    public_job,
)
from leitplanke.scan.jobs import ScanJobError, cancel_job, create_job, get_job, list_jobs
from leitplanke.scan.tables import ScanStatus
from leitplanke.web.authentication import DatabaseDep, SignedInDep, actor_of, requires
from leitplanke.web.registry_view import (
    BUSY,
    CONFLICT,
    NOT_FOUND,
    READ_ERRORS,
    WRITE_ERRORS,
    DatabaseBusy,
    EntryId,
    Responses,
    api_error,
    busy_response,
    committed,
    described,
)
from leitplanke.web.scan_view import (
    REPORT_MEDIA_TYPE,
    ReportFormat,
    ScanRunnerDep,
    report_response,
)

router = APIRouter(prefix="/api/v1/scans", tags=["Scans (intern)"])

ScannerDep = Annotated[SignedIn, Depends(requires(Permission.RUN_SCAN))]
Filter = Annotated[int | None, Query(ge=1, le=2**31 - 1)]
NO_STORE = {"Cache-Control": "no-store"}
ACCEPTED: Responses = {
    202: {
        "description": "Der Scan wartet; `Location` nennt seine Adresse.",
        "headers": {"Location": {"description": "Adresse des Scans", "schema": {"type": "string"}}},
    }
}
NOT_READY: Responses = {409: described("Der Scan hat (noch) kein Ergebnis")}


def as_json(body: str, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON body that is never stored by caches."""
    return Response(
        body, status_code, media_type="application/json", headers={**NO_STORE, **(headers or {})}
    )


@router.post(
    "",
    status_code=202,
    response_model=ScanJobPublic,
    summary="Scan starten (asynchron: 202, dann Status abfragen)",
    responses={**ACCEPTED, **WRITE_ERRORS},
)
def start(
    request: Request,
    data: ScanJobCreate,
    session: DatabaseDep,
    runner: ScanRunnerDep,
    who: ScannerDep,
) -> Response:
    """Queues a scan of the site at `url` (public addresses only) and wakes the runner."""
    try:
        job = committed(
            session,
            lambda: create_job(session, actor_of(who), data, check_address=runner.check_address),
        )
    except RegistryError as error:
        return api_error(error)
    except DatabaseBusy:
        return busy_response(request)
    runner.wake()
    location = str(request.scope.get("root_path", "")) + f"/api/v1/scans/{job.id}"
    job = get_job(session, job.id)
    return as_json(public_job(job).model_dump_json(), 202, {"Location": location})


@router.get(
    "",
    response_model=list[ScanJobPublic],
    summary="Scans, neueste zuerst (filterbar nach Behörde, Präsenz, Status)",
    responses=READ_ERRORS,
)
def scans(
    session: DatabaseDep,
    who: SignedInDep,
    authority_id: Filter = None,
    presence_id: Filter = None,
    status: ScanStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> Response:
    """The newest scans matching every filter given, without their results."""
    jobs = list_jobs(
        session, authority_id=authority_id, presence_id=presence_id, status=status, limit=limit
    )
    return as_json("[" + ",".join(public_job(job).model_dump_json() for job in jobs) + "]")


@router.get(
    "/{scan_id}",
    response_model=ScanJobDetail,
    summary="Ein Scan: Status, Fortschritt und, wenn er endete, das Ergebnis",
    responses={**READ_ERRORS, **NOT_FOUND},
)
def scan(scan_id: EntryId, session: DatabaseDep, who: SignedInDep) -> Response:
    """The scan with its status, pages done of the limit, and the result once it has ended."""
    try:
        job = get_job(session, scan_id, with_result=True)
    except ScanJobError as error:
        return api_error(error)
    return as_json(job_detail(job).model_dump_json())


@router.get(
    "/{scan_id}/report",
    summary="Bericht eines Scans: JSON, SARIF, HTML oder Text",
    response_class=Response,
    responses={
        200: {
            "description": "Der Bericht im gewünschten Format",
            "content": {media_type: {} for media_type in REPORT_MEDIA_TYPE.values()},
        },
        **READ_ERRORS,
        **NOT_FOUND,
        **NOT_READY,
    },
)
def report(
    scan_id: EntryId,
    session: DatabaseDep,
    runner: ScanRunnerDep,
    who: SignedInDep,
    format: Annotated[ReportFormat, Query(description="Format des Berichts")] = "json",
) -> Response:
    """The report of the scan's result (also of a cancelled scan's partial one)."""
    try:
        job = get_job(session, scan_id, with_result=True)
    except ScanJobError as error:
        return api_error(error)
    result = job_result(job)
    if result is None:
        message = f"Der Scan Nr. {scan_id} hat noch kein Ergebnis (Status: {job.status.value})."
        return JSONResponse({"detail": message}, 409, headers=NO_STORE)
    return report_response(runner, result, format)


@router.post(
    "/{scan_id}/cancel",
    response_model=ScanJobPublic,
    summary="Scan abbrechen (wartend: sofort; laufend: nach den Seiten in Arbeit)",
    responses={**WRITE_ERRORS, **NOT_FOUND, **CONFLICT, **BUSY},
)
def cancel(
    request: Request,
    scan_id: EntryId,
    session: DatabaseDep,
    runner: ScanRunnerDep,
    who: ScannerDep,
) -> Response:
    """Cancels the scan; 409 if it has already ended."""
    try:
        job = committed(session, lambda: cancel_job(session, actor_of(who), scan_id))
    except RegistryError as error:
        return api_error(error)
    except DatabaseBusy:
        return busy_response(request)
    runner.cancel(job.id)
    return as_json(public_job(get_job(session, job.id)).model_dump_json())
