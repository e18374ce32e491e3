"""The audit log as a page: newest entries first, and whether the hash chain is intact."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import select

from leitplanke.accounts.roles import Permission
from leitplanke.accounts.sessions import SignedIn
from leitplanke.audit.chain import verify
from leitplanke.audit.tables import AuditEntry
from leitplanke.web.authentication import DatabaseDep, requires
from leitplanke.web.rendering import render_app_page

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 100


@router.get("/intern/protokoll")
def audit_log(
    request: Request,
    session: DatabaseDep,
    who: Annotated[SignedIn, Depends(requires(Permission.READ_AUDIT))],
    vor: Annotated[int | None, Query(ge=1, le=2**62)] = None,
) -> Response:
    """A page of entries before sequence `vor` (default: the newest), and the chain check."""
    query = select(AuditEntry).order_by(AuditEntry.sequence.desc()).limit(PAGE_SIZE)
    if vor is not None:
        query = query.where(AuditEntry.sequence < vor)
    shown = session.scalars(query).all()
    count, problems = verify(session)
    older = shown[-1].sequence if len(shown) == PAGE_SIZE else None
    return render_app_page(
        request, "audit.html", entries=shown, count=count, problems=problems, older=older
    )
