"""API: check drafts against the rulebook's checks, one at a time or in batches."""

from typing import Any

from fastapi import APIRouter, Response

from leitplanke.web.check_schemas import (
    MAX_BATCH,
    BatchCreate,
    BatchPublic,
    CheckPublic,
    DraftCreate,
)
from leitplanke.web.dependencies import EngineDep

router = APIRouter(prefix="/api/v1", tags=["Prüfung"])

NO_STORE = "no-store"  # answers repeat the draft's words: no cache keeps them
INVALID: dict[int | str, dict[str, Any]] = {
    400: {"description": "Der Körper ist nicht lesbar (keine gültige Kodierung)."},
    422: {"description": "Ungültiger Entwurf; `detail` nennt jedes Feld."},
}


@router.post(
    "/check",
    response_model=CheckPublic,
    summary="Einen Entwurf prüfen",
    responses=INVALID,
)
def check_draft(draft: DraftCreate, engine: EngineDep, response: Response) -> CheckPublic:
    """The findings of the draft under the rules in force, with a summary by level."""
    response.headers["Cache-Control"] = NO_STORE
    return CheckPublic.of(engine, draft)


@router.post(
    "/check/batch",
    response_model=BatchPublic,
    summary=f"Bis zu {MAX_BATCH} Entwürfe auf einmal prüfen",
    responses=INVALID,
)
def check_batch(batch: BatchCreate, engine: EngineDep, response: Response) -> BatchPublic:
    """The findings of each draft in the order sent, and the counts over all of them."""
    response.headers["Cache-Control"] = NO_STORE
    return BatchPublic.of(engine, batch)
