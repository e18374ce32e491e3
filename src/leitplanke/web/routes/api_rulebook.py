"""API: the whole rulebook, current or as of a version."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response

from leitplanke.publish.document import PublishedRulebook
from leitplanke.web.caching import VERSIONED
from leitplanke.web.dependencies import SiteDep
from leitplanke.web.negotiation import Negotiation, alternative_content
from leitplanke.web.representations import RULEBOOK_FORMATS, rulebook_representation
from leitplanke.web.responses import artifact_response

router = APIRouter(prefix="/api/v1", tags=["API"])

RulebookFormat = Annotated[str, Depends(Negotiation(RULEBOOK_FORMATS))]


@router.get(
    "/rulebook",
    response_model=PublishedRulebook,
    summary="Das Regelwerk in der aktuellen Version",
    responses=alternative_content(RULEBOOK_FORMATS),
)
def get_rulebook(site: SiteDep, format_name: RulebookFormat) -> Response:
    """The published rulebook; JSON unless the Accept header asks for another format."""
    return artifact_response(rulebook_representation(site, None, format_name), negotiated=True)


@router.get(
    "/versions/{version}",
    response_model=PublishedRulebook,
    summary="Das Regelwerk in einer bestimmten Version",
    responses={**alternative_content(RULEBOOK_FORMATS), 404: {"description": "Unbekannte Version"}},
)
def get_rulebook_version(version: str, site: SiteDep, format_name: RulebookFormat) -> Response:
    """The rulebook as published in one version."""
    try:
        artifact = rulebook_representation(site, version, format_name)
    except KeyError:
        raise HTTPException(404, f"Eine Version {version} des Regelwerks gibt es nicht.") from None
    return artifact_response(artifact, cache_control=VERSIONED, negotiated=True)
