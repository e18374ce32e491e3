"""API: the published versions and the changes between any two of them."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response

from leitplanke.publish.document import PublishedVersion
from leitplanke.rulebook.diff import RulebookDiff
from leitplanke.web.caching import VERSIONED
from leitplanke.web.dependencies import RootDep, SiteDep
from leitplanke.web.negotiation import Negotiation, alternative_content
from leitplanke.web.representations import DIFF_FORMATS, diff_representation, json_artifact
from leitplanke.web.responses import artifact_response

router = APIRouter(prefix="/api/v1", tags=["API"])

DiffFormat = Annotated[str, Depends(Negotiation(DIFF_FORMATS))]


@router.get(
    "/versions",
    response_model=list[PublishedVersion],
    summary="Alle veröffentlichten Versionen, die älteste zuerst",
)
def list_versions(site: SiteDep) -> Response:
    """Every published version with its dates and number of rules."""
    versions = [version.model_dump(mode="json") for version in site.publication.document.versions]
    return artifact_response(json_artifact("versions.json", versions))


@router.get(
    "/versions/{old}/diff/{new}",
    response_model=RulebookDiff,
    summary="Änderungen zwischen zwei Versionen",
    responses={**alternative_content(DIFF_FORMATS), 404: {"description": "Unbekannte Version"}},
)
def get_diff(old: str, new: str, site: SiteDep, root: RootDep, format_name: DiffFormat) -> Response:
    """Added, removed and changed rules from version `old` to version `new`."""
    try:
        diff = site.diff(old, new)
    except KeyError as error:
        raise HTTPException(
            404,
            f"Eine Version {error.args[0]} des Regelwerks gibt es nicht. "
            f"Veröffentlicht: {', '.join(site.version_labels)}.",
        ) from None
    artifact = diff_representation(site, diff, format_name, root)
    return artifact_response(artifact, cache_control=VERSIONED, negotiated=True)
