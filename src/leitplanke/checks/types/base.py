"""The contract every check type fulfils: a frozen config model with `run(draft) -> list[Hit]`."""

from pydantic import BaseModel, ConfigDict

from leitplanke.checks.draft import Draft
from leitplanke.checks.finding import Hit
from leitplanke.rulebook.vocabulary import Audience


class CheckConfig(BaseModel):
    """Parameters of one check as written in a rule; compiled once, then run on many drafts.

    Subclasses declare `type: Literal["<name>"]`, their parameters, and implement `run`.
    `message` and `fix` given in the rule replace the check type's own wording. `drafts` names
    whose drafts the check runs on; without it, those of the rule's audience (a rule for
    employees who make content for official accounts checks the institution's drafts, too).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    message: str | None = None
    fix: str | None = None
    drafts: tuple[Audience, ...] | None = None

    def run(self, draft: Draft) -> list[Hit]:
        """The hits of this check in `draft`."""
        raise NotImplementedError

    def worded(self, hit: Hit) -> Hit:
        """`hit` with the rule's own message and fix, where the rule gives them."""
        if self.message is None and self.fix is None:
            return hit
        return Hit(
            hit.start,
            hit.end,
            self.message or hit.message,
            self.fix or hit.fix,
            hit.kind,
            hit.confidence,
            hit.sensitive,
        )
