"""Password hashing with Argon2id; hashes are upgraded when the parameters change."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

HASHER = PasswordHasher()  # Argon2id with the library's current recommended parameters
MIN_LENGTH = 12
# Checked against when the account does not exist, so a missing account takes as long.
_DUMMY_HASH = HASHER.hash("keine Anmeldung ohne Konto")


def hash_password(password: str) -> str:
    """The Argon2id hash of `password`."""
    return HASHER.hash(password)


def password_matches(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; takes the same time when there is no hash."""
    try:
        return HASHER.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's."""
    return HASHER.check_needs_rehash(password_hash)


def password_problem(password: str, username: str) -> str | None:
    """Why `password` is not acceptable (German), or None."""
    if len(password) < MIN_LENGTH:
        return f"Das Passwort muss mindestens {MIN_LENGTH} Zeichen lang sein."
    if username.casefold() in password.casefold():
        return "Das Passwort darf den Benutzernamen nicht enthalten."
    return None
