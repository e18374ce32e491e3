"""Login throttling: too many failures per account name or client address within a window."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from leitplanke.accounts.tables import LoginAttempt
from leitplanke.database.base import now


@dataclass(frozen=True)
class LoginLimits:
    """How many failures are allowed within `window` per account name and per address."""

    per_account: int
    per_address: int
    window: timedelta


def blocked_for(session: Session, limits: LoginLimits, username: str, address: str) -> int:
    """Seconds until another attempt is allowed; 0 if one is allowed now."""
    since = now() - limits.window
    oldest_blocking = []
    for column, value, limit in (
        (LoginAttempt.username, username.casefold(), limits.per_account),
        (LoginAttempt.address, address, limits.per_address),
    ):
        count, oldest = session.execute(
            select(func.count(), func.min(LoginAttempt.at)).where(
                column == value, LoginAttempt.at > since
            )
        ).one()
        if count >= limit and oldest is not None:
            oldest_blocking.append(oldest)
    if not oldest_blocking:
        return 0
    earliest = min(oldest_blocking)  # aware: min() keeps the column's type
    return max(1, int((earliest + limits.window - now()).total_seconds()) + 1)


def record_failure(session: Session, username: str, address: str) -> None:
    """Counts a failed login."""
    session.add(LoginAttempt(username=username.casefold()[:80], address=address[:64], at=now()))


def forget_failures(session: Session, username: str) -> None:
    """Clears an account's failures after a successful login; old rows go too."""
    session.execute(
        delete(LoginAttempt).where(
            (LoginAttempt.username == username.casefold())
            | (LoginAttempt.at < now() - timedelta(days=1))
        )
    )
