"""Login through the OpenID Connect provider of the settings; accounts are made on first login."""

import httpx
from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from leitplanke.accounts.openid import (
    FLOW_SECONDS,
    Identity,
    OpenIdError,
    authorization_url,
    discover,
    flow_cookie,
    identity_from_code,
    read_flow_cookie,
)
from leitplanke.accounts.roles import Role
from leitplanke.accounts.tables import User
from leitplanke.accounts.users import create_user
from leitplanke.audit.chain import SYSTEM
from leitplanke.web.authentication import DatabaseDep, SettingsDep
from leitplanke.web.errors import error_response
from leitplanke.web.routes.login import cookie_secure, safe_target, signed_in_response

router = APIRouter(include_in_schema=False)

FLOW_COOKIE = "leitplanke_oidc"
CALLBACK = "/anmelden/oidc/rueckkehr"
TIMEOUT = 10.0


def redirect_uri(request: Request) -> str:
    """The callback's absolute URL, as registered with the provider."""
    return str(request.url_for("openid_callback"))


@router.get("/anmelden/oidc")
def openid_start(request: Request, settings: SettingsDep, weiter: str | None = None) -> Response:
    """Sends the browser to the provider, with state, nonce and PKCE in a signed cookie."""
    if not settings.oidc_enabled or settings.oidc_issuer is None or not settings.oidc_client_id:
        return error_response(request, 404, "Die Anmeldung über einen Anmeldedienst ist aus.")
    try:
        with httpx.Client(timeout=TIMEOUT) as client:
            provider = discover(settings.oidc_issuer, client)
    except OpenIdError as error:
        return error_response(request, 502, str(error))
    cookie, flow = flow_cookie(settings.secret(), safe_target(weiter))
    url = authorization_url(provider, settings.oidc_client_id, redirect_uri(request), flow)
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(
        FLOW_COOKIE,
        cookie,
        max_age=FLOW_SECONDS,
        httponly=True,
        samesite="lax",  # the provider's redirect back is a top-level GET
        secure=cookie_secure(request, settings.cookie_secure),
        path="/anmelden/oidc",
    )
    return response


@router.get(CALLBACK, name="openid_callback")
def openid_callback(
    request: Request,
    settings: SettingsDep,
    session: DatabaseDep,
    code: str = "",
    state: str = "",
) -> Response:
    """Checks state and ID token, finds or makes the account, starts the session."""
    if not settings.oidc_enabled or settings.oidc_issuer is None or not settings.oidc_client_id:
        return error_response(request, 404, "Die Anmeldung über einen Anmeldedienst ist aus.")
    try:
        flow = read_flow_cookie(settings.secret(), request.cookies.get(FLOW_COOKIE))
        if not state or state != flow["state"] or not code:
            raise OpenIdError("Die Antwort des Anmeldedienstes gehört nicht zu dieser Anmeldung.")
        secret = settings.oidc_client_secret
        with httpx.Client(timeout=TIMEOUT) as client:
            provider = discover(settings.oidc_issuer, client)
            identity = identity_from_code(
                provider,
                settings.oidc_client_id,
                secret.get_secret_value() if secret else None,
                redirect_uri(request),
                code,
                flow,
                client,
            )
    except OpenIdError as error:
        return error_response(request, 400, str(error))
    user = account_for(session, identity, Role(settings.oidc_default_role))
    if not user.active:
        return error_response(request, 403, "Dieses Konto ist gesperrt.")
    response = signed_in_response(request, settings, session, user, flow["target"])
    response.delete_cookie(FLOW_COOKIE, path="/anmelden/oidc")
    return response


def account_for(session: Session, identity: Identity, role: Role) -> User:
    """The account of `identity`; made with `role` at the first login (the username gets a
    number if it is taken)."""
    user = session.scalars(select(User).where(User.oidc_subject == identity.subject)).first()
    if user is not None:
        return user
    username, number = identity.username, 1
    while session.scalar(
        select(func.count()).where(func.lower(User.username) == username.casefold())
    ):
        number += 1
        username = f"{identity.username[:75]}-{number}"
    return create_user(
        session,
        SYSTEM,
        username=username.replace(" ", "_"),
        display_name=identity.name,
        role=role,
        email=identity.email,
        oidc_subject=identity.subject,
    )
