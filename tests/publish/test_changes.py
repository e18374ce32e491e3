"""The version history publication, changes.json."""

import json
from itertools import pairwise

from leitplanke.publish.changes import render_changes


def test_changes_list_every_version_with_the_diff_to_its_predecessor(publication):
    (artifact,) = render_changes(publication)
    history = json.loads(artifact.content)
    versions = history["versions"]
    assert [v["version"] for v in versions] == [
        v.meta.version for v in publication.history.versions
    ]
    assert versions[0]["changes_since_previous"] is None
    for previous, entry in pairwise(versions):
        diff = entry["changes_since_previous"]
        assert (diff["old_version"], diff["new_version"]) == (previous["version"], entry["version"])
