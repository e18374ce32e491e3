"""The published rulebook document: what `rulebook.json` holds and the API returns."""

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from leitplanke.publish.markdown import markdown_to_html
from leitplanke.publish.publication import Publication
from leitplanke.rulebook.model import LegalBasis, Rule, Rulebook
from leitplanke.rulebook.vocabulary import (
    ASPECT_LABEL,
    AUDIENCE_LABEL,
    LEVEL_KEYWORD,
    STATUS_LABEL,
    TARGET_GROUP_LABEL,
    Aspect,
    Audience,
    Level,
    Status,
    TargetGroup,
)

SCHEMA_VERSION = "1.0"


class PublishedModel(BaseModel):
    """Base of the published document's parts."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class PublishedLaw(PublishedModel):
    """A legal source the rules cite."""

    id: str
    title: str
    url: str | None


class PublishedLegalBasis(PublishedModel):
    """A rule's legal basis, with a ready-made German citation."""

    law: str
    law_title: str
    provision: str | None
    citation: str = Field(description="German citation, e.g. 'Art. 26 DSGVO' or '§ 25 TDDDG'.")
    url: str | None
    note: str | None


class PublishedExample(PublishedModel):
    """A good or bad example beside a rule; `draft` is the post the rule's checks are tested on."""

    kind: str
    text: str
    note: str | None
    draft: dict[str, Any] | None = None


class PublishedRule(PublishedModel):
    """One rule as published."""

    id: str
    uri: str
    version_uri: str
    page_url: str
    title: str
    audience: Audience
    audience_label: str
    aspect: Aspect
    aspect_label: str
    level: Level
    level_keyword: str = Field(description="RFC 2119 keyword: MUST, SHOULD or MAY.")
    status: Status
    status_label: str
    text: str = Field(description="Normative text, Markdown.")
    text_html: str
    rationale: str
    rationale_html: str
    legal_bases: list[PublishedLegalBasis]
    examples: list[PublishedExample]
    target_groups: list[TargetGroup]
    target_group_labels: list[str]
    checks: list[dict[str, Any]]
    see_also: list[str]


class PublishedVersion(PublishedModel):
    """One published version of the rulebook."""

    version: str
    uri: str
    adopted: date
    valid_from: date
    rule_count: int


class PublishedIssuer(PublishedModel):
    """The issuing body."""

    name: str
    uri: str
    email: str


class PublishedLicence(PublishedModel):
    """The licence of the publication."""

    title: str
    uri: str


class PublishedRulebook(PublishedModel):
    """The whole rulebook in one version, as published."""

    schema_version: str = SCHEMA_VERSION
    id: str
    uri: str
    version: str
    version_uri: str
    title: str
    short_title: str
    description: str
    issuer: PublishedIssuer
    jurisdiction: str
    language: str
    adopted: date
    valid_from: date
    evaluation_due: date
    licence: PublishedLicence
    keywords: list[str]
    laws: list[PublishedLaw]
    versions: list[PublishedVersion]
    rules: list[PublishedRule]


def citation(basis: LegalBasis) -> str:
    """German citation order: provision before the law's short title."""
    return f"{basis.provision} {basis.law}" if basis.provision else basis.law


def publish_rule(publication: Publication, rulebook: Rulebook, rule: Rule) -> PublishedRule:
    """One rule of `rulebook` as published under `publication`'s URIs."""
    version = rulebook.meta.version
    return PublishedRule(
        id=rule.id,
        uri=publication.rule_uri(rule.id),
        version_uri=publication.rule_version_uri(version, rule.id),
        page_url=publication.file_url(publication.rule_page_path(rule.id)),
        title=rule.title,
        audience=rule.audience,
        audience_label=AUDIENCE_LABEL[rule.audience],
        aspect=rule.aspect,
        aspect_label=ASPECT_LABEL[rule.aspect],
        level=rule.level,
        level_keyword=LEVEL_KEYWORD[rule.level],
        status=rule.status,
        status_label=STATUS_LABEL[rule.status],
        text=rule.text,
        text_html=markdown_to_html(rule.text),
        rationale=rule.rationale,
        rationale_html=markdown_to_html(rule.rationale),
        legal_bases=[_publish_basis(rulebook, basis) for basis in rule.legal_bases],
        examples=[
            PublishedExample(
                kind=example.kind, text=example.text, note=example.note, draft=example.draft
            )
            for example in rule.examples
        ],
        target_groups=list(rule.target_groups),
        target_group_labels=[TARGET_GROUP_LABEL[group] for group in rule.target_groups],
        checks=[check.model_dump(mode="json") for check in rule.checks],
        see_also=list(rule.see_also),
    )


def _publish_basis(rulebook: Rulebook, basis: LegalBasis) -> PublishedLegalBasis:
    law = rulebook.law(basis.law)
    url = basis.url or law.url
    return PublishedLegalBasis(
        law=law.id,
        law_title=law.title,
        provision=basis.provision,
        citation=citation(basis),
        url=str(url) if url else None,
        note=basis.note,
    )


def build_document(publication: Publication) -> PublishedRulebook:
    """The published document of the publication's current version."""
    rulebook = publication.rulebook
    meta = rulebook.meta
    return PublishedRulebook(
        id=meta.id,
        uri=publication.rulebook_uri,
        version=meta.version,
        version_uri=publication.version_uri(meta.version),
        title=meta.title,
        short_title=meta.short_title,
        description=meta.description,
        issuer=PublishedIssuer(
            name=meta.issuer.name, uri=str(meta.issuer.uri), email=meta.issuer.email
        ),
        jurisdiction=meta.jurisdiction,
        language=meta.language,
        adopted=meta.adopted,
        valid_from=meta.valid_from,
        evaluation_due=meta.evaluation_due,
        licence=PublishedLicence(title=meta.licence.title, uri=str(meta.licence.uri)),
        keywords=list(meta.keywords),
        laws=[
            PublishedLaw(id=law.id, title=law.title, url=str(law.url) if law.url else None)
            for law in rulebook.laws
        ],
        versions=[
            PublishedVersion(
                version=version.meta.version,
                uri=publication.version_uri(version.meta.version),
                adopted=version.meta.adopted,
                valid_from=version.meta.valid_from,
                rule_count=len(version.rules),
            )
            for version in publication.history.versions
        ],
        rules=[publish_rule(publication, rulebook, rule) for rule in rulebook.rules],
    )
