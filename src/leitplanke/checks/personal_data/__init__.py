"""German personal-data detection: detectors as data, a registry, and `detect_personal_data`."""

from leitplanke.checks.personal_data.detector import Detector, Pattern
from leitplanke.checks.personal_data.engine import REGISTRY, detect_personal_data, resolve_overlaps
from leitplanke.checks.personal_data.entity import KINDS, Entity
from leitplanke.checks.personal_data.registry import DetectorRegistry

__all__ = [
    "KINDS",
    "REGISTRY",
    "Detector",
    "DetectorRegistry",
    "Entity",
    "Pattern",
    "detect_personal_data",
    "resolve_overlaps",
]
