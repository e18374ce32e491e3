"""The page "Entwurf prüfen": a form that posts a draft, answered with its findings marked."""

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from leitplanke.publish.html_site import SiteLinks
from leitplanke.web.check_view import DraftForm, read_form, render_check_page
from leitplanke.web.dependencies import EngineDep, RootDep, SiteDep

router = APIRouter(include_in_schema=False)


@router.get("/pruefen")
def check_form(site: SiteDep, root: RootDep) -> Response:
    """The empty form."""
    return HTMLResponse(render_check_page(site.publication, DraftForm(), links=SiteLinks(root)))


@router.post("/pruefen")
async def check_submitted(
    request: Request, site: SiteDep, engine: EngineDep, root: RootDep
) -> Response:
    """The checked draft with its findings; the form again with its errors if it has any.

    No CSRF token: checking stores and changes nothing (see leitplanke.web.check_view).
    """
    form = await read_form(request)
    links = SiteLinks(root)
    draft = form.draft()
    if draft is None:
        page = render_check_page(site.publication, form, links=links)
        return HTMLResponse(page, status_code=422, headers={"Cache-Control": "no-store"})
    findings = await run_in_threadpool(engine.check, draft)
    page = render_check_page(site.publication, form, findings, links=links)
    return HTMLResponse(page, headers={"Cache-Control": "no-store"})
