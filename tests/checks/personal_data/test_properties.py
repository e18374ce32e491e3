"""Property tests: detection never crashes and spans lie inside the text."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leitplanke.checks.personal_data import KINDS, detect_personal_data

# Fragments that reach every detector's code paths, glued with arbitrary text.
FRAGMENTS = [
    "Herr ",
    "Frau Dr. ",
    "Anna ",
    "Schmidt",
    "Wolf",
    "Bürgermeisterin ",
    "sagt ",
    " ist krank",
    "Muslima",
    "030 1234567",
    "+49 (0)30 ",
    "DE89 3704 0044 0532 0130 00",
    "36574261809",
    "DE136695976",
    "T220001293",
    "B-AB 1234",
    "Musterstraße 12, 10115 Berlin",
    "geb. 12.03.1985",
    "84.132.12.7",
    "fe80::1",
    "Az. 12-3456/2024",
    "max@example.org",
    "@",
    "*",
    "İ",
    "ß",
    "\n",
    ", ",
    ". ",
]
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=25).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_detection_never_crashes_and_spans_lie_inside_the_text(text):
    entities = detect_personal_data(text, min_score=0.0)
    for entity in entities:
        assert 0 <= entity.start < entity.end <= len(text)
        assert 0.0 <= entity.score <= 1.0
        assert entity.kind in KINDS
        assert entity.reason
    for earlier, later in itertools.pairwise(entities):
        assert earlier.end <= later.start
