"""OpenID Connect login (authorisation code flow with PKCE): the provider's configuration,
the authorisation URL, the code exchange and the validation of the ID token.

The flow's state (state, nonce, PKCE verifier, where to go afterwards) travels in a short-lived
cookie signed with the app's secret; nothing is stored server-side before the user returns.
"""

import secrets
import time
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from authlib.integrations.httpx_client import OAuth2Client
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OctKey

FLOW_SECONDS = 600  # the user has ten minutes at the provider
SCOPE = "openid email profile"
TIMEOUT = 10.0  # seconds for each request to the provider
ID_TOKEN_ALGORITHMS = ("RS256", "ES256", "PS256", "EdDSA")


class OpenIdError(Exception):
    """The login with the provider failed; the message says why (German)."""


@dataclass(frozen=True)
class Provider:
    """A provider's endpoints, read from its discovery document."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


@dataclass(frozen=True)
class Identity:
    """Who the provider says signed in: `subject` is unique per issuer."""

    subject: str
    name: str
    email: str | None
    username: str


def discover(issuer: str, client: httpx.Client) -> Provider:
    """The provider's configuration from `{issuer}/.well-known/openid-configuration`."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = client.get(url)
        response.raise_for_status()
        document = response.json()
        provider = Provider(
            issuer=document["issuer"],
            authorization_endpoint=document["authorization_endpoint"],
            token_endpoint=document["token_endpoint"],
            jwks_uri=document["jwks_uri"],
        )
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
        raise OpenIdError(f"Der Anmeldedienst ist nicht erreichbar ({url}).") from error
    if provider.issuer.rstrip("/") != issuer.rstrip("/"):
        raise OpenIdError("Der Anmeldedienst meldet einen anderen Aussteller als eingestellt.")
    return provider


def flow_cookie(secret: bytes, target: str) -> tuple[str, dict[str, str]]:
    """A signed cookie value for a new login, and the flow's values (state, nonce, verifier)."""
    flow = {
        "state": secrets.token_urlsafe(24),
        "nonce": secrets.token_urlsafe(24),
        "verifier": generate_token(64),
        "target": target,
    }
    claims = {**flow, "exp": int(time.time()) + FLOW_SECONDS}
    return jwt.encode({"alg": "HS256"}, claims, OctKey.import_key(secret)), flow


def read_flow_cookie(secret: bytes, value: str | None) -> dict[str, str]:
    """The flow's values from the cookie; OpenIdError if missing, forged or expired."""
    if not value:
        raise OpenIdError("Die Anmeldung wurde nicht hier begonnen oder ist abgelaufen.")
    try:
        token = jwt.decode(value, OctKey.import_key(secret), algorithms=["HS256"])
        jwt.JWTClaimsRegistry(exp={"essential": True}).validate(token.claims)
    except (JoseError, ValueError) as error:
        raise OpenIdError("Die Anmeldung ist abgelaufen. Bitte beginnen Sie neu.") from error
    return {key: str(token.claims[key]) for key in ("state", "nonce", "verifier", "target")}


def authorization_url(
    provider: Provider, client_id: str, redirect_uri: str, flow: dict[str, str]
) -> str:
    """Where to send the browser to sign in at the provider."""
    oauth = OAuth2Client(client_id=client_id, scope=SCOPE, redirect_uri=redirect_uri)
    url, _ = oauth.create_authorization_url(
        provider.authorization_endpoint,
        state=flow["state"],
        nonce=flow["nonce"],
        code_challenge=create_s256_code_challenge(flow["verifier"]),
        code_challenge_method="S256",
    )
    return str(url)


def identity_from_code(
    provider: Provider,
    client_id: str,
    client_secret: str | None,
    redirect_uri: str,
    code: str,
    flow: dict[str, str],
    client: httpx.Client,
) -> Identity:
    """Exchanges the code for tokens and validates the ID token (signature, issuer,
    audience, expiry, nonce)."""
    try:
        with OAuth2Client(
            client_id=client_id,
            client_secret=client_secret,
            redirect_uri=redirect_uri,
            token_endpoint_auth_method="client_secret_post" if client_secret else "none",
            timeout=TIMEOUT,
        ) as oauth:
            tokens = oauth.fetch_token(
                provider.token_endpoint, code=code, code_verifier=flow["verifier"]
            )
        keys = KeySet.import_key_set(client.get(provider.jwks_uri).raise_for_status().json())
        token = jwt.decode(tokens["id_token"], keys, algorithms=list(ID_TOKEN_ALGORITHMS))
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": provider.issuer},
            aud={"essential": True, "value": client_id},
            sub={"essential": True},
            exp={"essential": True},
            nonce={"essential": True, "value": flow["nonce"]},
            leeway=60,
        ).validate(token.claims)
    except (httpx.HTTPError, OAuthError, JoseError, KeyError, ValueError, TypeError) as error:
        raise OpenIdError("Der Anmeldedienst hat die Anmeldung nicht bestätigt.") from error
    return identity_of(provider.issuer, token.claims)


def identity_of(issuer: str, claims: dict[str, Any]) -> Identity:
    """The identity in validated ID-token claims."""
    subject = str(claims["sub"])
    email = claims.get("email") if isinstance(claims.get("email"), str) else None
    username = str(claims.get("preferred_username") or email or subject)[:80]
    name = str(claims.get("name") or username)[:200]
    return Identity(f"{issuer}|{subject}"[:300], name, email, username)
