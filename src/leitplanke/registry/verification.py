"""Is this account official? A handle or an address, looked up in the public list.

Citizens paste what they see: an account name (`@senatskanzlei`, `@name@berlin.social`,
`name.bsky.social`) or the address of the profile (`https://www.instagram.com/name/`). A name
is compared by its key (without case, compatibility variants and a leading "@"; a server part
must match too, so `@name` does not vouch for `@name@elsewhere.example`). An address is
compared without scheme, `www.`, query, fragment, trailing slash and case.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from leitplanke.registry.handles import parse_handle
from leitplanke.registry.schemas import PresencePublic

MAX_LENGTH = 500  # as long as an address may be
ADDRESS_MARKS = ("/", "://")


@dataclass(frozen=True)
class AccountQuery:
    """What was asked for: the text as given, and either a handle key or an address key."""

    text: str
    handle_key: str | None = None
    address_key: str | None = None

    @property
    def is_address(self) -> bool:
        """Whether the text was read as an address (else as an account name)."""
        return self.address_key is not None


def address_key(url: str) -> str | None:
    """`host/path` of an address, in lower case, without `www.` and trailing slash; None if
    `url` names no host."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    if "." not in host:
        return None
    return f"{host}{parts.path.rstrip('/')}".lower()


def read_account(text: str) -> AccountQuery:
    """The account `text` names; ValueError with a German message when it names none."""
    text = text.strip()
    if not text:
        raise ValueError("Bitte geben Sie einen Kontonamen oder eine Adresse ein.")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"Die Eingabe ist zu lang (höchstens {MAX_LENGTH} Zeichen).")
    if any(mark in text for mark in ADDRESS_MARKS) or text.lower().startswith("www."):
        key = address_key(text)
        if key is None:
            raise ValueError("Die Adresse nennt keinen gültigen Server.")
        return AccountQuery(text, address_key=key)
    return AccountQuery(text, handle_key=parse_handle(text).key)


def _handle_key(handle: str) -> str | None:
    try:
        return parse_handle(handle).key
    except ValueError:  # stored before a stricter check: it cannot match
        return None


def official_accounts(
    presences: Sequence[PresencePublic], query: AccountQuery
) -> list[PresencePublic]:
    """The presences of the public list that are the account `query` names."""
    if query.address_key is not None:
        return [
            presence
            for presence in presences
            if presence.url is not None and address_key(presence.url) == query.address_key
        ]
    return [presence for presence in presences if _handle_key(presence.handle) == query.handle_key]
