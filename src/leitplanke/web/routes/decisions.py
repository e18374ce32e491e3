"""Signed decision records: as a page, as the signed JSON file, as PDF; and the public key.

Records are read here and never changed: no route writes them, and the database refuses to
(triggers). Every signed-in role reads them; the public key is public, so that anyone who
holds an exported record can verify it.
"""

from fastapi import APIRouter, Request, Response

from leitplanke.assessments.errors import AssessmentError
from leitplanke.assessments.queries import get_record
from leitplanke.assessments.record_pdf import MEDIA_TYPE as PDF
from leitplanke.assessments.record_pdf import render_record_pdf, signed_at_label
from leitplanke.assessments.records import SignedRecord, export_record
from leitplanke.assessments.signing import (
    load_signing_key,
    read_signing_key,
    verify_record,
)
from leitplanke.assessments.tables import DecisionRecord
from leitplanke.publish.html_site import SiteLinks
from leitplanke.rulebook.versions import RulebookHistory
from leitplanke.web.assessment_view import status_of
from leitplanke.web.authentication import DatabaseDep, SettingsDep, SignedInDep
from leitplanke.web.caching import SHORT
from leitplanke.web.dependencies import published_site, relative_root
from leitplanke.web.errors import error_response
from leitplanke.web.rendering import NO_STORE, render_app_page

router = APIRouter(include_in_schema=False)

PUBLIC_KEY_PATH = "/signaturschluessel.pem"
PEM = "application/x-pem-file"


def signed_record(row: DecisionRecord) -> SignedRecord:
    """The stored record with its hash, signature and key ID."""
    return SignedRecord.from_stored(row.content, row.content_hash, row.signature, row.key_id)


def _download(content: bytes, media_type: str, filename: str) -> Response:
    headers = {**NO_STORE, "Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(content, media_type=media_type, headers=headers)


# Declared before `/intern/entscheidungen/{record_id}`, which would take these paths too.
@router.get("/intern/entscheidungen/{record_id}.json")
def decision_json(
    request: Request, record_id: int, session: DatabaseDep, who: SignedInDep
) -> Response:
    """The signed record as canonical JSON, byte for byte what the signature covers."""
    try:
        row = get_record(session, record_id)
    except AssessmentError as error:
        return error_response(request, status_of(error), error.message)
    return _download(
        export_record(signed_record(row)), "application/json", f"entscheidung-{row.id}.json"
    )


@router.get("/intern/entscheidungen/{record_id}.pdf")
def decision_pdf(
    request: Request, record_id: int, session: DatabaseDep, who: SignedInDep
) -> Response:
    """The record as PDF, for the file."""
    try:
        row = get_record(session, record_id)
    except AssessmentError as error:
        return error_response(request, status_of(error), error.message)
    return _download(render_record_pdf(signed_record(row)), PDF, f"entscheidung-{row.id}.pdf")


@router.get("/intern/entscheidungen/{record_id}")
def decision_page(
    request: Request,
    record_id: int,
    session: DatabaseDep,
    who: SignedInDep,
    settings: SettingsDep,
) -> Response:
    """The record as a page, with whether its signature holds with the app's key."""
    try:
        row = get_record(session, record_id)
    except AssessmentError as error:
        return error_response(request, status_of(error), error.message)
    record = signed_record(row)
    key = read_signing_key(settings.signing_key_path)
    same_key = key is not None and key.key_id == row.key_id
    problems = verify_record(export_record(record), key.public_key) if key and same_key else ()
    history: RulebookHistory = published_site(request).publication.history
    version = record.content.get("rulebook", {}).get("version")
    current = history.current.meta.version
    return render_app_page(
        request,
        "decision.html",
        row=row,
        record=record,
        content=record.content,
        same_key=same_key,
        problems=problems,
        signed_at=signed_at_label(row.signed_at),
        current_version=current,
        rule_links=SiteLinks(
            relative_root(request), version=None if version == current else version
        ),
    )


@router.get(PUBLIC_KEY_PATH)
def public_key(settings: SettingsDep) -> Response:
    """The public key that verifies decision records (PEM); made with the key on first use."""
    key = load_signing_key(settings.signing_key_path)
    headers = {"Cache-Control": SHORT, "X-Key-Id": key.key_id}
    return Response(key.public_pem, media_type=PEM, headers=headers)
