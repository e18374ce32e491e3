"""Signing in and out with a local account; throttled, CSRF-protected, session cookie."""

import secrets
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from leitplanke.accounts.passwords import hash_password, needs_rehash, password_matches
from leitplanke.accounts.sessions import (
    anonymous_csrf_token,
    end_session,
    start_session,
    tokens_match,
)
from leitplanke.accounts.tables import User
from leitplanke.accounts.throttle import LoginLimits, blocked_for, forget_failures, record_failure
from leitplanke.settings import Settings
from leitplanke.web.authentication import (
    ANONYMOUS_COOKIE,
    SESSION_COOKIE,
    CsrfDep,
    DatabaseDep,
    SettingsDep,
    ViewerDep,
)
from leitplanke.web.rendering import NO_STORE, render_app_page

router = APIRouter(include_in_schema=False)

HOME = "/intern"
FAILED = "Benutzername oder Passwort ist falsch."


def safe_target(target: str | None) -> str:
    """Where to go after login: a path of this site only (no other host)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return HOME


def cookie_secure(request: Request, configured: bool | None) -> bool:
    """Secure cookies when configured so, else when the request came over HTTPS."""
    return configured if configured is not None else request.url.scheme == "https"


def login_page(
    request: Request,
    settings: SettingsDep,
    *,
    target: str,
    username: str = "",
    error: str | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """The login form with a fresh CSRF nonce in its cookie."""
    nonce = secrets.token_urlsafe(24)
    request.state.csrf_token = anonymous_csrf_token(settings.secret(), nonce)
    response = render_app_page(
        request,
        "login.html",
        status_code=status_code,
        headers={**NO_STORE, **(headers or {})},
        target=target,
        username=username,
        error=error,
        oidc_label=settings.oidc_label if settings.oidc_enabled else None,
    )
    response.set_cookie(
        ANONYMOUS_COOKIE,
        nonce,
        httponly=True,
        samesite="strict",
        secure=cookie_secure(request, settings.cookie_secure),
        path="/anmelden",
    )
    return response


@router.get("/anmelden")
def login_form(
    request: Request, settings: SettingsDep, who: ViewerDep, weiter: str | None = None
) -> Response:
    """The login form; a signed-in user goes on at once."""
    if who is not None:
        return RedirectResponse(safe_target(weiter), status_code=303)
    return login_page(request, settings, target=safe_target(weiter))


@router.post("/anmelden")
def login(
    request: Request,
    settings: SettingsDep,
    session: DatabaseDep,
    username: Annotated[str, Form(max_length=80)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    weiter: Annotated[str, Form(max_length=2000)] = HOME,
) -> Response:
    """Checks the password; on success a session cookie and the way on, else the form again."""
    target = safe_target(weiter)
    nonce = request.cookies.get(ANONYMOUS_COOKIE, "")
    if not nonce or not tokens_match(csrf_token, anonymous_csrf_token(settings.secret(), nonce)):
        message = "Das Formular ist abgelaufen. Bitte melden Sie sich noch einmal an."
        return login_page(
            request, settings, target=target, username=username, error=message, status_code=403
        )
    address = request.client.host if request.client else "unbekannt"
    limits = LoginLimits(
        settings.login_failures_per_account,
        settings.login_failures_per_address,
        timedelta(minutes=settings.login_window_minutes),
    )
    wait = blocked_for(session, limits, username, address)
    if wait:
        minutes = max(1, round(wait / 60))
        message = (
            f"Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie etwa {minutes} Minute(n)."
        )
        return login_page(
            request,
            settings,
            target=target,
            username=username,
            error=message,
            status_code=429,
            headers={"Retry-After": str(wait)},
        )
    user = session.scalars(
        select(User).where(func.lower(User.username) == username.strip().casefold())
    ).first()
    hashed = user.password_hash if user is not None else None
    if user is None or not user.active or not password_matches(hashed, password):
        record_failure(session, username, address)
        session.commit()
        return login_page(
            request, settings, target=target, username=username, error=FAILED, status_code=401
        )
    if hashed is not None and needs_rehash(hashed):
        user.password_hash = hash_password(password)
    forget_failures(session, username)
    response = signed_in_response(request, settings, session, user, target)
    response.delete_cookie(ANONYMOUS_COOKIE, path="/anmelden")
    return response


def signed_in_response(
    request: Request, settings: Settings, session: Session, user: User, target: str
) -> Response:
    """Starts a session for `user`, commits, and sends the browser on with the session cookie."""
    token, _ = start_session(session, user, settings.session_hours)
    session.commit()
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=cookie_secure(request, settings.cookie_secure),
        path="/",
    )
    return response


@router.post("/abmelden")
def logout(session: DatabaseDep, who: ViewerDep, _csrf: CsrfDep) -> Response:
    """Ends the session and deletes its cookie."""
    if who is not None:
        end_session(session, who.token_hash)
        session.commit()
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
