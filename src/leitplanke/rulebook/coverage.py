"""Coverage of the motion: which rules cover each aspect the motion demands, per audience."""

from pydantic import BaseModel, ConfigDict

from leitplanke.rulebook.model import Rulebook
from leitplanke.rulebook.vocabulary import ASPECT_LABEL, MOTION_ITEMS, Status

MINIMUM_RULES = 1


class CoverageRow(BaseModel):
    """One motion item and the rules in force or in draft that cover it."""

    model_config = ConfigDict(frozen=True)

    audience: str
    aspect: str
    aspect_label: str
    motion_wording: str
    rule_ids: list[str]

    @property
    def covered(self) -> bool:
        """At least one rule covers the item."""
        return len(self.rule_ids) >= MINIMUM_RULES


def motion_coverage(rulebook: Rulebook) -> list[CoverageRow]:
    """The matrix motion aspect × audience → rule IDs; repealed rules do not count."""
    return [
        CoverageRow(
            audience=item.audience,
            aspect=item.aspect,
            aspect_label=ASPECT_LABEL[item.aspect],
            motion_wording=item.wording,
            rule_ids=[
                rule.id
                for rule in rulebook.rules
                if rule.audience == item.audience
                and rule.aspect == item.aspect
                and rule.status != Status.REPEALED
            ],
        )
        for item in MOTION_ITEMS
    ]
