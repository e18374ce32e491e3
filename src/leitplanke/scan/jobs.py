"""Scan jobs in the database: create one (checked), read and list them, cancel one, and mark
the ones a stopped server left running.

Writes take the session of the caller's transaction and the `Actor` the audit log names; the
caller commits. A refusal is a `ScanJobError` (a `RegistryError`: its `kind` says which status
code fits, its `field` names the input at fault). The start URL's address is checked when the
job is created (`check_address`: refuses loopback, private, link-local and other non-public
addresses) and again, with every URL, while the scan runs.
"""

from collections.abc import Callable, Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload, undefer

from leitplanke.audit.chain import SYSTEM, Actor, record
from leitplanke.database.base import now
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.tables import Authority, Presence
from leitplanke.scan.addresses import RefusedAddressError
from leitplanke.scan.job_schemas import ScanJobCreate
from leitplanke.scan.tables import FINISHED, ScanJob, ScanStatus

AddressCheck = Callable[[str], None]
"""Raises RefusedAddressError (German message) for a URL a scan may not contact."""

INTERRUPTED = "Abgebrochen: Der Server wurde beendet, während der Scan lief."
LIST_LIMIT = 100
RELATED = (
    selectinload(ScanJob.requested_by),
    selectinload(ScanJob.authority),
    selectinload(ScanJob.presence),
)


class ScanJobError(RegistryError):
    """A scan job cannot be created, read or changed; `field` names the input at fault."""


def create_job(
    session: Session,
    actor: Actor,
    data: ScanJobCreate,
    *,
    check_address: AddressCheck,
) -> ScanJob:
    """A queued job for `data`, requested by `actor`.

    The authority and the presence must exist, and the presence must belong to the authority
    (a presence alone links the job to its authority too). The URL's address must pass
    `check_address`.
    """
    authority_id = data.authority_id
    if authority_id is not None and session.get(Authority, authority_id) is None:
        raise ScanJobError(
            ErrorKind.INVALID, "authority_id", f"Die Behörde Nr. {authority_id} gibt es nicht."
        )
    if data.presence_id is not None:
        presence = session.get(Presence, data.presence_id)
        if presence is None:
            raise ScanJobError(
                ErrorKind.INVALID,
                "presence_id",
                f"Die Präsenz Nr. {data.presence_id} gibt es nicht.",
            )
        if authority_id is not None and presence.authority_id != authority_id:
            raise ScanJobError(
                ErrorKind.INVALID,
                "presence_id",
                f"Die Präsenz „{presence.name}“ gehört nicht zur gewählten Behörde.",
            )
        authority_id = presence.authority_id
    try:
        check_address(data.url)
    except RefusedAddressError as error:
        raise ScanJobError(
            ErrorKind.INVALID, "url", f"Diese Adresse wird nicht geprüft: {error}"
        ) from None
    options = data.options()
    job = ScanJob(
        url=data.url,
        options=options.model_dump(mode="json"),
        requested_by_id=actor.id,
        authority_id=authority_id,
        presence_id=data.presence_id,
        status=ScanStatus.QUEUED,
        pages_done=0,
        pages_limit=options.max_pages,
        cancel_requested=False,
        created_at=now(),
    )
    session.add(job)
    session.flush()
    record(
        session,
        actor,
        "scan.create",
        "scan",
        job.id,
        {
            "url": job.url,
            "browser": options.browser,
            "depth": options.depth,
            "max_pages": options.max_pages,
            "authority_id": job.authority_id,
            "presence_id": job.presence_id,
        },
    )
    return job


def get_job(session: Session, job_id: int, *, with_result: bool = False) -> ScanJob:
    """One job, its result loaded if asked; NOT_FOUND if there is none."""
    statement = select(ScanJob).where(ScanJob.id == job_id).options(*RELATED)
    if with_result:
        statement = statement.options(undefer(ScanJob.result))
    job = session.scalars(statement).one_or_none()
    if job is None:
        raise ScanJobError(ErrorKind.NOT_FOUND, "id", f"Den Scan Nr. {job_id} gibt es nicht.")
    return job


def list_jobs(
    session: Session,
    *,
    authority_id: int | None = None,
    presence_id: int | None = None,
    status: ScanStatus | None = None,
    limit: int = LIST_LIMIT,
) -> Sequence[ScanJob]:
    """The newest jobs (without their results) that match every filter given."""
    statement = select(ScanJob).options(*RELATED).order_by(ScanJob.id.desc()).limit(limit)
    if authority_id is not None:
        statement = statement.where(ScanJob.authority_id == authority_id)
    if presence_id is not None:
        statement = statement.where(ScanJob.presence_id == presence_id)
    if status is not None:
        statement = statement.where(ScanJob.status == status)
    return session.scalars(statement).all()


def cancel_job(session: Session, actor: Actor, job_id: int) -> ScanJob:
    """Cancels a queued job at once, or asks a running one to stop (the runner then ends it
    as cancelled); CONFLICT for a job that has already ended."""
    job = get_job(session, job_id)
    moment = now()
    dequeued = session.execute(
        update(ScanJob)
        .where(ScanJob.id == job_id, ScanJob.status == ScanStatus.QUEUED)
        .values(status=ScanStatus.CANCELLED, cancel_requested=True, finished_at=moment)
    ).rowcount  # type: ignore[attr-defined]
    if not dequeued:
        asked = session.execute(
            update(ScanJob)
            .where(ScanJob.id == job_id, ScanJob.status == ScanStatus.RUNNING)
            .values(cancel_requested=True)
        ).rowcount  # type: ignore[attr-defined]
        if not asked:
            session.refresh(job)
            raise ScanJobError(
                ErrorKind.CONFLICT, "id", f"Der Scan Nr. {job_id} ist schon beendet."
            )
    session.refresh(job)
    record(session, actor, "scan.cancel", "scan", job.id, {"status": job.status.value})
    return job


def recover_interrupted(session: Session) -> list[int]:
    """Marks every job still `running` as failed (its server stopped during the scan); the
    IDs of those jobs. Run once when the job runner starts, before it takes any job."""
    running = session.scalars(
        select(ScanJob.id).where(ScanJob.status == ScanStatus.RUNNING).order_by(ScanJob.id)
    ).all()
    for job_id in running:
        session.execute(
            update(ScanJob)
            .where(ScanJob.id == job_id, ScanJob.status == ScanStatus.RUNNING)
            .values(status=ScanStatus.FAILED, error=INTERRUPTED, finished_at=now())
        )
        record(
            session,
            SYSTEM,
            "scan.finish",
            "scan",
            job_id,
            {"status": ScanStatus.FAILED.value, "error": INTERRUPTED},
        )
    return list(running)


def is_finished(job: ScanJob) -> bool:
    """Whether the job has ended (done, failed or cancelled)."""
    return job.status in FINISHED
