"""HTML renderer: the accessible static website (index, rule pages, versions, diffs, assets).

Every page is rendered from the Jinja2 templates in `templates/` with autoescaping; the only HTML
passed through unescaped is rule text that markdown-it rendered with raw HTML disabled. All links
between pages are relative (`SiteLinks.root`), so the folder works from disk and under any base
URL. The web app renders the same templates for filtered and versioned views.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from leitplanke.publish.changes import consecutive_diffs
from leitplanke.publish.document import PublishedRule
from leitplanke.publish.formats import FORMATS, FormatInfo
from leitplanke.publish.presentation import german_date, grouped_rules
from leitplanke.publish.publication import Artifact, Publication
from leitplanke.publish.selection import IndexFilter
from leitplanke.rulebook.diff import FieldChange, RulebookDiff, Segment, redline
from leitplanke.rulebook.vocabulary import (
    ASPECT_LABEL,
    AUDIENCE_LABEL,
    LEVEL_KEYWORD,
    LEVEL_LABEL,
    STATUS_LABEL,
    TARGET_GROUP_LABEL,
    Aspect,
    Audience,
    Level,
)

HTML_MEDIA_TYPE = "text/html; charset=utf-8"

ASSETS: dict[str, str] = {
    "assets/leitplanke.css": "text/css; charset=utf-8",
    "assets/leitplanke.js": "text/javascript; charset=utf-8",
}

# Formats the web app renders for any version (`versions/<v>?format=<name>`).
VERSIONED_FORMATS: frozenset[str] = frozenset(
    {"json", "jsonld", "turtle", "akoma-ntoso", "csv", "html", "pdf"}
)


FIELD_LABEL: dict[str, str] = {
    "title": "Titel",
    "audience": "Adressat",
    "aspect": "Aspekt",
    "level": "Verbindlichkeit",
    "status": "Status",
    "text": "Regeltext",
    "rationale": "Begründung",
    "legal_bases": "Rechtsgrundlagen",
    "examples": "Beispiele",
    "target_groups": "Zielgruppen",
    "checks": "Automatische Prüfungen",
    "see_also": "Siehe auch",
}

_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")


def level_label(level: Level) -> str:
    """A level as German word with its RFC 2119 keyword, e.g. 'muss (MUST)'."""
    return f"{LEVEL_LABEL[level]} ({LEVEL_KEYWORD[level]})"


# Fields whose diff shows codes: shown with their German labels instead.
_CODE_LABELS: dict[str, dict[str, str]] = {
    "audience": {str(key): label for key, label in AUDIENCE_LABEL.items()},
    "aspect": {str(key): label for key, label in ASPECT_LABEL.items()},
    "level": {str(key): level_label(key) for key in Level},
    "status": {str(key): label for key, label in STATUS_LABEL.items()},
    "target_groups": {str(key): label for key, label in TARGET_GROUP_LABEL.items()},
}


@dataclass(frozen=True)
class SiteLinks:
    """How a page links to the rest of the site.

    `root` is the way from the page to the site's root folder: '' or '../' for relative links,
    or an absolute base URL for a page read outside the site. With `version` set, rule and
    download links point at that version's resources in the web app instead of the static files.
    """

    root: str = ""
    version: str | None = None

    def to(self, path: str) -> str:
        """A file or page of the site."""
        return f"{self.root}{path}"

    def home(self) -> str:
        """The page that lists the rules: the start page, or the version's page."""
        return self.to(f"versions/{self.version}") if self.version else self.to("index.html")

    def rule(self, rule_id: str) -> str:
        """The page of a rule."""
        if self.version:
            return self.to(f"versions/{self.version}/rules/{rule_id}")
        return self.to(f"rules/{rule_id}.html")

    def download(self, info: FormatInfo) -> str:
        """Where a format of the rulebook is downloaded."""
        if self.version and info.name in VERSIONED_FORMATS:
            return self.to(f"versions/{self.version}?format={info.name}")
        return self.to(info.file)

    def changes(self, old: str, new: str) -> str:
        """The page of the changes between two versions."""
        return self.to(changes_page_path(old, new))


@dataclass(frozen=True)
class AspectGroup:
    """The rules of one aspect within one audience, as a section of the index."""

    aspect: Aspect
    label: str
    anchor: str
    rules: list[PublishedRule]


@dataclass(frozen=True)
class AudienceGroup:
    """The rules of one audience, by aspect, as a section of the index."""

    audience: Audience
    label: str
    anchor: str
    aspects: list[AspectGroup]

    @property
    def rule_count(self) -> int:
        """How many rules the section holds."""
        return sum(len(group.rules) for group in self.aspects)


@dataclass(frozen=True)
class FilterOption:
    """One choice of a filter field."""

    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class FilterField:
    """One field of the filter form: a labelled select."""

    name: str
    label: str
    options: list[FilterOption]


@dataclass(frozen=True)
class FieldView:
    """One changed field of a rule as the diff page shows it."""

    label: str
    redline: list[Segment]


def changes_page_path(old: str, new: str) -> str:
    """Path of the page of the changes from version `old` to `new`."""
    return f"changes/{old}..{new}.html"


def relative_root(path: str) -> str:
    """The relative way from the file at `path` (relative to the site root) back to the root."""
    return "../" * path.count("/")


def rule_html(html: str, top: int) -> Markup:
    """Sanitised rule HTML with its headings moved below heading level `top`."""

    def demote(match: re.Match[str]) -> str:
        return f"<{match.group(1)}h{min(6, int(match.group(2)) + top)}>"

    return Markup(_HEADING_TAG.sub(demote, html))


@cache
def _environment() -> Environment:
    return template_environment()


def template_environment(*first: BaseLoader) -> Environment:
    """The environment of the site's templates and filters; the loaders `first` are asked
    before the site's own templates (the web app's pages extend the site's layout)."""
    environment = Environment(
        loader=ChoiceLoader([*first, PackageLoader("leitplanke.publish", "templates")]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["german_date"] = german_date
    environment.filters["rule_html"] = rule_html
    environment.filters["level_label"] = level_label
    environment.globals["FORMATS"] = FORMATS
    return environment


def _render(template: str, publication: Publication, links: SiteLinks, **context: Any) -> str:
    page = _environment().get_template(template)
    return page.render(
        document=publication.document, links=links, app_links=publication.app_links, **context
    )


def audience_groups(rules: Iterable[PublishedRule]) -> list[AudienceGroup]:
    """Rules grouped by audience, then aspect, both in vocabulary order; empty groups left out."""
    return [
        AudienceGroup(
            sections[0][0].audience,
            AUDIENCE_LABEL[sections[0][0].audience],
            str(sections[0][0].audience),
            [
                AspectGroup(
                    chosen[0].aspect,
                    ASPECT_LABEL[chosen[0].aspect],
                    f"{chosen[0].audience}-{chosen[0].aspect}",
                    chosen,
                )
                for chosen in sections
            ],
        )
        for sections in grouped_rules(rules)
    ]


def _filter_fields(rules: list[PublishedRule], chosen: IndexFilter) -> list[FilterField]:
    used_aspects = {rule.aspect for rule in rules}
    return [
        FilterField(
            "audience",
            "Adressat",
            [FilterOption(a, AUDIENCE_LABEL[a], a == chosen.audience) for a in Audience],
        ),
        FilterField(
            "aspect",
            "Aspekt",
            [
                FilterOption(a, ASPECT_LABEL[a], a == chosen.aspect)
                for a in Aspect
                if a in used_aspects
            ],
        ),
        FilterField(
            "level",
            "Verbindlichkeit",
            [FilterOption(v, level_label(v), v == chosen.level) for v in Level],
        ),
    ]


def render_index(
    publication: Publication,
    *,
    chosen: IndexFilter | None = None,
    links: SiteLinks | None = None,
    superseded_by: str | None = None,
) -> str:
    """The start page: metadata, downloads, table of contents and the rules, optionally filtered.

    The filter form is shown for the current version only (no `links.version`); the web app
    passes the chosen filter values for the server-side filtered view.
    """
    links = links or SiteLinks()
    chosen = chosen or IndexFilter()
    all_rules = publication.document.rules
    shown = [rule for rule in all_rules if chosen.matches(rule)]
    filtered = chosen != IndexFilter()
    return _render(
        "index.html",
        publication,
        links,
        groups=audience_groups(shown),
        shown_count=len(shown),
        total_count=len(all_rules),
        filtered=filtered,
        filter_fields=_filter_fields(all_rules, chosen),
        filterable=links.version is None,
        superseded_by=superseded_by,
    )


def render_rule_page(
    publication: Publication, rule_id: str, *, links: SiteLinks | None = None
) -> str:
    """The page of one rule; KeyError if the publication has no rule with this ID."""
    links = links or SiteLinks(root=relative_root(publication.rule_page_path(rule_id)))
    rules = {rule.id: rule for rule in publication.document.rules}
    rule = rules[rule_id]
    see_also = [rules[target] for target in rule.see_also if target in rules]
    api = f"{publication.base_url}api/v1/rules/{rule.id}"
    return _render(
        "rule.html",
        publication,
        links,
        rule=rule,
        see_also=see_also,
        audience_anchor=f"{rule.audience}-{rule.aspect}",
        api_links=[
            ("JSON", f"{api}", "application/json"),
            ("JSON-LD", f"{api}?format=jsonld", "application/ld+json"),
            ("RDF/Turtle", f"{api}?format=turtle", "text/turtle"),
        ],
    )


def _field_view(change: FieldChange) -> FieldView:
    """A changed field with a German label; vocabulary codes are compared as their labels."""
    label = FIELD_LABEL.get(change.field, change.field)
    labels = _CODE_LABELS.get(change.field)
    if labels is None:
        return FieldView(label, change.redline)

    def relabel(text: str) -> str:
        return "\n".join(labels.get(line, line) for line in text.splitlines())

    return FieldView(label, redline(relabel(change.old), relabel(change.new)))


def render_diff_html(
    publication: Publication, diff: RulebookDiff, *, root: str | None = None
) -> str:
    """A page showing what changed between two versions, with a word-level redline.

    Without `root` the page links absolutely to the site at the publication's base URL, so it can
    be read on its own (`leitplanke rulebook diff --format html`).
    """
    links = SiteLinks(root=publication.base_url if root is None else root)
    return _render(
        "changes.html",
        publication,
        links,
        diff=diff,
        current_ids={rule.id for rule in publication.document.rules},
        changed=[(change, [_field_view(c) for c in change.changes]) for change in diff.changed],
    )


def render_versions_page(
    publication: Publication, diffs: list[RulebookDiff], *, links: SiteLinks | None = None
) -> str:
    """The version history: every version with its dates and a link to its changes."""
    by_new = {diff.new_version: diff for diff in diffs}
    return _render(
        "versions.html",
        publication,
        links or SiteLinks(),
        versions=list(reversed(publication.document.versions)),
        diff_of=by_new,
    )


def render_error_page(
    publication: Publication, *, title: str, message: str, links: SiteLinks
) -> str:
    """A German error page (e.g. 'Seite nicht gefunden') in the site's layout."""
    return _render("error.html", publication, links, title=title, message=message)


def render_page(publication: Publication, template: str, links: SiteLinks, **context: Any) -> str:
    """A page of the web app from one of the templates here, in the site's layout."""
    return _render(template, publication, links, **context)


def asset_bytes(path: str) -> bytes:
    """The bytes of a static asset such as 'assets/leitplanke.css'."""
    name = path.removeprefix("assets/")
    return files("leitplanke.publish").joinpath("static", name).read_bytes()


def render_html(publication: Publication) -> list[Artifact]:
    """The static site: index, one page per rule, versions, one page per diff, CSS and JS."""
    diffs = consecutive_diffs(publication)
    pages: dict[str, str] = {"index.html": render_index(publication)}
    for rule in publication.document.rules:
        pages[publication.rule_page_path(rule.id)] = render_rule_page(publication, rule.id)
    pages["versions.html"] = render_versions_page(publication, diffs)
    for diff in diffs:
        path = changes_page_path(diff.old_version, diff.new_version)
        pages[path] = render_diff_html(publication, diff, root=relative_root(path))
    artifacts = [Artifact(path, HTML_MEDIA_TYPE, page.encode()) for path, page in pages.items()]
    artifacts += [Artifact(path, media, asset_bytes(path)) for path, media in ASSETS.items()]
    return artifacts
