"""The public list of official presences: the page, one presence, the exports, the public API.

Everyone sees the presences that are `active` or `suspended`, with their public fields only
(`PresencePublic`), never the people behind them. `/praesenzen` answers in HTML, JSON, CSV or
JSON-LD (Accept header or `?format=`); `/praesenzen.json`, `.csv` and `.jsonld` are the same
lists as files under stable URLs. Every answer is revalidated (`no-cache`, with an ETag): the
registry changes at any time.
"""

from collections.abc import Sequence
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy import select

from leitplanke.registry import (
    EXPORT_FORMATS,
    STATUS_LABEL,
    PresencePublic,
    RegistryError,
    public_presence,
    public_presences,
)
from leitplanke.registry.tables import Authority
from leitplanke.registry.verification import AccountQuery, official_accounts, read_account
from leitplanke.web.authentication import DatabaseDep
from leitplanke.web.dependencies import SiteDep
from leitplanke.web.errors import error_response
from leitplanke.web.negotiation import Negotiation, alternative_content
from leitplanke.web.registry_view import (
    NOT_FOUND,
    STATUS_OF,
    EntryId,
    listing_of,
    moment,
    registry_platforms,
)
from leitplanke.web.rendering import render_app_page

router = APIRouter(tags=["Offizielle Präsenzen"])

LIST_FORMATS = ("html", "json", "csv", "jsonld")
ONE_FORMATS = ("html", "json")
ListFormat = Annotated[str, Depends(Negotiation(LIST_FORMATS))]
OneFormat = Annotated[str, Depends(Negotiation(ONE_FORMATS))]
REVALIDATE = {"Cache-Control": "no-cache"}
NEGOTIATED = {**REVALIDATE, "Vary": "Accept"}

AuthorityQuery = Annotated[
    str | None,
    Query(
        alias="behoerde",
        max_length=80,
        description="Nur Präsenzen dieser Behörde (ihr Kurzname in URLs, z. B. senatskanzlei).",
    ),
]
PlatformQuery = Annotated[
    str | None,
    Query(alias="plattform", max_length=40, description="Nur Präsenzen dieser Plattform (ID)."),
]
AccountText = Annotated[
    str | None,
    Query(
        alias="konto",
        max_length=500,
        description="Ist dieses Konto offiziell? Kontoname (z. B. @name@server) oder Adresse; "
        "die Antwort sind die Präsenzen der Liste, die dieses Konto sind.",
    ),
]


def filtered(
    presences: Sequence[PresencePublic], authority: str | None, platform: str | None
) -> list[PresencePublic]:
    """The presences of the authority (slug) and platform, where given."""
    return [
        presence
        for presence in presences
        if (not authority or presence.authority.slug == authority)
        and (not platform or presence.platform == platform)
    ]


def export_response(
    format_name: str, presences: Sequence[PresencePublic], site: SiteDep, session: DatabaseDep
) -> Response:
    """The presences in one of the export formats."""
    export = EXPORT_FORMATS[format_name]
    body = export.render(presences, listing_of(site, session))
    return Response(body, media_type=export.media_type, headers=NEGOTIATED)


@router.get(
    "/praesenzen",
    summary="Offizielle Präsenzen: die öffentliche Liste, im ausgehandelten Format",
    description="Alle aktiven und ausgesetzten Präsenzen mit ihrer Behörde, als HTML, JSON, "
    "CSV oder JSON-LD (schema.org). Filter: Behörde, Plattform; `konto` prüft, ob ein Konto "
    "offiziell ist.",
    responses={
        **alternative_content(LIST_FORMATS),
        422: {"description": "Ungültiger Filter oder kein Kontoname"},
    },
)
def presences_page(
    request: Request,
    session: DatabaseDep,
    site: SiteDep,
    format_name: ListFormat,
    authority: AuthorityQuery = None,
    platform: PlatformQuery = None,
    account: AccountText = None,
) -> Response:
    """The page with the account check and the filtered list, or the list as data."""
    everything = public_presences(session)
    query: AccountQuery | None = None
    problem: str | None = None
    if account is not None and account.strip():
        try:
            query = read_account(account)
        except ValueError as error:
            problem = str(error)
    matches = official_accounts(everything, query) if query else []
    shown = filtered(everything, authority, platform)
    if format_name != "html":
        if problem:
            detail = [{"loc": ["query", "konto"], "msg": problem, "type": "value_error"}]
            return JSONResponse({"detail": detail}, 422, headers=NEGOTIATED)
        return export_response(format_name, matches if query else shown, site, session)
    platforms = registry_platforms(site)
    authorities = {presence.authority.slug: presence.authority.name for presence in everything}
    platform_ids = {presence.platform for presence in everything}
    return render_app_page(
        request,
        "presences_public.html",
        status_code=422 if problem else 200,
        headers=NEGOTIATED,
        presences=shown,
        total=len(everything),
        account=account or "",
        query=query,
        matches=matches,
        problem=problem,
        authority=authority or "",
        platform=platform or "",
        authority_options=sorted(authorities.items(), key=lambda item: item[1]),
        platform_options=[(key, platforms.name(key)) for key in sorted(platform_ids)],
        platforms=platforms,
        STATUS_LABEL=STATUS_LABEL,
        exports=EXPORT_FORMATS,
    )


def _file(format_name: str) -> Any:
    def download(session: DatabaseDep, site: SiteDep) -> Response:
        return export_response(format_name, public_presences(session), site, session)

    download.__doc__ = f"The public list as {format_name}."
    return download


for _name, _title in (("json", "JSON"), ("csv", "CSV"), ("jsonld", "JSON-LD (schema.org)")):
    router.add_api_route(
        f"/{EXPORT_FORMATS[_name].file_name}",
        _file(_name),
        methods=["GET"],
        summary=f"Offizielle Präsenzen als {_title} (stabile Adresse)",
        response_class=Response,
        responses={
            200: {"content": {EXPORT_FORMATS[_name].media_type.split(";")[0]: {}}},
        },
    )


@router.get(
    "/praesenzen/{presence_id}",
    summary="Eine offizielle Präsenz (stabile Adresse), als HTML oder JSON",
    response_model=PresencePublic,
    responses={
        **alternative_content(ONE_FORMATS),
        **NOT_FOUND,
    },
)
def presence_page(
    request: Request,
    presence_id: EntryId,
    session: DatabaseDep,
    site: SiteDep,
    format_name: OneFormat,
) -> Response:
    """One presence of the public list; 404 for every other (planned, closed, unknown)."""
    try:
        presence = public_presence(session, presence_id)
    except RegistryError as error:
        return error_response(
            request, STATUS_OF[error.kind], "Diese Präsenz ist nicht in der öffentlichen Liste."
        )
    if format_name == "json":
        return Response(
            presence.model_dump_json(), media_type="application/json", headers=NEGOTIATED
        )
    return render_app_page(
        request,
        "presence_public.html",
        headers=NEGOTIATED,
        presence=presence,
        platforms=registry_platforms(site),
        STATUS_LABEL=STATUS_LABEL,
        since=moment(presence.status_since),
    )


@router.get("/behoerden/{slug}", include_in_schema=False)
def authority(request: Request, slug: str, session: DatabaseDep) -> Response:
    """An authority's URI (as the exports name it): 303 to its presences in the list."""
    if len(slug) > 80 or session.scalar(select(Authority.id).where(Authority.slug == slug)) is None:
        return error_response(request, 404, "Eine Behörde mit diesem Kurznamen gibt es nicht.")
    target = "../praesenzen?" + urlencode({"behoerde": slug})
    return RedirectResponse(target, 303, headers={"Vary": "Accept"})


# --- the public API -------------------------------------------------------------------------


@router.get(
    "/api/v1/presences",
    response_model=list[PresencePublic],
    summary="Offizielle Präsenzen (öffentlich): alle aktiven und ausgesetzten, filterbar",
    responses={422: {"description": "Ungültiger Filter oder kein Kontoname"}},
)
def api_public_presences(
    session: DatabaseDep,
    authority: Annotated[
        str | None, Query(max_length=80, description="Kurzname (slug) der Behörde")
    ] = None,
    platform: Annotated[str | None, Query(max_length=40, description="Plattform-ID")] = None,
    account: Annotated[
        str | None,
        Query(max_length=500, description="Ist dieses Konto offiziell? Kontoname oder Adresse"),
    ] = None,
) -> Response:
    """The public list as JSON objects, in the order of the exports."""
    presences = filtered(public_presences(session), authority, platform)
    if account is not None:
        try:
            presences = official_accounts(presences, read_account(account))
        except ValueError as error:
            detail = [{"loc": ["query", "account"], "msg": str(error), "type": "value_error"}]
            return JSONResponse({"detail": detail}, 422, headers=REVALIDATE)
    body = b"[" + b",".join(presence.model_dump_json().encode() for presence in presences) + b"]"
    return Response(body, media_type="application/json", headers=REVALIDATE)


@router.get(
    "/api/v1/presences/{presence_id}",
    response_model=PresencePublic,
    summary="Eine offizielle Präsenz (öffentlich); 404 für alle anderen",
    responses={**NOT_FOUND},
)
def api_public_presence(presence_id: EntryId, session: DatabaseDep) -> Response:
    """One presence of the public list."""
    try:
        presence = public_presence(session, presence_id)
    except RegistryError:
        return JSONResponse(
            {"detail": "Diese Präsenz ist nicht in der öffentlichen Liste."},
            404,
            headers=REVALIDATE,
        )
    return Response(presence.model_dump_json(), media_type="application/json", headers=REVALIDATE)
