"""Creating and changing accounts, with validation and an audit entry for each write."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from leitplanke.accounts.passwords import hash_password, password_problem
from leitplanke.accounts.roles import Role
from leitplanke.accounts.sessions import end_sessions_of
from leitplanke.accounts.tables import User
from leitplanke.audit.chain import Actor, record
from leitplanke.registry.tables import Authority


class AccountError(ValueError):
    """An account cannot be created or changed; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def create_user(
    session: Session,
    actor: Actor,
    *,
    username: str,
    display_name: str,
    role: Role,
    password: str | None = None,
    email: str | None = None,
    authority_id: int | None = None,
    oidc_subject: str | None = None,
) -> User:
    """A new account; AccountError names the field when the input is not acceptable."""
    username = username.strip()
    if not username or len(username) > 80 or any(char.isspace() for char in username):
        raise AccountError("username", "Der Benutzername darf keine Leerzeichen enthalten.")
    taken = session.scalar(
        select(func.count()).where(func.lower(User.username) == username.casefold())
    )
    if taken:
        raise AccountError("username", f"Den Benutzernamen „{username}“ gibt es schon.")
    if password is not None and (problem := password_problem(password, username)):
        raise AccountError("password", problem)
    if role is Role.EDITOR and authority_id is None:
        raise AccountError("authority_id", "Eine Redaktion gehört zu einer Behörde.")
    if authority_id is not None and session.get(Authority, authority_id) is None:
        raise AccountError("authority_id", f"Die Behörde {authority_id} gibt es nicht.")
    user = User(
        username=username,
        display_name=display_name.strip() or username,
        email=email,
        role=role,
        authority_id=authority_id,
        password_hash=hash_password(password) if password is not None else None,
        oidc_subject=oidc_subject,
    )
    session.add(user)
    session.flush()
    record(
        session,
        actor,
        "user.create",
        "user",
        user.id,
        {"username": username, "role": str(role), "authority_id": authority_id},
    )
    return user


def set_password(session: Session, actor: Actor, user: User, password: str) -> None:
    """Sets a new password and ends the account's sessions."""
    if problem := password_problem(password, user.username):
        raise AccountError("password", problem)
    user.password_hash = hash_password(password)
    end_sessions_of(session, user.id)
    record(session, actor, "user.password", "user", user.id, {})
