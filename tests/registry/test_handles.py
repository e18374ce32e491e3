"""Handles: stored as entered, compared without case, compatibility variants and a leading "@"."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leitplanke.registry.handles import MAX_LENGTH, parse_handle

CASES = [
    # note, input, (text, key)
    ("X handle with @", "@Senatskanzlei", ("@Senatskanzlei", "senatskanzlei")),
    ("Instagram name without @", "senatskanzlei", ("senatskanzlei", "senatskanzlei")),
    ("spaces around are dropped", "  @berlin  ", ("@berlin", "berlin")),
    ("Mastodon with server", "@Name@Berlin.Social", ("@Name@Berlin.Social", "name@berlin.social")),
    ("Mastodon without first @", "name@berlin.social", ("name@berlin.social",) * 2),
    ("dots, dashes, underscores", "@Presse_1.de-b", ("@Presse_1.de-b", "presse_1.de-b")),
    ("German sharp s folds", "@Straße", ("@Straße", "strasse")),
    ("full-width letters fold", "＠ｂｅｒｌｉｎ", ("＠ｂｅｒｌｉｎ", "berlin")),
    ("umlaut server", "@amt@bürgeramt.de", ("@amt@bürgeramt.de", "amt@bürgeramt.de")),
]  # fmt: skip

PROBLEMS = [
    # note, input, words of the message
    ("empty", "", "fehlt"),
    ("only @", "@", "fehlt"),
    ("two @ in front", "@@berlin", "höchstens ein @"),
    ("space inside", "berlin presse", "Leer"),
    ("tab inside", "berlin\tpresse", "Leer"),
    ("zero-width space", "berlin\u200bpresse", "Leer"),
    ("a URL", "https://x.com/berlin", "nicht die Adresse"),
    ("a path", "berlin/presse", "nicht die Adresse"),
    ("server missing", "@name@", "Serverangabe"),
    ("server without dot", "@name@localhost", "Serverangabe"),
    ("three parts", "@a@b@c.de", "Serverangabe"),
    ("server label with dash at end", "@a@b-.de", "Serverangabe"),
    ("too long", "a" * (MAX_LENGTH + 1), "zu lang"),
    ("key too long after folding", "ß" * (MAX_LENGTH // 2 + 1), "zu lang"),
]


@pytest.mark.parametrize(("note", "raw", "want"), CASES, ids=[case[0] for case in CASES])
def test_handles_are_stored_as_entered_and_keyed_without_case(note, raw, want):
    handle = parse_handle(raw)
    assert (handle.text, handle.key) == want


@pytest.mark.parametrize(("note", "raw", "words"), PROBLEMS, ids=[case[0] for case in PROBLEMS])
def test_what_is_not_a_handle_is_refused_with_a_german_reason(note, raw, words):
    with pytest.raises(ValueError, match=words):
        parse_handle(raw)


def test_the_longest_handle_is_accepted():
    assert parse_handle("a" * MAX_LENGTH).key == "a" * MAX_LENGTH


NAME = st.text(alphabet=string.ascii_letters + string.digits + "._-", min_size=1, max_size=60)
SERVER = st.lists(
    st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=12),
    min_size=2,
    max_size=4,
).map(".".join)
ANY_TEXT = st.text(min_size=1, max_size=80)


@given(NAME)
def test_a_leading_at_and_case_do_not_change_the_key(name):
    key = parse_handle(name).key
    assert parse_handle("@" + name).key == key
    assert parse_handle(name.upper()).key == key
    assert parse_handle("@" + name.swapcase()).key == key


@given(NAME, SERVER)
def test_server_handles_keep_the_server_in_the_key(name, server):
    handle = parse_handle(f"@{name.upper()}@{server.upper()}")
    assert handle.key == f"{name.lower()}@{server}"
    assert parse_handle(f"{name}@{server}").key == handle.key


@given(ANY_TEXT)
def test_a_key_is_its_own_key_and_never_begins_with_at(raw):
    try:
        handle = parse_handle(raw)
    except ValueError:
        return
    assert not handle.key.startswith("@")
    assert parse_handle(handle.key).key == handle.key
    assert parse_handle(handle.text).key == handle.key


@given(ANY_TEXT)
def test_a_handle_has_no_whitespace_and_fits_the_column(raw):
    try:
        handle = parse_handle(raw)
    except ValueError:
        return
    for form in (handle.text, handle.key):
        assert form and len(form) <= MAX_LENGTH
        assert not any(character.isspace() for character in form)
