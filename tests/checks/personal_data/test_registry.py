"""The detector registry: list, add and remove detectors; a duplicate name fails."""

import pytest

from leitplanke.checks.personal_data import KINDS, REGISTRY, Detector, DetectorRegistry, Pattern

CUSTOMER_NUMBER = Detector(
    name="customer_number",
    kind="CUSTOMER_NUMBER",
    patterns=(Pattern(r"\bKD-\d{6}\b", 0.9, "Kundennummer"),),
)


def test_the_built_in_registry_covers_every_kind():
    assert REGISTRY.kinds() == set(KINDS)
    assert len(REGISTRY.names()) == len(set(REGISTRY.names())) == len(REGISTRY)


def test_a_detector_can_be_added_and_removed():
    registry = DetectorRegistry(REGISTRY)
    registry.add(CUSTOMER_NUMBER)
    assert "customer_number" in registry
    assert registry["customer_number"] is CUSTOMER_NUMBER
    assert registry.remove("customer_number") is CUSTOMER_NUMBER
    assert "customer_number" not in registry


def test_a_duplicate_name_fails():
    registry = DetectorRegistry([CUSTOMER_NUMBER])
    with pytest.raises(ValueError, match="bereits registriert"):
        registry.add(CUSTOMER_NUMBER)


def test_removing_an_unknown_detector_fails():
    with pytest.raises(KeyError):
        DetectorRegistry().remove("nothing")


def test_detectors_are_selected_by_kind():
    kinds = {detector.kind for detector in REGISTRY.for_kinds(["EMAIL", "PHONE"])}
    assert kinds == {"EMAIL", "PHONE"}


def test_an_unknown_kind_fails():
    with pytest.raises(ValueError, match="unbekannte"):
        REGISTRY.for_kinds(["SHOE_SIZE"])


def test_a_removed_detector_is_no_longer_selected():
    registry = DetectorRegistry(REGISTRY)
    registry.remove("email")
    with pytest.raises(ValueError):
        registry.for_kinds(["EMAIL"])
