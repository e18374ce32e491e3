"""The check engine: compiles a rulebook's check specifications once and runs them on drafts.

A draft is checked by the rules of the audience that posts it (`Draft.audience`): an official
account by the institution rules, an employee in their own name by the employee rules. So rules
of both audiences that carry the same check do not report one place twice.
"""

from dataclasses import dataclass

from pydantic import ValidationError

from leitplanke.checks.draft import Draft
from leitplanke.checks.finding import SEVERITY_OF_LEVEL, Finding, Hit, LineIndex, Severity
from leitplanke.checks.types import parse_check
from leitplanke.checks.types.base import CheckConfig
from leitplanke.publish.document import PublishedRule
from leitplanke.publish.publication import Publication
from leitplanke.rulebook.vocabulary import Audience, Status


class CheckSpecError(ValueError):
    """A rule's check specification does not fit its check type."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class CompiledCheck:
    """One check of one rule, ready to run."""

    rule: PublishedRule
    config: CheckConfig
    severity: Severity


class CheckEngine:
    """All checks of the rules in force of one publication, and those of each audience."""

    def __init__(self, publication: Publication) -> None:
        self.publication = publication
        compiled: list[CompiledCheck] = []
        problems: list[str] = []
        for rule in publication.document.rules:
            if rule.status != Status.IN_FORCE:
                continue
            for index, spec in enumerate(rule.checks):
                try:
                    config = parse_check(spec)
                except ValidationError as error:
                    for detail in error.errors():
                        field = ".".join(str(part) for part in detail["loc"])
                        problems.append(f"{rule.id}: checks[{index}].{field}: {detail['msg']}")
                    continue
                compiled.append(CompiledCheck(rule, config, SEVERITY_OF_LEVEL[rule.level]))
        if problems:
            raise CheckSpecError(problems)
        self.checks: tuple[CompiledCheck, ...] = tuple(compiled)
        self.checks_of: dict[Audience, tuple[CompiledCheck, ...]] = {
            audience: tuple(
                check
                for check in compiled
                if audience in (check.config.drafts or (check.rule.audience,))
            )
            for audience in Audience
        }

    def check(self, draft: Draft) -> list[Finding]:
        """Every finding in `draft` under the rules of its audience, by position, then rule ID."""
        lines = LineIndex(draft.text)
        findings = [
            self._finding(check, hit, draft, lines)
            for check in self.checks_of[draft.checked_audience]
            for hit in check.config.run(draft)
        ]
        return sorted(findings, key=lambda f: (f.start, f.end, f.rule_id, f.message))

    @staticmethod
    def _finding(check: CompiledCheck, hit: Hit, draft: Draft, lines: LineIndex) -> Finding:
        line, column = lines.position(hit.start)
        end_line, end_column = lines.position(hit.end)
        rule = check.rule
        return Finding(
            rule_id=rule.id,
            rule_title=rule.title,
            level=check.severity,
            check_type=type(check.config).model_fields["type"].default,
            message=hit.message,
            start=hit.start,
            end=hit.end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            matched=draft.text[hit.start : hit.end],
            fix=hit.fix,
            kind=hit.kind,
            confidence=hit.confidence,
            sensitive=hit.sensitive,
            legal_basis=[basis.citation for basis in rule.legal_bases],
            rule_url=rule.page_url,
        )
