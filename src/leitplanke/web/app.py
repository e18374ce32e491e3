"""Builds the read web app: renders the rulebook once, then wires routes and middleware."""

from pathlib import Path

from fastapi import FastAPI
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from leitplanke.checks.engine import CheckEngine
from leitplanke.database.engine import create_database_engine, session_factory
from leitplanke.database.migrate import upgrade
from leitplanke.demo.loader import has_demo_data
from leitplanke.rulebook.loader import BUNDLED
from leitplanke.settings import Settings
from leitplanke.web.caching import CachingMiddleware
from leitplanke.web.check_view import NAV_LINK
from leitplanke.web.errors import install_error_handlers
from leitplanke.web.head_requests import HeadMiddleware
from leitplanke.web.platform_view import NAV_LINK as PLATFORMS_NAV_LINK
from leitplanke.web.published_site import PublishedSite
from leitplanke.web.registry_view import NAV_LINK as REGISTRY_NAV_LINK
from leitplanke.web.routes import (
    accounts,
    api_organisation,
    api_registry,
    api_rulebook,
    api_rules,
    api_scans,
    api_versions,
    assessments,
    audit_log,
    check,
    check_page,
    decisions,
    files,
    internal,
    login,
    openid_login,
    organisation_pages,
    pages,
    platforms,
    presences,
    registry_pages,
    resources,
    scan_pages,
)
from leitplanke.web.scan_view import make_scan_runner, scan_jobs_lifespan
from leitplanke.web.security_headers import SecurityHeadersMiddleware

DESCRIPTION = (
    "Lesende Programmierschnittstelle zum Social-Media-Regelwerk: das Regelwerk, seine Regeln "
    "(filterbar), Versionen und Änderungen. Die URIs der Linked Data (`/rulebook`, `/rules/{id}`, "
    "`/versions/{version}`) liefern per Content Negotiation (Accept-Header oder `?format=`) HTML, "
    "JSON, JSON-LD, Turtle, Akoma Ntoso, CSV oder PDF. Dazu prüft `POST /api/v1/check` Entwürfe "
    "gegen die automatischen Prüfungen der Regeln."
)


def demo_loaded(sessions: sessionmaker[Session]) -> bool:
    """Whether the database holds the demonstration set (pages then say the data are invented);
    False for a database without schema yet."""
    try:
        with sessions() as session:
            return has_demo_data(session)
    except DBAPIError:
        return False


def create_app(
    rulebook_dir: Path = BUNDLED,
    base_url: str = "http://127.0.0.1:8000/",
    settings: Settings | None = None,
) -> FastAPI:
    """The app serving the rulebook in `rulebook_dir`, its URIs minted under `base_url`, with
    the database of `settings` (default: from the environment), migrated to the newest schema.

    Loading, rendering and migrating happen here, once, so a broken rulebook or database fails
    before the server starts.
    """
    settings = settings or Settings()
    app_links = (NAV_LINK, PLATFORMS_NAV_LINK, REGISTRY_NAV_LINK)
    site = PublishedSite.load(rulebook_dir, base_url, app_links=app_links)
    engine = create_database_engine(settings.resolved_database_url)
    if settings.migrate_on_start:
        upgrade(engine)
    meta = site.publication.rulebook.meta
    app = FastAPI(
        title=f"Leitplanke: {meta.short_title}",
        description=DESCRIPTION,
        version=meta.version,
        docs_url=None,  # the interactive docs load scripts from a third-party CDN
        redoc_url=None,
        lifespan=scan_jobs_lifespan,
    )
    app.state.site = site
    app.state.settings = settings
    app.state.database = engine
    app.state.sessions = session_factory(engine)
    app.state.demo = demo_loaded(app.state.sessions)
    app.state.engine = CheckEngine(site.publication)  # compiled once; a bad check fails here
    app.state.scan_runner = make_scan_runner(settings, app.state.sessions, site.publication)
    install_error_handlers(app)
    for router in (
        pages.router,
        check_page.router,
        platforms.router,
        login.router,
        openid_login.router,
        internal.router,
        accounts.router,
        audit_log.router,
        assessments.router,
        decisions.router,
        presences.router,
        registry_pages.router,
        organisation_pages.router,
        scan_pages.router,
        api_registry.router,
        api_organisation.router,
        api_scans.router,
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
