"""`detect_personal_data`: kinds, threshold, overlap resolution, public surface."""

import itertools

import leitplanke.checks.personal_data as personal_data
from leitplanke.checks.personal_data import Entity, detect_personal_data, resolve_overlaps

POST = (
    "Herr Müller (geb. 12.03.1985) wohnt in der Musterstraße 12, 10115 Berlin. "
    "Tel. 030 12345678, max.mueller@example.org, IBAN DE89 3704 0044 0532 0130 00."
)


def test_a_post_with_much_personal_data_yields_every_kind_once():
    kinds = [entity.kind for entity in detect_personal_data(POST)]
    assert kinds == ["PERSON", "DATE_OF_BIRTH", "ADDRESS", "PHONE", "EMAIL", "IBAN"]


def test_entities_are_ordered_and_do_not_overlap():
    entities = detect_personal_data(POST)
    for earlier, later in itertools.pairwise(entities):
        assert earlier.end <= later.start


def test_kinds_restrict_the_detectors():
    assert [entity.kind for entity in detect_personal_data(POST, ["IBAN"])] == ["IBAN"]


def test_min_score_filters_weak_entities():
    assert detect_personal_data("Anna kommt.", min_score=0.3)
    assert not detect_personal_data("Anna kommt.")


def test_of_overlapping_entities_the_higher_score_wins():
    weak, strong = Entity("A", 0, 10, 0.6, ""), Entity("B", 5, 8, 0.9, "")
    assert resolve_overlaps([weak, strong]) == [strong]


def test_of_equally_scored_overlapping_entities_the_longer_wins():
    short, long = Entity("A", 0, 5, 0.8, ""), Entity("B", 0, 10, 0.8, "")
    assert resolve_overlaps([short, long]) == [long]


def test_an_empty_text_has_no_personal_data():
    assert detect_personal_data("") == []


def test_the_public_surface_is_listed():
    assert set(personal_data.__all__) == {
        "KINDS",
        "REGISTRY",
        "Detector",
        "DetectorRegistry",
        "Entity",
        "Pattern",
        "detect_personal_data",
        "resolve_overlaps",
    }
    for name in personal_data.__all__:
        assert hasattr(personal_data, name)
