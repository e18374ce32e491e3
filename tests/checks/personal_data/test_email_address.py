"""E-mail addresses: table of (text, expected addresses), plus how personal they look."""

import pytest

from leitplanke.checks.personal_data import detect_personal_data
from tests.checks.personal_data.spans import found

CASES = [
    (
        "plain address",
        "Schreiben Sie an max.mustermann@example.org.",
        ["max.mustermann@example.org"],
    ),
    ("subdomain", "Kontakt: a.b@ba-mitte.berlin.de", ["a.b@ba-mitte.berlin.de"]),
    ("plus and digits", "test+news2025@web.de bitte", ["test+news2025@web.de"]),
    ("umlaut local part", "jürgen.müller@gmx.de", ["jürgen.müller@gmx.de"]),
    ("no top-level domain", "user@localhost ist keine Adresse", []),
    ("handle, not address", "Folgt @senatskanzlei auf Mastodon", []),
    ("mastodon handle", "@berlin@berlin.social", []),
    ("at sign in prose", "Treffen @ Rathaus um 10 Uhr", []),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_email_addresses_are_found(note, text, want):
    assert found(text, ["EMAIL"]).get("EMAIL", []) == want


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("presse@senatskanzlei.berlin.de", 0.6),
        ("anna.schmidt@berlin.de", 1.0),
        ("kontakt-team@berlin.de", 0.6),
        ("xk42@berlin.de", 0.85),
    ],
)
def test_functional_mailboxes_score_lower_than_personal_ones(text, score):
    (entity,) = detect_personal_data(text, ["EMAIL"])
    assert entity.score == score
