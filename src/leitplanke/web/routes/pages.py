"""The start page, filtered on the server when the filter form sends `?audience=…&aspect=…`."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from leitplanke.publish.html_site import HTML_MEDIA_TYPE, render_index
from leitplanke.publish.publication import Artifact
from leitplanke.publish.selection import IndexFilter
from leitplanke.web.dependencies import SiteDep
from leitplanke.web.responses import artifact_response

router = APIRouter(include_in_schema=False)


@router.get("/")
@router.get("/index.html")
def index(site: SiteDep, chosen: Annotated[IndexFilter, Query()]) -> Response:
    """The start page with all rules, or with the rules the filter chooses."""
    if chosen == IndexFilter():
        return artifact_response(site.artifacts["index.html"])

    def page() -> Artifact:
        html = render_index(site.publication, chosen=chosen)
        return Artifact("index.html", HTML_MEDIA_TYPE, html.encode())

    key = ("index", str(chosen.audience), str(chosen.aspect), str(chosen.level))
    return artifact_response(site.memo(key, page))
