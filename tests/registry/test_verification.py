"""Is this account official? Handles and addresses as citizens paste them, against the list."""

from datetime import UTC, datetime

import pytest

from leitplanke.registry.schemas import AuthorityPublic, PresencePublic
from leitplanke.registry.tables import PresenceStatus
from leitplanke.registry.verification import address_key, official_accounts, read_account

SENATE = AuthorityPublic(
    id=1, slug="senatskanzlei", name="Senatskanzlei", short_name=None, website=None
)


def presence(presence_id: int, handle: str, url: str | None) -> PresencePublic:
    return PresencePublic(
        id=presence_id,
        name=handle,
        platform="mastodon",
        handle=handle,
        url=url,
        purpose="Test.",
        status=PresenceStatus.ACTIVE,
        status_since=datetime(2026, 1, 1, tzinfo=UTC),
        authority=SENATE,
        imprint_url=None,
        privacy_notice_url=None,
        berlin_de_url=None,
    )


LIST = [
    presence(1, "@senatskanzlei@berlin.social", "https://berlin.social/@senatskanzlei"),
    presence(2, "berlin.bsky.social", None),
    presence(3, "@Berlin", "https://www.instagram.com/berlin/"),
]

# (note, what a citizen pasted, the IDs of the presences it is)
CASES = [
    ("handle as stored", "@senatskanzlei@berlin.social", [1]),
    ("handle in other case", "@SENATSKANZLEI@Berlin.Social", [1]),
    ("handle without @", "senatskanzlei@berlin.social", [1]),
    ("handle without its server", "@senatskanzlei", []),
    ("handle on another server", "@senatskanzlei@evil.example", []),
    ("domain handle", "Berlin.bsky.social", [2]),
    ("handle of the Instagram account", "berlin", [3]),
    ("address as stored", "https://berlin.social/@senatskanzlei", [1]),
    ("address without scheme, with slash", "berlin.social/@senatskanzlei/", [1]),
    ("address with www, query and fragment", "https://www.instagram.com/Berlin/?hl=de#top", [3]),
    ("address of another account", "https://www.instagram.com/berlin_fake/", []),
]


@pytest.mark.parametrize(("text", "want"), [case[1:] for case in CASES], ids=[c[0] for c in CASES])
def test_an_account_is_found_by_handle_or_address(text, want):
    assert [found.id for found in official_accounts(LIST, read_account(text))] == want


@pytest.mark.parametrize("text", ["", "   ", "zwei wörter", "@@doppelt", "https://", "x" * 501])
def test_text_that_names_no_account_is_refused_in_german(text):
    with pytest.raises(ValueError, match=r"[A-ZÄÖÜ]"):
        read_account(text)


def test_an_address_key_ignores_scheme_www_and_trailing_slash():
    assert address_key("http://www.Example.org/A/") == address_key("example.org/a")
    assert address_key("not a host") is None
