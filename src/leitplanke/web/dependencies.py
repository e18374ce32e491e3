"""FastAPI dependencies: the site and the check engine held by the app, as `Annotated` aliases."""

from typing import Annotated, cast

from fastapi import Depends, Request

from leitplanke.checks.engine import CheckEngine
from leitplanke.web.published_site import PublishedSite


def published_site(request: Request) -> PublishedSite:
    """The site the app loaded at start-up."""
    return cast(PublishedSite, request.app.state.site)


SiteDep = Annotated[PublishedSite, Depends(published_site)]


def check_engine(request: Request) -> CheckEngine:
    """The check engine the app built at start-up from the site's publication."""
    return cast(CheckEngine, request.app.state.engine)


EngineDep = Annotated[CheckEngine, Depends(check_engine)]


def relative_root(request: Request) -> str:
    """The relative way from the requested path back to the app's root, e.g. '../' for /rules/X."""
    path = str(request.scope["path"])
    root_path = str(request.scope.get("root_path", ""))
    if root_path and path.startswith(root_path):
        path = path[len(root_path) :]
    return "../" * max(0, path.count("/") - 1)


RootDep = Annotated[str, Depends(relative_root)]
