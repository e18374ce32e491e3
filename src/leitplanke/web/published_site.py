"""The publication the web app serves: rendered once at start-up, other views on first request."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from threading import Lock
from typing import TypeVar

from leitplanke.publish.publication import Artifact, Publication
from leitplanke.publish.renderers import render_all
from leitplanke.rulebook.diff import RulebookDiff, diff_rulebooks
from leitplanke.rulebook.versions import RulebookHistory, load_history

T = TypeVar("T")


@dataclass
class PublishedSite:
    """The current publication with all its artifacts in memory, plus a memo of derived views.

    Derived views (older versions, filtered subsets, single rules) come from a finite vocabulary,
    so the memo stays bounded.
    """

    publication: Publication
    artifacts: dict[str, Artifact]
    _memo: dict[tuple[str, ...], object] = field(default_factory=dict, repr=False)
    _lock: Lock = field(default_factory=Lock, repr=False)

    @classmethod
    def load(
        cls, rulebook_dir: Path, base_url: str, app_links: tuple[tuple[str, str], ...] = ()
    ) -> "PublishedSite":
        """Load a rulebook folder with its versions and render every artifact.

        `app_links` are the web app's own pages, linked from every page's navigation.
        """
        publication = Publication(load_history(rulebook_dir), base_url, app_links)
        return cls(publication, {artifact.path: artifact for artifact in render_all(publication)})

    @property
    def current_version(self) -> str:
        """The label of the newest version."""
        return self.publication.rulebook.meta.version

    @property
    def version_labels(self) -> list[str]:
        """Every published version, oldest first."""
        return [rulebook.meta.version for rulebook in self.publication.history.versions]

    def as_of(self, version: str) -> Publication:
        """The publication as it was when `version` was the newest; KeyError if unknown."""
        labels = self.version_labels
        if version not in labels:
            raise KeyError(version)
        if version == self.current_version:
            return self.publication
        versions = self.publication.history.versions[: labels.index(version) + 1]
        return self.memo(
            ("as_of", version),
            lambda: replace(self.publication, history=RulebookHistory(versions)),
        )

    def diff(self, old: str, new: str) -> RulebookDiff:
        """What changed from version `old` to version `new`; KeyError if either is unknown."""
        history = self.publication.history
        before, after = history.version(old), history.version(new)
        return self.memo(("diff", old, new), lambda: diff_rulebooks(before, after))

    def memo(self, key: tuple[str, ...], make: Callable[[], T]) -> T:
        """The value remembered under `key`, made by `make` the first time."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]  # type: ignore[return-value]
        value = make()
        with self._lock:
            self._memo.setdefault(key, value)
        return value
