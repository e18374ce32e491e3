"""What every renderer receives: the rulebook history, its URIs, and the published document."""

from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from leitplanke.rulebook.model import Rule, Rulebook
from leitplanke.rulebook.versions import RulebookHistory

if TYPE_CHECKING:
    from leitplanke.publish.document import PublishedRulebook


@dataclass(frozen=True)
class Artifact:
    """One published file: its path relative to the output folder, media type and bytes."""

    path: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class Publication:
    """A rulebook history about to be published under a base URL.

    `app_links` are pages only the web app serves, as (label, path) for the site navigation;
    the static site has none.
    """

    history: RulebookHistory
    base_url: str
    app_links: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not self.base_url.endswith("/"):
            object.__setattr__(self, "base_url", self.base_url + "/")

    @property
    def rulebook(self) -> Rulebook:
        """The version being published (the newest)."""
        return self.history.current

    @property
    def rulebook_uri(self) -> str:
        """The rulebook as a work, independent of version."""
        return f"{self.base_url}rulebook"

    def version_uri(self, version: str) -> str:
        """One version of the rulebook (an ELI expression)."""
        return f"{self.base_url}versions/{version}"

    def rule_uri(self, rule_id: str) -> str:
        """A rule as a work, independent of version."""
        return f"{self.base_url}rules/{rule_id}"

    def rule_version_uri(self, version: str, rule_id: str) -> str:
        """A rule as worded in one version."""
        return f"{self.version_uri(version)}/rules/{rule_id}"

    def file_url(self, path: str) -> str:
        """Where a published file is downloaded from."""
        return f"{self.base_url}{path}"

    def rule_page_path(self, rule_id: str) -> str:
        """Path of a rule's HTML page in the published site."""
        return f"rules/{rule_id}.html"

    @cached_property
    def document(self) -> "PublishedRulebook":
        """The published document, built once and shared by all renderers."""
        from leitplanke.publish.document import build_document

        return build_document(self)

    def restricted_to(self, rules: tuple[Rule, ...]) -> "Publication":
        """The same publication with the current version reduced to `rules` (for filtered views)."""
        current = self.history.current.model_copy(update={"rules": rules})
        history = RulebookHistory((*self.history.versions[:-1], current))
        return replace(self, history=history)
