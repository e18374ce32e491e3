"""The engine checks a draft by the rules of the audience that posts it, so no place twice."""

import pytest

from leitplanke.checks.draft import Draft
from leitplanke.checks.engine import CheckEngine
from leitplanke.checks.finding import Finding
from leitplanke.publish.publication import Publication
from leitplanke.rulebook.versions import load_history
from leitplanke.rulebook.vocabulary import Audience
from tests.checks.check_rulebook import checks_engine

BERLIN = CheckEngine(Publication(load_history(), "https://www.berlin.de/leitplanke/"))
# The README's example: a name (reported by INST-DS-03 and MA-DS-01 alike) and a phone number.
README_DRAFT = "Ruft Frau Erika Muster unter 0151 23456789 an"
POST = "Unser Like-Button\nim Rosenweg 12"

# (note, draft, rule IDs of the findings)
CASES = [
    ("unset: institution rules", {"text": POST}, ["INST-CI-01", "INST-SP-01"]),
    ("institution", {"text": POST, "audience": "institution"}, ["INST-CI-01", "INST-SP-01"]),
    ("employee", {"text": POST, "audience": "employee"}, ["MA-DS-01"]),
    ("employee, nothing to report", {"text": "Like", "audience": "employee"}, []),
]


@pytest.mark.parametrize(("data", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_only_the_rules_of_the_drafts_audience_report(data, want):
    findings = checks_engine().check(Draft.model_validate(data))
    assert [finding.rule_id for finding in findings] == want


def test_the_engine_knows_the_checks_of_each_audience():
    engine = checks_engine()
    rules = {audience: {c.rule.id for c in engine.checks_of[audience]} for audience in Audience}
    assert rules == {
        Audience.INSTITUTION: {"INST-SP-01", "INST-CI-01"},
        Audience.EMPLOYEE: {"MA-DS-01"},
    }
    assert len(engine.checks) == sum(len(checks) for checks in engine.checks_of.values())


def reasons(findings: list[Finding]) -> list[tuple[int, int, str, str | None]]:
    """What a finding reports: its span, check type and the kind of thing found."""
    return [(f.start, f.end, f.check_type, f.kind) for f in findings]


@pytest.mark.parametrize("audience", [None, *Audience])
def test_a_name_in_the_readme_example_is_reported_once(audience):
    findings = BERLIN.check(Draft(text=README_DRAFT, audience=audience))
    person = [f for f in findings if f.kind == "PERSON"]
    assert len(person) == 1
    assert len(set(reasons(findings))) == len(findings)
    expected = audience or Audience.INSTITUTION
    rules = {c.rule.id: c.rule for c in BERLIN.checks}
    assert {rules[f.rule_id].audience for f in findings} == {expected}


@pytest.mark.parametrize("audience", ["institution", "employee"])
def test_a_check_that_names_other_drafts_runs_on_them_too(audience):
    """MA-UR-01 binds employees who make official content: it checks both kinds of draft."""
    draft = Draft.model_validate(
        {
            "text": "Unser neues Titelbild.",
            "audience": audience,
            "media": [{"kind": "image", "alt": "Ein Titelbild vom Rathaus.", "third_party": True}],
        }
    )
    rule_ids = {finding.rule_id for finding in BERLIN.check(draft)}
    assert {"MA-UR-01", "MA-UR-02"} <= rule_ids
