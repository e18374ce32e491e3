"""The shared pass: it tells the same detectors and pattern gates apart as Python would."""

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leitplanke.checks.personal_data import (
    REGISTRY,
    Detector,
    DetectorRegistry,
    Pattern,
    detect_personal_data,
)
from leitplanke.checks.personal_data.prefilter import Prefilter, shared_syntax
from tests.checks.personal_data.test_properties import FRAGMENTS

CORPUS = Path(__file__).resolve().parents[2] / "data" / "posts" / "corpus.jsonl"
POSTS = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
PREFILTER = REGISTRY.plan(None)
# Letters, digits, punctuation and symbols of German posts (no letters whose case folding
# differs between Python and Hyperscan, such as the Kelvin sign).
ALPHABET = st.sampled_from(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüßÄÖÜéÉ0123456789"
    " \u00a0\n.,:;!?-–/()[]@#*+'’„“\"§%&€🚧🌷"
)
TEXTS = st.one_of(
    st.text(ALPHABET, max_size=200),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ALPHABET, max_size=6)), max_size=20).map(
        "".join
    ),
)


def in_python(prefilter: Prefilter, text: str) -> int:
    """The bits the pass gives `text`, found by Python's `re` and substring search."""
    lower = text.lower()
    return prefilter.always | sum(step.fired_in_python(text, lower) for step in prefilter.steps)


@pytest.mark.parametrize("text", POSTS[::3])
def test_the_pass_fires_as_python_does_on_corpus_posts(text):
    assert PREFILTER.fired(text) == in_python(PREFILTER, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_the_pass_fires_as_python_does_on_any_text(text):
    assert PREFILTER.fired(text) == in_python(PREFILTER, text)


def test_a_text_with_other_digits_is_screened_in_python():
    text = "Tel. ٠٣٠ ١٢٣٤٥٦٧٨ oder IBAN DE89 3704 0044 0532 0130 00"
    assert PREFILTER.fired(text) == in_python(PREFILTER, text)
    assert [entity.kind for entity in detect_personal_data(text)] == ["IBAN"]


@pytest.mark.parametrize(
    ("regex", "want"),
    [
        (r"(?:^|[^\d.,:])0\d\d", r"(?:^|[^0-9.,:])0[0-9][0-9]"),
        (r"[ \u00a0]\d", r"[ \x{00a0}][0-9]"),
        (r"[]\d]x", r"[]0-9]x"),
        (r"\D\.", r"[^0-9]\."),
        (r"\\d", r"\\d"),
        (r"[\D]", None),
        (r"(?<=x)\d", r"(?<=x)[0-9]"),
        (r"\bWort\b", None),
        (r"\s+", None),
        (r"a{,3}", None),
        (r"(?i)abc", None),
    ],
    ids=[
        "digits outside and inside a class",
        "unicode escape",
        "bracket as first member",
        "non-digit",
        "escaped backslash",
        "non-digit inside a class",
        "look-behind (compiled later, then refused)",
        "word boundary",
        "whitespace",
        "python-only repeat",
        "inline flag",
    ],
)
def test_gates_are_written_in_the_syntax_of_the_pass(regex, want):
    assert shared_syntax(regex) == want


def test_gates_the_pass_cannot_run_are_asked_in_python():
    registry = DetectorRegistry()
    registry.add(
        Detector(
            name="customer_number",
            kind="CUSTOMER_NUMBER",
            patterns=(Pattern(r"KD-\d{6}", 0.9, "Kundennummer"),),
            gate=r"(?<=K)D-\d",  # a look-behind: Hyperscan refuses it
        )
    )
    registry.add(
        Detector(
            name="order_number",
            kind="ORDER_NUMBER",
            patterns=(Pattern(r"\bBE-\d{4}\b", 0.8, "Bestellnummer", gate=lambda t: "BE-" in t),),
            gate=lambda text: "-" in text,
        )
    )
    found = detect_personal_data("KD-123456 und BE-1234", registry=registry)
    assert [(entity.kind, entity.start, entity.end) for entity in found] == [
        ("CUSTOMER_NUMBER", 0, 9),
        ("ORDER_NUMBER", 14, 21),
    ]
    assert detect_personal_data("KA-123456 und BX-1234", registry=registry) == []


def test_threads_scan_with_their_own_scratch_space():
    texts = POSTS * 3
    expected = [detect_personal_data(text) for text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(detect_personal_data, texts)) == expected


def test_every_built_in_regex_gate_runs_in_the_pass():
    gates = [
        gate
        for detector in REGISTRY
        if detector.gate is not None
        for gate in (detector.gate, *(pattern.gate for pattern in detector.patterns))
        if gate is not None
    ]
    assert gates
    assert all(isinstance(gate, str) and shared_syntax(gate) for gate in gates)
    assert all(step.check is None for step in PREFILTER.steps)
    for gate in gates:  # the same text is Python's gate for `Detector.detect`
        assert isinstance(gate, str)
        re.compile(gate)


# Candidates that the gates and triggers must let through, beside the general fragments.
CANDIDATES = [
    "Az.\u00a012/34",
    "Gz\u00a0II A 12/2023",
    "12 O 345/21",
    "XII ZR 123/20",
    "VG 1 K 123/20",
    "ATU13585627",
    "CHE-116.281.710 MWST",
    "DE 136695976",
    "DE89370400440532013000",
    "GB82 WEST 1234 5698 7654 32",
    "12/815/08150",
    "36 574 261 809",
    "Reisepass Nr. U 20418873",
]
CANDIDATE_TEXTS = st.lists(
    st.one_of(st.sampled_from(CANDIDATES + FRAGMENTS), st.text(ALPHABET, max_size=6)),
    max_size=12,
).map("".join)


def found_by_each_detector(text: str, gated: bool) -> dict[str, list[tuple[int, int, float]]]:
    """The candidates of each detector in `text` that reach the default threshold (0.5): as the
    engine runs it (after triggers and gates) or with every pattern run regardless of gates.
    (Below it, a detector may skip by design: a date without a birth word scores 0.1.)"""
    fired = PREFILTER.fired(text)
    found = {}
    for step in PREFILTER.steps:
        detector = step.detector
        if gated:
            runs = bool(fired & step.bit) or (step.check is not None and bool(step.check(text)))
            entities = list(step.scan(text, fired)) if runs else []
        else:
            entities = detector.scan(text, detector.patterns)
        found[detector.name] = sorted((e.start, e.end, e.score) for e in entities if e.score >= 0.5)
    return found


@pytest.mark.parametrize("text", POSTS[1::3] + CANDIDATES)
def test_triggers_and_gates_hide_no_candidate_of_a_corpus_post(text):
    assert found_by_each_detector(text, gated=True) == found_by_each_detector(text, gated=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CANDIDATE_TEXTS)
def test_triggers_and_gates_hide_no_candidate_of_any_text(text):
    assert found_by_each_detector(text, gated=True) == found_by_each_detector(text, gated=False)
