"""The served resources in each format: the rulebook, a rule, a list of rules, a version's diff.

Formats are named as in `publish.formats.FORMATS`; each is rendered by the registered renderer
that writes it, for whichever publication the resource needs (an older version, or the current
one restricted to some rules).
"""

from leitplanke.publish.document import PublishedRule
from leitplanke.publish.formats import FORMAT_BY_NAME
from leitplanke.publish.html_site import (
    HTML_MEDIA_TYPE,
    SiteLinks,
    render_diff_html,
    render_index,
    render_rule_page,
)
from leitplanke.publish.json_document import json_bytes
from leitplanke.publish.publication import Artifact, Publication
from leitplanke.publish.renderers import RENDERERS
from leitplanke.rulebook.diff import RulebookDiff
from leitplanke.rulebook.model import Rule
from leitplanke.web.published_site import PublishedSite

RULEBOOK_FORMATS = ("json", "jsonld", "turtle", "akoma-ntoso", "csv", "pdf", "html")
RULE_FORMATS = ("json", "jsonld", "turtle", "csv", "html")
RULES_FORMATS = ("json", "csv", "jsonld", "turtle")
DIFF_FORMATS = ("json", "html")


def rendered_file(publication: Publication, format_name: str) -> Artifact:
    """One format of a publication, from the renderer that writes that format's file."""
    info = FORMAT_BY_NAME[format_name]
    renderer = RENDERERS[info.renderer]
    for artifact in renderer(publication):
        if artifact.path == info.file:
            return artifact
    raise LookupError(f"renderer for {format_name!r} wrote no {info.file}")


def json_artifact(name: str, data: object) -> Artifact:
    """JSON bytes in the publication's stable encoding."""
    return Artifact(name, "application/json", json_bytes(data))


def rulebook_representation(site: PublishedSite, version: str | None, format_name: str) -> Artifact:
    """The rulebook, current (`version` None) or as of a version, in one format.

    KeyError if the version is unknown. The current rulebook comes straight from the artifacts.
    """
    if version is None:
        if format_name == "html":
            return site.artifacts["index.html"]
        return site.artifacts[FORMAT_BY_NAME[format_name].file]

    def make() -> Artifact:
        publication = site.as_of(version)
        if format_name == "html":
            superseded_by = None if version == site.current_version else site.current_version
            page = render_index(
                publication,
                links=SiteLinks(root="../", version=version),
                superseded_by=superseded_by,
            )
            return Artifact("index.html", HTML_MEDIA_TYPE, page.encode())
        if format_name == "json":
            return json_artifact("rulebook.json", publication.document.model_dump(mode="json"))
        return rendered_file(publication, format_name)

    site.as_of(version)  # KeyError before anything is remembered
    return site.memo(("rulebook", version, format_name), make)


def published_rule(publication: Publication, rule_id: str) -> PublishedRule:
    """The published form of a rule; KeyError if the publication has none with this ID."""
    for rule in publication.document.rules:
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)


def rule_representation(
    site: PublishedSite, version: str | None, rule_id: str, format_name: str, links: SiteLinks
) -> Artifact:
    """One rule, current or as of a version, in one format; KeyError for unknown rule or version."""
    publication = site.publication if version is None else site.as_of(version)
    rule = publication.rulebook.rule(rule_id)

    def make() -> Artifact:
        if format_name == "html":
            page = render_rule_page(publication, rule_id, links=links)
            return Artifact(f"{rule_id}.html", HTML_MEDIA_TYPE, page.encode())
        if format_name == "json":
            return json_artifact(
                f"{rule_id}.json", published_rule(publication, rule_id).model_dump(mode="json")
            )
        return rendered_file(publication.restricted_to((rule,)), format_name)

    key = ("rule", version or "", rule_id, format_name, links.root, links.version or "")
    return site.memo(key, make)


def rules_representation(
    site: PublishedSite, rules: tuple[Rule, ...], format_name: str
) -> Artifact:
    """A selection of the current rules in one format."""
    publication = site.publication
    ids = {rule.id for rule in rules}

    def make() -> Artifact:
        if format_name == "json":
            chosen = [rule for rule in publication.document.rules if rule.id in ids]
            return json_artifact("rules.json", [rule.model_dump(mode="json") for rule in chosen])
        return rendered_file(publication.restricted_to(rules), format_name)

    return site.memo(("rules", format_name, *sorted(ids)), make)


def diff_representation(
    site: PublishedSite, diff: RulebookDiff, format_name: str, root: str
) -> Artifact:
    """The changes between two versions as JSON or as an HTML page."""
    if format_name == "html":
        page = render_diff_html(site.publication, diff, root=root)
        return Artifact("diff.html", HTML_MEDIA_TYPE, page.encode())
    return json_artifact("diff.json", diff.model_dump(mode="json"))
