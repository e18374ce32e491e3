"""Builds the read web app: renders the rulebook once, then wires routes and middleware."""

from pathlib import Path

from fastapi import FastAPI

from leitplanke.checks.engine import CheckEngine
from leitplanke.rulebook.loader import BUNDLED
from leitplanke.web.caching import CachingMiddleware
from leitplanke.web.check_view import NAV_LINK
from leitplanke.web.errors import install_error_handlers
from leitplanke.web.head_requests import HeadMiddleware
from leitplanke.web.published_site import PublishedSite
from leitplanke.web.routes import (
    api_rulebook,
    api_rules,
    api_versions,
    check,
    check_page,
    files,
    pages,
    resources,
)
from leitplanke.web.security_headers import SecurityHeadersMiddleware

DESCRIPTION = (
    "Lesende Programmierschnittstelle zum Social-Media-Regelwerk: das Regelwerk, seine Regeln "
    "(filterbar), Versionen und Änderungen. Die URIs der Linked Data (`/rulebook`, `/rules/{id}`, "
    "`/versions/{version}`) liefern per Content Negotiation (Accept-Header oder `?format=`) HTML, "
    "JSON, JSON-LD, Turtle, Akoma Ntoso, CSV oder PDF. Dazu prüft `POST /api/v1/check` Entwürfe "
    "gegen die automatischen Prüfungen der Regeln."
)


def create_app(rulebook_dir: Path = BUNDLED, base_url: str = "http://127.0.0.1:8000/") -> FastAPI:
    """The app serving the rulebook in `rulebook_dir`, its URIs minted under `base_url`.

    Loading and rendering happen here, once, so a broken rulebook fails before the server starts.
    """
    site = PublishedSite.load(rulebook_dir, base_url, app_links=(NAV_LINK,))
    meta = site.publication.rulebook.meta
    app = FastAPI(
        title=f"Leitplanke: {meta.short_title}",
        description=DESCRIPTION,
        version=meta.version,
        docs_url=None,  # the interactive docs load scripts from a third-party CDN
        redoc_url=None,
    )
    app.state.site = site
    app.state.engine = CheckEngine(site.publication)  # compiled once; a bad check fails here
    install_error_handlers(app)
    for router in (
        pages.router,
        check_page.router,
        api_rulebook.router,
        api_rules.router,
        api_versions.router,
        check.router,
        files.router,
        resources.router,
        files.catch_all,
    ):
        app.include_router(router)
    # Added last is outermost: HEAD becomes GET before caching sees it.
    app.add_middleware(CachingMiddleware)
    app.add_middleware(HeadMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
