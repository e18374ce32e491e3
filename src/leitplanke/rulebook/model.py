"""Pydantic models of the rulebook source: metadata, laws, rules and their parts."""

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    model_validator,
)

from leitplanke.rulebook.catalogue import PlatformCatalogue
from leitplanke.rulebook.fields import LawId, Line, Prose, RuleId, Slug, SourceModel, Version
from leitplanke.rulebook.questionnaire import Questionnaire
from leitplanke.rulebook.vocabulary import Aspect, Audience, Level, Status, TargetGroup


class Law(SourceModel):
    """A law or other legal source that rules cite, declared once per rulebook."""

    id: LawId = Field(description="Short title used in citations, e.g. 'DSGVO'.")
    title: Line = Field(description="Full official title.")
    url: AnyHttpUrl | None = Field(default=None, description="Official consolidated text.")


class LegalBasis(SourceModel):
    """A structured reference from a rule to a provision of a declared law."""

    law: LawId = Field(description="ID of a law declared in the rulebook's laws file.")
    provision: Line | None = Field(default=None, description="e.g. 'Art. 26 Abs. 1' or '§ 25'.")
    url: AnyHttpUrl | None = Field(default=None, description="Deep link to the provision.")
    note: Line | None = Field(default=None, description="What the provision contributes.")


class ExampleKind(StrEnum):
    """Whether an example shows what the rule asks for or what it forbids."""

    GOOD = "good"
    BAD = "bad"


class Example(SourceModel):
    """A worked example beside a rule: a good or a bad case.

    An example that is a post (not a description of a situation) carries it as `draft`, a
    mapping in the shape of a draft (text, platform, links, media); the rule's checks are tested
    on it: a bad draft must yield a finding of the rule, a good one none.
    """

    kind: ExampleKind
    text: Prose
    note: Line | None = None
    draft: dict[str, Any] | None = Field(
        default=None, description="The post to test the rule's checks on: text, platform, media."
    )


class CheckSpec(BaseModel):
    """An executable check the rule carries: its type and that type's parameters."""

    model_config = ConfigDict(extra="allow", frozen=True)

    type: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]{1,40}$")]


class Rule(SourceModel):
    """One rule of the rulebook with its stable ID."""

    id: RuleId = Field(description="Stable ID, never reused, e.g. 'INST-DS-03'.")
    title: Line
    audience: Audience
    aspect: Aspect
    level: Level = Field(description="muss / soll / kann, i.e. MUST / SHOULD / MAY.")
    status: Status = Status.IN_FORCE
    text: Prose = Field(description="Normative text in Markdown.")
    rationale: Prose
    legal_bases: list[LegalBasis] = Field(min_length=1)
    examples: list[Example] = Field(default_factory=list)
    target_groups: list[TargetGroup] = Field(min_length=1)
    checks: list[CheckSpec] = Field(default_factory=list)
    see_also: list[RuleId] = Field(default_factory=list)

    @model_validator(mode="after")
    def _target_groups_are_unique(self) -> Self:
        if len(set(self.target_groups)) != len(self.target_groups):
            raise ValueError("eine Zielgruppe ist doppelt genannt")
        return self


class Issuer(SourceModel):
    """The body that issues the rulebook."""

    name: Line
    uri: AnyHttpUrl
    email: EmailStr


class Licence(SourceModel):
    """The licence the rulebook is published under, named by its DCAT-AP.de URI."""

    title: Line
    uri: AnyHttpUrl = Field(description="URI from http://dcat-ap.de/def/licenses.")


class RulebookMeta(SourceModel):
    """The rulebook's metadata file."""

    id: Slug
    title: Line
    short_title: Line
    description: Prose
    issuer: Issuer
    jurisdiction: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")]
    version: Version
    adopted: date
    valid_from: date
    evaluation_due: date
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = "de"
    licence: Licence
    base_uri: AnyHttpUrl
    keywords: list[Line] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates_are_in_order(self) -> Self:
        if self.valid_from < self.adopted:
            raise ValueError("valid_from liegt vor adopted")
        if self.evaluation_due <= self.valid_from:
            raise ValueError("evaluation_due muss nach valid_from liegen")
        try:
            limit = self.valid_from.replace(year=self.valid_from.year + 2)
        except ValueError:  # 29 February
            limit = date(self.valid_from.year + 2, 2, 28)
        if self.evaluation_due > limit:
            raise ValueError(
                "evaluation_due darf höchstens zwei Jahre nach valid_from liegen "
                f"({limit.isoformat()})"
            )
        return self

    @model_validator(mode="after")
    def _base_uri_ends_with_slash(self) -> Self:
        if not str(self.base_uri).endswith("/"):
            raise ValueError("base_uri muss mit '/' enden")
        return self


class LawsFile(SourceModel):
    """The laws file: every law the rules cite."""

    laws: list[Law] = Field(min_length=1)


class RulesFile(SourceModel):
    """A rule file: a list of rules."""

    rules: list[Rule] = Field(min_length=1)


class Rulebook(SourceModel):
    """A loaded, cross-checked rulebook: metadata, laws and rules in source order.

    `questionnaire` (the decision questionnaire) and `platforms` (the platform catalogue) come
    from optional files; versions published before they existed have neither.
    """

    meta: RulebookMeta
    laws: tuple[Law, ...]
    rules: tuple[Rule, ...]
    questionnaire: Questionnaire | None = None
    platforms: PlatformCatalogue | None = None

    def rule(self, rule_id: str) -> Rule:
        """The rule with this ID; KeyError if there is none."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def law(self, law_id: str) -> Law:
        """The law with this ID; KeyError if there is none."""
        for law in self.laws:
            if law.id == law_id:
                return law
        raise KeyError(law_id)
