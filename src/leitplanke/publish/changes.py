"""Version-history renderer: `changes.json`, every version and its diff to the previous one."""

from itertools import pairwise

from pydantic import BaseModel, ConfigDict

from leitplanke.publish.json_document import json_bytes
from leitplanke.publish.publication import Artifact, Publication
from leitplanke.rulebook.diff import RulebookDiff, diff_rulebooks


class VersionChanges(BaseModel):
    """One version and what changed since the version before it."""

    model_config = ConfigDict(frozen=True)

    version: str
    uri: str
    adopted: str
    valid_from: str
    rule_count: int
    changes_since_previous: RulebookDiff | None


class ChangeHistory(BaseModel):
    """The version history of a rulebook, oldest version first."""

    model_config = ConfigDict(frozen=True)

    rulebook: str
    versions: list[VersionChanges]


def consecutive_diffs(publication: Publication) -> list[RulebookDiff]:
    """The diff between each pair of consecutive versions, oldest first."""
    return [diff_rulebooks(old, new) for old, new in pairwise(publication.history.versions)]


def change_history(publication: Publication) -> ChangeHistory:
    """The history as published in `changes.json`."""
    diffs: list[RulebookDiff | None] = [None, *consecutive_diffs(publication)]
    return ChangeHistory(
        rulebook=publication.rulebook_uri,
        versions=[
            VersionChanges(
                version=version.meta.version,
                uri=publication.version_uri(version.meta.version),
                adopted=version.meta.adopted.isoformat(),
                valid_from=version.meta.valid_from.isoformat(),
                rule_count=len(version.rules),
                changes_since_previous=diff,
            )
            for version, diff in zip(publication.history.versions, diffs, strict=True)
        ],
    )


def render_changes(publication: Publication) -> list[Artifact]:
    """`changes.json`."""
    history = change_history(publication).model_dump(mode="json")
    return [Artifact("changes.json", "application/json", json_bytes(history))]
