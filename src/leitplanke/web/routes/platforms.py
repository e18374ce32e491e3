"""The platform comparison (`/plattformen`) and each platform's page, HTML, JSON or CSV.

The pages are the same for everyone (no viewer), so they are cached like the rulebook's URIs.
A rulebook without a catalogue has a page that says so; its JSON and CSV are 404.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import JSONResponse

from leitplanke.platforms.comparison import (
    PlatformComparison,
    RankedPlatform,
    comparison_csv,
)
from leitplanke.publish.json_document import json_bytes
from leitplanke.rulebook.catalogue import MAX_WEIGHT, PlatformCatalogue
from leitplanke.web.caching import ERROR, SHORT
from leitplanke.web.dependencies import SiteDep
from leitplanke.web.negotiation import Negotiation, alternative_content
from leitplanke.web.platform_view import (
    NO_CATALOGUE,
    WeightsForm,
    comparison_of,
    render_platform_page,
    render_platforms_page,
)

router = APIRouter(tags=["Plattformen"])

PLATFORM_FORMATS = ("html", "json", "csv")
PlatformFormat = Annotated[str, Depends(Negotiation(PLATFORM_FORMATS))]
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
NEGOTIATED = {"Cache-Control": SHORT, "Vary": "Accept"}
WEIGHTS_HELP = (
    " Eigene Gewichte (Was-wäre-wenn) je Kriterium als Abfrageparameter "
    f"`gewicht-<Kriterium-ID>=<Zahl von 0 bis {MAX_WEIGHT}>`; nicht genannte Kriterien behalten "
    "das Gewicht des Regelwerks. Ein ungültiges Gewicht oder ein unbekanntes Kriterium ist 422."
)
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "Kein Plattformkatalog im Regelwerk, oder unbekannte Plattform-ID"},
    422: {"description": "Ungültige Gewichte, mit dem Namen des Kriteriums"},
}


def no_catalogue() -> HTTPException:
    """404 for the data of a comparison the rulebook does not have."""
    return HTTPException(404, NO_CATALOGUE)


def unknown_platform(platform_id: str) -> HTTPException:
    """404 for a platform ID the catalogue does not have."""
    return HTTPException(
        404, f"Eine Plattform mit der ID {platform_id} gibt es im Plattformkatalog nicht."
    )


def invalid_weights(form: WeightsForm) -> JSONResponse:
    """422 for programs: each wrong parameter with a German message naming the criterion."""
    detail = [
        {"loc": ["query", error.parameter], "msg": error.message, "type": "value_error"}
        for error in form.errors
    ]
    return JSONResponse({"detail": detail}, 422, headers={"Cache-Control": ERROR, "Vary": "Accept"})


def weights_form(request: Request, catalogue: PlatformCatalogue) -> WeightsForm:
    """The what-if weights of the request's query."""
    return WeightsForm.parse(request.query_params.multi_items(), catalogue)


def data_response(
    data: PlatformComparison | RankedPlatform, table: str, format_name: str
) -> Response:
    """The comparison or one platform as JSON, or its table as CSV."""
    if format_name == "csv":
        return Response(table.encode(), media_type=CSV_MEDIA_TYPE, headers=NEGOTIATED)
    body = json_bytes(data.model_dump(mode="json"))
    return Response(body, media_type="application/json", headers=NEGOTIATED)


@router.get(
    "/plattformen",
    response_model=PlatformComparison,
    summary="Plattformvergleich: Rangfolge mit Beiträgen je Kriterium, im ausgehandelten Format",
    description="Alle Plattformen des Katalogs, beste zuerst, mit Quellen und Prüfdaten."
    + WEIGHTS_HELP,
    responses={**alternative_content(PLATFORM_FORMATS), **NOT_FOUND},
)
def comparison(request: Request, site: SiteDep, format_name: PlatformFormat) -> Response:
    """The comparison page, or its data."""
    catalogue = site.publication.rulebook.platforms
    if catalogue is None:
        if format_name != "html":
            raise no_catalogue()
        return render_platforms_page(request, site, WeightsForm(), headers=NEGOTIATED)
    form = weights_form(request, catalogue)
    if form.errors:
        if format_name != "html":
            return invalid_weights(form)
        headers = {"Cache-Control": ERROR, "Vary": "Accept"}
        return render_platforms_page(request, site, form, status_code=422, headers=headers)
    if format_name == "html":
        return render_platforms_page(request, site, form, headers=NEGOTIATED)
    result = comparison_of(site, form)
    return data_response(result, comparison_csv(result), format_name)


@router.get(
    "/plattformen/{platform_id}",
    response_model=RankedPlatform,
    summary="Eine Plattform mit allen Bewertungen, im ausgehandelten Format",
    description="Rang, Gesamtwert und jedes Kriterium mit Stufe, Befund, Quelle, Prüfdatum und "
    "Anmerkung." + WEIGHTS_HELP,
    responses={**alternative_content(PLATFORM_FORMATS), **NOT_FOUND},
)
def platform(
    platform_id: str, request: Request, site: SiteDep, format_name: PlatformFormat
) -> Response:
    """One platform's page, or its data."""
    catalogue = site.publication.rulebook.platforms
    if catalogue is None:
        raise no_catalogue()
    form = weights_form(request, catalogue)
    if form.errors:
        if format_name != "html":
            return invalid_weights(form)
        raise HTTPException(422, " ".join(error.message for error in form.errors))
    result = comparison_of(site, form)
    try:
        ranked = result.platform(platform_id)
    except KeyError:
        raise unknown_platform(platform_id) from None
    if format_name == "html":
        return render_platform_page(request, site, result, platform_id, form, headers=NEGOTIATED)
    single = result.model_copy(update={"platforms": (ranked,)})
    return data_response(ranked, comparison_csv(single), format_name)
