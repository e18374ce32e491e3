"""Detectors by name: list, add and remove them; a duplicate name fails."""

from collections.abc import Collection, Iterable, Iterator

from leitplanke.checks.personal_data.detector import Detector
from leitplanke.checks.personal_data.prefilter import Prefilter


class DetectorRegistry:
    """The detectors that `detect_personal_data` runs, keyed by their unique name."""

    def __init__(self, detectors: Iterable[Detector] = ()) -> None:
        self._detectors: dict[str, Detector] = {}
        self._plans: dict[frozenset[str] | None, Prefilter] = {}
        for detector in detectors:
            self.add(detector)

    def add(self, detector: Detector) -> None:
        """Registers `detector`; ValueError if its name is taken."""
        if detector.name in self._detectors:
            raise ValueError(f"Detektor {detector.name!r} ist bereits registriert")
        self._detectors[detector.name] = detector
        self._plans.clear()

    def remove(self, name: str) -> Detector:
        """Unregisters and returns the detector called `name`; KeyError if there is none."""
        detector = self._detectors.pop(name)
        self._plans.clear()
        return detector

    def names(self) -> list[str]:
        """The names of all detectors, in registration order."""
        return list(self._detectors)

    def kinds(self) -> set[str]:
        """Every kind that at least one detector finds."""
        return {detector.kind for detector in self._detectors.values()}

    def for_kinds(self, kinds: Collection[str] | None) -> tuple[Detector, ...]:
        """The detectors of `kinds` (all if None); ValueError for a kind no detector finds."""
        return self.plan(kinds).detectors

    def plan(self, kinds: Collection[str] | None) -> Prefilter:
        """The detectors of `kinds` (all if None) with their joint triggers and gates, built
        once."""
        key = None if kinds is None else frozenset(kinds)
        plan = self._plans.get(key)
        if plan is None:
            if key is not None and (unknown := key - self.kinds()):
                raise ValueError(f"unbekannte Arten personenbezogener Daten: {sorted(unknown)}")
            selected = tuple(
                detector
                for detector in self._detectors.values()
                if key is None or detector.kind in key
            )
            plan = self._plans[key] = Prefilter(selected)
        return plan

    def __getitem__(self, name: str) -> Detector:
        return self._detectors[name]

    def __contains__(self, name: object) -> bool:
        return name in self._detectors

    def __iter__(self) -> Iterator[Detector]:
        return iter(tuple(self._detectors.values()))

    def __len__(self) -> int:
        return len(self._detectors)
