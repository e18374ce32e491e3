"""Every published file at its path (`/rulebook.json`, `/rules/<ID>.html`, `/assets/…`)."""

from fastapi import APIRouter, HTTPException, Response

from leitplanke.web.dependencies import SiteDep
from leitplanke.web.responses import artifact_response

router = APIRouter(include_in_schema=False)
# Included last: it takes every path no other route claims.
catch_all = APIRouter(include_in_schema=False)


def file_response(site: SiteDep, path: str) -> Response:
    """The artifact at `path`, or 404."""
    artifact = site.artifacts.get(path)
    if artifact is None:
        raise HTTPException(404)
    return artifact_response(artifact)


@router.get("/rules/{rule_id}.html")
def rule_page(rule_id: str, site: SiteDep) -> Response:
    """A rule's page; listed before `/rules/{rule_id}` would take it."""
    return file_response(site, f"rules/{rule_id}.html")


@catch_all.get("/{path:path}")
def published_file(path: str, site: SiteDep) -> Response:
    """Any other published file."""
    return file_response(site, path)
