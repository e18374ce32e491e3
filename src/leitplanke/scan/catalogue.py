"""The signature catalogue: vendors of plugins, embeds and trackers, and privacy-friendly patterns.

The catalogue is data (`signatures.yaml` beside this module), validated by the models here and
compiled once by `leitplanke.scan.signatures`. Each signature names its vendor, a category (which
carries the rule it relates to) and its detection patterns: host names (a host matches itself
and its subdomains), regular expressions over URLs, over inline script text and over cookie or
storage names, and CSS selectors for markup. Safeguards are the privacy-friendly patterns
(Shariff, two-click placeholders, consent managers' blocked elements) that are not flagged.
Errors are reported as `file:line:column: field: message`, as for rulebook sources.
"""

import re
from collections.abc import Collection, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from cssselect import GenericTranslator, SelectorError
from pydantic import AfterValidator, Field, StringConstraints, ValidationError

from leitplanke.rulebook.errors import RulebookError, SourceError
from leitplanke.rulebook.fields import ElementId, Line, RuleId, SourceModel, Version
from leitplanke.rulebook.messages import german_message
from leitplanke.rulebook.yaml_source import Location, PositionIndex, read_yaml

CATALOGUE_FILE = Path(__file__).resolve().parent / "signatures.yaml"


def _regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"ungültiger regulärer Ausdruck: {error}") from None
    return pattern


def _selector(selector: str) -> str:
    try:
        GenericTranslator().css_to_xpath(selector)
    except SelectorError as error:
        raise ValueError(f"ungültiger CSS-Selektor: {error}") from None
    return selector


Regex = Annotated[str, StringConstraints(min_length=1), AfterValidator(_regex)]
Selector = Annotated[str, StringConstraints(min_length=1), AfterValidator(_selector)]
HostName = Annotated[
    str,
    StringConstraints(
        to_lower=True,
        max_length=253,
        pattern=r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    ),
]
AttributeName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_:.-]{0,63}$")]


class Category(SourceModel):
    """A kind of third-party content, the rule it relates to and what consent changes."""

    id: ElementId
    label: Line = Field(description="German name, e.g. „Social Plugin“.")
    rule: RuleId | None = Field(
        default=None, description="Rule a load of this kind breaks; null: recorded, not reported."
    )
    consent_suffices: bool = Field(
        default=True, description="Whether loading after consent is in order (false: never)."
    )
    fix: Line | None = Field(default=None, description="German fix hint for findings.")


class Signature(SourceModel):
    """One plugin, embed or tracker of one vendor and how to recognise it."""

    id: ElementId
    vendor: Line
    name: Line
    category: ElementId
    hosts: list[HostName] = Field(default_factory=list)
    urls: list[Regex] = Field(default_factory=list, description="Patterns searched in URLs.")
    scripts: list[Regex] = Field(default_factory=list, description="Patterns in inline scripts.")
    selectors: list[Selector] = Field(default_factory=list, description="Markup of the plugin.")
    cookies: list[Regex] = Field(
        default_factory=list, description="Patterns matching names of cookies and storage keys."
    )
    rule: RuleId | None = Field(default=None, description="Replaces the category's rule.")
    note: Line | None = Field(default=None, description="German remark shown with findings.")
    report_first_party: bool = Field(
        default=True, description="false: served from the site itself, it is only recorded."
    )


class SafeguardKind(StrEnum):
    """Kinds of privacy-friendly patterns."""

    SHARE_BUTTONS = "share_buttons"
    SHARE_LINK = "share_link"
    TWO_CLICK = "two_click"
    CONSENT_MANAGER = "consent_manager"


class Safeguard(SourceModel):
    """A privacy-friendly pattern: recorded on the page, and what it holds back is not flagged."""

    id: ElementId
    name: Line
    kind: SafeguardKind
    selectors: list[Selector] = Field(default_factory=list)
    links: list[Regex] = Field(default_factory=list, description="Patterns for a[href] links.")
    holds_content: bool = Field(
        default=False,
        description="Resources inside a matching element load only after a click or consent.",
    )


class Catalogue(SourceModel):
    """The whole catalogue file."""

    version: Version
    updated: date
    categories: list[Category] = Field(min_length=1)
    deferred_attributes: list[AttributeName] = Field(
        default_factory=list,
        description="Attributes holding a URL that a script loads later (lazy loading).",
    )
    signatures: list[Signature] = Field(min_length=1)
    safeguards: list[Safeguard] = Field(default_factory=list)

    def category(self, category_id: str) -> Category:
        """The category with this ID; KeyError if there is none."""
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)


class CatalogueError(RulebookError):
    """The signature catalogue could not be loaded; carries every error with its place."""


def load_catalogue(
    path: Path = CATALOGUE_FILE, rule_ids: Collection[str] | None = None
) -> Catalogue:
    """Load and cross-check a catalogue; `rule_ids`, when given, are the rules it may cite."""
    try:
        data = read_yaml(path)
    except RulebookError as error:
        raise CatalogueError(error.errors) from None
    positions = PositionIndex(path)
    try:
        catalogue = Catalogue.model_validate(data)
    except ValidationError as error:
        raise CatalogueError(
            SourceError(
                path,
                *positions.position(tuple(detail["loc"])),
                _field_name(tuple(detail["loc"]), data),
                german_message(detail),
            )
            for detail in error.errors()
        ) from None
    problems = [
        SourceError(path, *positions.position(location), _field_name(location, data), message)
        for location, message in _problems(catalogue, rule_ids)
    ]
    if problems:
        raise CatalogueError(problems)
    return catalogue


def _problems(
    catalogue: Catalogue, rule_ids: Collection[str] | None
) -> Iterator[tuple[Location, str]]:
    """Duplicate IDs, unknown categories and rules."""
    category_ids: set[str] = set()
    for i, category in enumerate(catalogue.categories):
        if category.id in category_ids:
            yield ("categories", i, "id"), f"Kategorie {category.id} doppelt"
        category_ids.add(category.id)
        if rule_ids is not None and category.rule and category.rule not in rule_ids:
            yield ("categories", i, "rule"), f"Verweis auf unbekannte Regel {category.rule}"
    seen: set[str] = set()
    for i, signature in enumerate(catalogue.signatures):
        if signature.id in seen:
            yield ("signatures", i, "id"), f"Signatur {signature.id} doppelt"
        seen.add(signature.id)
        if signature.category not in category_ids:
            yield ("signatures", i, "category"), f"unbekannte Kategorie {signature.category}"
        if rule_ids is not None and signature.rule and signature.rule not in rule_ids:
            yield ("signatures", i, "rule"), f"Verweis auf unbekannte Regel {signature.rule}"
        if not (signature.hosts or signature.urls or signature.scripts or signature.selectors):
            yield ("signatures", i), "mindestens ein Muster nötig (hosts, urls, scripts, selectors)"
    for i, safeguard in enumerate(catalogue.safeguards):
        if safeguard.id in seen:
            yield ("safeguards", i, "id"), f"ID {safeguard.id} doppelt"
        seen.add(safeguard.id)
        if not (safeguard.selectors or safeguard.links):
            yield ("safeguards", i), "mindestens ein Muster nötig (selectors, links)"


def _field_name(location: Location, data: Any) -> str:
    """Dotted field name with the ID of each list entry on the way (`signatures[3] (x).urls[0]`)."""
    name = ""
    node = data
    for part in location:
        if isinstance(part, int):
            name += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                name += f" ({node['id']})"
        else:
            name += f".{part}" if name else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return name
