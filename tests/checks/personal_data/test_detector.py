"""A detector as data: patterns, context words, counter-context, validation, gate."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leitplanke.checks.personal_data import Detector, Pattern
from leitplanke.checks.personal_data.detector import WordList

CODE = Detector(
    name="code",
    kind="CODE",
    patterns=(Pattern(r"\b[A-Z]{3}\d{3}\b", 0.5, "Code"),),
    context=("Kennung", "Code*"),
    counter_context=("Beispiel",),
    context_boost=0.3,
    validate=lambda value: not value.startswith("XXX"),
    gate=r"\d",
)


def scores(text: str) -> list[tuple[str, float]]:
    return [(text[e.start : e.end], e.score) for e in CODE.detect(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ABC123", [("ABC123", 0.5)]),
        ("Kennung ABC123", [("ABC123", 0.8)]),
        ("Codenummer: ABC123", [("ABC123", 0.8)]),
        ("Beispiel ABC123", [("ABC123", 0.2)]),
        ("XXX123", []),
        ("ABCDEF", []),
    ],
    ids=["base score", "context word", "context prefix", "counter context", "invalid", "gated"],
)
def test_scores_follow_base_score_context_and_validation(text, want):
    assert scores(text) == want


def test_the_reason_names_the_context_word():
    (entity,) = CODE.detect("Kennung: ABC123")
    assert entity.reason == "Code; Kontextwort „Kennung“"


def test_a_detector_needs_patterns_or_a_finder():
    with pytest.raises(ValueError, match="patterns"):
        Detector(name="empty", kind="EMPTY")


@pytest.mark.parametrize(
    ("words", "text", "want"),
    [
        (["IP"], "Ihre IP lautet", "IP"),
        (["IP"], "mein iPhone", None),
        (["Tel."], "Tel.: 030", "Tel."),
        (["Telefon*"], "Telefonnummer", "Telefon"),
        (["*"], "* 12.03.1985", "*"),
        (["*"], "Bürger*innen", None),
    ],
)
def test_context_words_match_whole_words_or_prefixes(words, text, want):
    assert WordList(words).search(text) == want


CONTEXT_WORDS = WordList(("Tel.", "Tel", "Fax*", "ab", "*", "Nummer"))


@given(
    st.text(alphabet="Tel.Faxb* 0123abNumer\n-", max_size=40),
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=30),
)
def test_searching_around_a_candidate_finds_what_the_search_before_then_after_finds(
    text: str, start: int, length: int, window: int, window_after: int
) -> None:
    start = min(start, len(text))
    end = min(start + length, len(text))
    before, after = max(0, start - window), end + window_after
    lower = text.lower()
    separately = CONTEXT_WORDS.search_in(text, lower, before, start) or CONTEXT_WORDS.search_in(
        text, lower, end, after
    )
    assert CONTEXT_WORDS.search_around(text, lower, before, start, end, after) == separately
