"""From evidence to findings: a signature that loads before consent breaks its category's rule.

Evidence is grouped by signature and vendor. A group makes a finding when something of it
loads (or is loaded without a click) before consent, or, for categories where consent does not
suffice (tracking pixels, advertising), when it loads after consent or waits for it. Markup
evidence only ever accompanies a finding. A signature marked `report_first_party: false`
(self-hosted Matomo) makes no finding when served from the site itself.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from leitplanke.checks.finding import SEVERITY_OF_LEVEL, Severity
from leitplanke.publish.document import PublishedRule
from leitplanke.scan.result import (
    Effect,
    Evidence,
    EvidenceKind,
    Moment,
    PageSummary,
    Party,
    ScanFinding,
)
from leitplanke.scan.signatures import SignatureIndex

MAX_HOSTS_IN_MESSAGE = 3
MAX_EVIDENCE_PER_FINDING = 10
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class RuleReference:
    """What a finding says of its rule."""

    id: str
    title: str
    level: Severity
    legal_basis: list[str]
    url: str


def rule_references(rules: Iterable[PublishedRule]) -> dict[str, RuleReference]:
    """The published rules by ID, as findings cite them."""
    return {
        rule.id: RuleReference(
            rule.id,
            rule.title,
            SEVERITY_OF_LEVEL[rule.level],
            [basis.citation for basis in rule.legal_bases],
            rule.page_url,
        )
        for rule in rules
    }


class FindingMaker:
    """Turns a page's evidence into findings citing the rules."""

    def __init__(self, index: SignatureIndex, rules: dict[str, RuleReference]) -> None:
        self.index = index
        self.rules = rules
        self.categories = {c.id: c for c in index.catalogue.categories}

    def findings(self, evidence: list[Evidence]) -> list[ScanFinding]:
        """The findings of one page, errors first."""
        groups: dict[tuple[str, str], list[Evidence]] = {}
        for item in evidence:
            groups.setdefault((item.signature, item.vendor), []).append(item)
        found = [f for group in groups.values() if (f := self._finding(group)) is not None]
        return sorted(
            found,
            key=lambda f: (
                SEVERITY_ORDER[f.level],
                f.moment != Moment.BEFORE_CONSENT,
                f.rule_id,
                f.position or (0, 0),
                f.signature,
                f.vendor,
            ),
        )

    def _finding(self, group: list[Evidence]) -> ScanFinding | None:
        first = group[0]
        category = self.categories.get(first.category)
        match = self.index.matches.get(first.signature)
        rule_id = (match.rule if match else None) or (category.rule if category else None)
        if category is None or rule_id is None or rule_id not in self.rules:
            return None
        report_first_party = match.report_first_party if match else True

        def counts(item: Evidence) -> bool:
            return report_first_party or item.party is Party.THIRD

        before = [
            e
            for e in group
            if e.moment is Moment.BEFORE_CONSENT
            and e.effect in (Effect.LOADS, Effect.DEFERRED)
            and counts(e)
        ]
        moment = Moment.BEFORE_CONSENT
        loading = before
        if not before:
            if category.consent_suffices:
                return None
            loading = [
                e
                for e in group
                if counts(e)
                and (
                    (e.moment is Moment.AFTER_CONSENT and e.effect is Effect.LOADS)
                    or e.effect is Effect.BLOCKED
                )
            ]
            moment = Moment.AFTER_CONSENT
            if not loading:
                return None
        rule = self.rules[rule_id]
        markup = [e for e in group if e.kind is EvidenceKind.MARKUP and e not in loading]
        hosts = sorted({e.host for e in loading if e.host})
        message = _message(first.name, first.vendor, category.label, moment, loading, hosts)
        if match is not None and match.note:
            message += f" ({match.note})"
        return ScanFinding(
            rule_id=rule.id,
            rule_title=rule.title,
            level=rule.level,
            message=message,
            fix=category.fix,
            legal_basis=rule.legal_basis,
            rule_url=rule.url,
            signature=first.signature,
            vendor=first.vendor,
            name=first.name,
            category=category.id,
            party=Party.THIRD if any(e.party is Party.THIRD for e in loading) else Party.FIRST,
            moment=moment,
            confidence=_confidence(loading),
            evidence=(loading + markup)[:MAX_EVIDENCE_PER_FINDING],
        )


def _message(
    name: str, vendor: str, label: str, moment: Moment, loading: list[Evidence], hosts: list[str]
) -> str:
    where = ", ".join(hosts[:MAX_HOSTS_IN_MESSAGE]) + (", …" if len(hosts) > 3 else "")
    who = f"{name} von {vendor}" if vendor not in name else name
    if moment is Moment.AFTER_CONSENT:
        return f"{who} lädt nach der Einwilligung; {label} ist auch mit Einwilligung unzulässig"
    if all(e.effect is Effect.DEFERRED for e in loading):
        return f"{who} wird ohne Klick nachgeladen" + (f": {where}" if where else "")
    return f"{who} lädt vor der Einwilligung" + (f": {where}" if where else "")


def _confidence(loading: list[Evidence]) -> float:
    """1.0 for what was seen loading or is loaded by an element; less for inferences."""
    if any(
        e.kind in (EvidenceKind.REQUEST, EvidenceKind.COOKIE, EvidenceKind.STORAGE) for e in loading
    ):
        return 1.0
    if any(e.kind is EvidenceKind.ELEMENT and e.effect is Effect.LOADS for e in loading):
        return 0.95
    if any(e.kind is EvidenceKind.SCRIPT and e.effect is Effect.LOADS for e in loading):
        return 0.8
    if any(e.effect is Effect.BLOCKED for e in loading):
        return 0.9
    return 0.6


def summary_of(findings: list[ScanFinding]) -> PageSummary:
    """Counts of findings by level."""
    levels = [f.level for f in findings]
    return PageSummary(
        error=levels.count(Severity.ERROR),
        warning=levels.count(Severity.WARNING),
        info=levels.count(Severity.INFO),
    )
