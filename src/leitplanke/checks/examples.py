"""A rule's post examples as test cases: a bad draft must yield its finding, a good one none."""

from dataclasses import dataclass

from pydantic import ValidationError

from leitplanke.checks.draft import Draft
from leitplanke.checks.engine import CheckEngine, CheckSpecError
from leitplanke.publish.document import PublishedRulebook
from leitplanke.rulebook.model import ExampleKind
from leitplanke.rulebook.vocabulary import Status


@dataclass(frozen=True)
class ExampleCase:
    """One example of a rule that is a post: the draft and what the rule's checks should say."""

    rule_id: str
    number: int
    kind: ExampleKind
    draft: Draft

    @property
    def name(self) -> str:
        """Test ID such as `INST-BF-01-bad-2` (the example's position among the rule's)."""
        return f"{self.rule_id}-{self.kind}-{self.number}"

    def problem(self, engine: CheckEngine) -> str | None:
        """Why the rule's checks misjudge this example, or None if they judge it as meant."""
        findings = [f for f in engine.check(self.draft) if f.rule_id == self.rule_id]
        if self.kind is ExampleKind.BAD and not findings:
            return f"{self.name}: schlechtes Beispiel ohne Befund der Regel"
        if self.kind is ExampleKind.GOOD and findings:
            said = "; ".join(f"{f.message} [{f.check_type}]" for f in findings)
            return f"{self.name}: gutes Beispiel mit Befund der Regel: {said}"
        return None


def example_cases(document: PublishedRulebook) -> list[ExampleCase]:
    """The post examples of every rule in force; CheckSpecError for drafts that are no drafts.

    An example draft that does not say who posts it is posted by its rule's audience. An example
    draft of a rule without checks is an error too: nothing would test it.
    """
    cases: list[ExampleCase] = []
    problems: list[str] = []
    for rule in document.rules:
        if rule.status != Status.IN_FORCE:
            continue
        for number, example in enumerate(rule.examples, start=1):
            if example.draft is None:
                continue
            where = f"{rule.id}: examples[{number - 1}].draft"
            if not rule.checks:
                problems.append(f"{where}: Beispielbeitrag einer Regel ohne checks")
                continue
            try:
                draft = Draft.model_validate({"audience": rule.audience, **example.draft})
            except ValidationError as error:
                for detail in error.errors():
                    field = "".join(f".{part}" for part in detail["loc"])
                    problems.append(f"{where}{field}: {detail['msg']}")
                continue
            cases.append(ExampleCase(rule.id, number, ExampleKind(example.kind), draft))
    if problems:
        raise CheckSpecError(problems)
    return cases
