"""Who is asking: the database session of a request, the signed-in user, permissions, CSRF.

Routes declare what they need with the `Annotated` aliases here: `DatabaseDep` (a session,
committed by the route), `ViewerDep` (the signed-in user or None), `requires(permission)` (a
signed-in user holding it, else 401/login or 403) and `CsrfDep` (for every unsafe request of a
signed-in user: the session's token in the form field `csrf_token` or the `X-CSRF-Token` header).
"""

from collections.abc import Callable, Iterator
from typing import Annotated, cast

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from leitplanke.accounts.roles import Permission, allows
from leitplanke.accounts.sessions import SignedIn, signed_in, tokens_match
from leitplanke.audit.chain import Actor
from leitplanke.settings import Settings

SESSION_COOKIE = "leitplanke_session"
ANONYMOUS_COOKIE = "leitplanke_form"  # nonce binding the CSRF token of the login form
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class LoginRequired(Exception):  # noqa: N818  (a signal, handled as 401 or redirect)
    """The request needs a signed-in user and has none."""


class Forbidden(Exception):  # noqa: N818
    """The signed-in user may not do this; `message` says why (German)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CsrfRejected(Exception):  # noqa: N818
    """An unsafe request of a signed-in user without the session's CSRF token."""


def settings_of(request: Request) -> Settings:
    """The app's settings."""
    return cast(Settings, request.app.state.settings)


SettingsDep = Annotated[Settings, Depends(settings_of)]


def database_session(request: Request) -> Iterator[Session]:
    """A database session for the request; what the route does not commit is rolled back."""
    sessions = cast(sessionmaker[Session], request.app.state.sessions)
    with sessions() as session:
        yield session


DatabaseDep = Annotated[Session, Depends(database_session)]


def viewer(request: Request, session: DatabaseDep) -> SignedIn | None:
    """The signed-in user of the request, or None for the public; kept on `request.state` for
    the page layout."""
    found = signed_in(session, request.cookies.get(SESSION_COOKIE))
    request.state.viewer = found
    if found is not None:
        request.state.csrf_token = found.csrf_token
    return found


ViewerDep = Annotated[SignedIn | None, Depends(viewer)]


async def csrf_checked(request: Request, who: ViewerDep) -> None:
    """Refuses an unsafe request of a signed-in user that lacks the session's CSRF token."""
    if who is None or request.method in SAFE_METHODS:
        return
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not tokens_match(given, who.csrf_token):
        raise CsrfRejected


CsrfDep = Annotated[None, Depends(csrf_checked)]


def requires(permission: Permission) -> Callable[..., SignedIn]:
    """A dependency: the signed-in user if the role holds `permission` (CSRF checked for
    unsafe methods); LoginRequired for the public, Forbidden otherwise."""

    def dependency(who: ViewerDep, _csrf: CsrfDep) -> SignedIn:
        if who is None:
            raise LoginRequired
        if not allows(who.user.role, permission):
            raise Forbidden("Ihre Rolle erlaubt diese Aktion nicht.")
        return who

    return dependency


def actor_of(who: SignedIn) -> Actor:
    """The audit log's actor for a signed-in user."""
    return Actor(who.user.id, who.user.username)


SignedInDep = Annotated[SignedIn, Depends(requires(Permission.READ_INTERNAL))]
