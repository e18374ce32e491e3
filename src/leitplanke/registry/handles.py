"""Account names ("handles") on platforms: checked, and reduced to a key that finds duplicates.

A handle is stored as entered (trimmed, NFC); its key ignores case, Unicode compatibility
variants and a leading "@", so `@Senatskanzlei`, `senatskanzlei` and `SENATSKANZLEI` are the
same account. A handle with a server part (`@name@berlin.social`, as on Mastodon and other
federated platforms) keeps the server in its key: `name@berlin.social`.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_LENGTH = 200  # the column's length, for the handle and its key
# Characters of addresses, not of account names: whoever types them pasted a URL.
URL_CHARACTERS = frozenset("/\\?#<>\"'")
DOMAIN_LABEL = re.compile(r"[^\W_](?:[^\W_]|-){0,62}")


@dataclass(frozen=True)
class Handle:
    """An account name as stored (`text`) and as compared (`key`)."""

    text: str
    key: str


def fold(text: str) -> str:
    """`text` without case and compatibility variants (NFKC and case folding, to a fixed point)."""
    for _ in range(4):
        folded = unicodedata.normalize("NFKC", text.casefold())
        if folded == text:
            break
        text = folded
    return text


def _character_problem(text: str) -> str | None:
    for character in text:
        if character.isspace() or unicodedata.category(character).startswith(("C", "Z")):
            return "Der Kontoname darf keine Leer- oder Steuerzeichen enthalten."
        if character in URL_CHARACTERS:
            return "Bitte nur den Kontonamen angeben, nicht die Adresse des Kontos."
    return None


def _is_domain(host: str) -> bool:
    labels = host.split(".")
    return len(labels) >= 2 and all(
        DOMAIN_LABEL.fullmatch(label) and not label.endswith("-") for label in labels
    )


def parse_handle(raw: str) -> Handle:
    """The handle in `raw`; ValueError with a German message when it is not a handle."""
    text = unicodedata.normalize("NFC", raw.strip())
    folded = fold(text)
    for form in (text, folded):  # compatibility variants may fold to such characters
        if problem := _character_problem(form):
            raise ValueError(problem)
    key = folded.removeprefix("@")
    if not key:
        raise ValueError("Der Kontoname fehlt.")
    if key.startswith("@"):
        raise ValueError("Vor dem Kontonamen steht höchstens ein @.")
    user, at, server = key.partition("@")
    if at and (not user or not _is_domain(server)):
        raise ValueError(
            "Ein Konto mit Serverangabe hat die Form @name@server.example (ein @ vor dem Server)."
        )
    if len(text) > MAX_LENGTH or len(key) > MAX_LENGTH:
        raise ValueError(f"Der Kontoname ist zu lang (höchstens {MAX_LENGTH} Zeichen).")
    return Handle(text, key)
