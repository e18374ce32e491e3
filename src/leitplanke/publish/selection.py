"""Selections of rules by audience, aspect, level and status, as filter forms and the API ask."""

from pydantic import BaseModel, Field, field_validator

from leitplanke.publish.document import PublishedRule
from leitplanke.rulebook.model import Rule
from leitplanke.rulebook.vocabulary import Aspect, Audience, Level, Status


class IndexFilter(BaseModel):
    """What the filter form on the start page asks for; an empty value means 'alle'."""

    audience: Audience | None = Field(default=None, description="Adressat der Regel.")
    aspect: Aspect | None = Field(default=None, description="Aspekt (Thema) der Regel.")
    level: Level | None = Field(default=None, description="Verbindlichkeit: muss, soll, kann.")

    @field_validator("*", mode="before")
    @classmethod
    def _empty_means_all(cls, value: object) -> object:
        return None if value == "" else value

    def matches(self, rule: Rule | PublishedRule) -> bool:
        """Whether the rule passes every field that is set."""
        return all(
            wanted is None or getattr(rule, name) == wanted
            for name, wanted in self.model_dump().items()
        )

    def select(self, rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
        """The rules that pass, in their order."""
        return tuple(rule for rule in rules if self.matches(rule))


class RuleFilter(IndexFilter):
    """The filter of the rules API: the start page's fields plus the rule's status."""

    status: Status | None = Field(default=None, description="Status: draft, in_force, repealed.")
