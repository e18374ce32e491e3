"""Login sessions: a random token in the cookie, its hash in the database, a CSRF token each."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from leitplanke.accounts.tables import LoginSession, User
from leitplanke.database.base import now


def token_hash(token: str) -> str:
    """The SHA-256 of a session token, as stored."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SignedIn:
    """A user with a valid session and that session's CSRF token."""

    user: User
    csrf_token: str
    token_hash: str


def start_session(session: Session, user: User, hours: int) -> tuple[str, LoginSession]:
    """A new session for `user`: the token for the cookie and the stored row."""
    token = secrets.token_urlsafe(32)
    row = LoginSession(
        token_hash=token_hash(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now(),
        expires_at=now() + timedelta(hours=hours),
    )
    session.add(row)
    session.execute(delete(LoginSession).where(LoginSession.expires_at < now()))
    return token, row


def signed_in(session: Session, token: str | None) -> SignedIn | None:
    """The active user whose unexpired session has `token`, or None."""
    if not token:
        return None
    found = session.execute(
        select(LoginSession, User)
        .join(User, User.id == LoginSession.user_id)
        .where(LoginSession.token_hash == token_hash(token), LoginSession.expires_at > now())
    ).first()
    if found is None or not found[1].active:
        return None
    row, user = found
    return SignedIn(user, row.csrf_token, row.token_hash)


def end_session(session: Session, hashed: str) -> None:
    """Ends the session with the token hash `hashed`."""
    session.execute(delete(LoginSession).where(LoginSession.token_hash == hashed))


def end_sessions_of(session: Session, user_id: int) -> None:
    """Ends every session of a user (password changed, account deactivated)."""
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))


def anonymous_csrf_token(secret: bytes, nonce: str) -> str:
    """The CSRF token of a form shown before login, bound to the nonce in its cookie."""
    return hmac.new(secret, f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def tokens_match(given: str | None, expected: str) -> bool:
    """Constant-time comparison of a submitted token with the expected one."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())
