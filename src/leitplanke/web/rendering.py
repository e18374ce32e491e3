"""Renders the web app's own pages (`templates/`) in the site's layout, with the viewer's state."""

from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader

from leitplanke.accounts.roles import ROLE_LABEL, Permission, allows
from leitplanke.publish.html_site import SiteLinks, template_environment
from leitplanke.web.dependencies import published_site, relative_root

NO_STORE = {"Cache-Control": "no-store"}
REVALIDATE = {"Cache-Control": "no-cache", "Vary": "Cookie"}


@cache
def environment() -> Environment:
    """The web app's templates first, then the site's (for `base.html` and macros)."""
    env = template_environment(PackageLoader("leitplanke.web", "templates"))
    env.globals["ROLE_LABEL"] = ROLE_LABEL
    env.globals["Permission"] = Permission
    env.globals["allows"] = allows
    return env


def render_app_page(
    request: Request,
    template: str,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """A page of the web app; `viewer` (the signed-in user or None) and `csrf_token` come from
    the request, so every layout shows who is signed in and every form carries its token.

    Pages with a viewer are never stored by caches (they show internal data); the others are
    revalidated each time (the registry changes), unless `headers` say otherwise.
    """
    site = published_site(request)
    viewer = getattr(request.state, "viewer", None)
    page = environment().get_template(template)
    html = page.render(
        document=site.publication.document,
        links=SiteLinks(relative_root(request)),
        app_links=site.publication.app_links,
        viewer=viewer,
        csrf_token=getattr(request.state, "csrf_token", ""),
        demo_notice=bool(getattr(request.app.state, "demo", False)),
        **context,
    )
    all_headers = {**REVALIDATE, **(headers or {}), **(NO_STORE if viewer is not None else {})}
    return HTMLResponse(html, status_code=status_code, headers=all_headers)
