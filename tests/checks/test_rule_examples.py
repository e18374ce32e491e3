"""The bundled rules' post examples as test cases: bad drafts yield a finding, good ones none."""

import pytest

from leitplanke.checks.engine import CheckEngine
from leitplanke.checks.examples import ExampleCase, example_cases
from leitplanke.publish.publication import Publication
from leitplanke.rulebook.model import ExampleKind
from leitplanke.rulebook.versions import load_history

PUBLICATION = Publication(load_history(), "https://www.berlin.de/leitplanke/")
ENGINE = CheckEngine(PUBLICATION)
CASES = example_cases(PUBLICATION.document)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_rule_judges_its_example_post_as_meant(case: ExampleCase):
    assert case.problem(ENGINE) is None


def test_every_rule_with_checks_has_a_good_and_a_bad_example_post():
    kinds: dict[str, set[ExampleKind]] = {}
    for case in CASES:
        kinds.setdefault(case.rule_id, set()).add(case.kind)
    with_checks = [rule.id for rule in PUBLICATION.document.rules if rule.checks]
    assert with_checks
    missing = [rule_id for rule_id in with_checks if kinds.get(rule_id) != set(ExampleKind)]
    assert not missing
