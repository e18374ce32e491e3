"""Coverage of the motion's aspects by the rulebook."""

from typer.testing import CliRunner

from leitplanke.cli import app
from leitplanke.rulebook.coverage import motion_coverage
from leitplanke.rulebook.vocabulary import MOTION_ITEMS, Status


def test_bundled_rulebook_covers_every_motion_item_with_at_least_two_rules(bundled_rulebook):
    rows = motion_coverage(bundled_rulebook)
    assert len(rows) == len(MOTION_ITEMS)
    thin = [(row.audience, row.aspect, row.rule_ids) for row in rows if len(row.rule_ids) < 2]
    assert not thin


def test_coverage_lists_only_rules_of_matching_audience_and_aspect(bundled_rulebook):
    for row in motion_coverage(bundled_rulebook):
        for rule_id in row.rule_ids:
            rule = bundled_rulebook.rule(rule_id)
            assert (rule.audience, rule.aspect) == (row.audience, row.aspect)


def test_repealed_rules_do_not_count(bundled_rulebook):
    row = motion_coverage(bundled_rulebook)[0]
    repealed = tuple(
        rule.model_copy(update={"status": Status.REPEALED}) if rule.id in row.rule_ids else rule
        for rule in bundled_rulebook.rules
    )
    assert not motion_coverage(bundled_rulebook.model_copy(update={"rules": repealed}))[0].covered


def test_coverage_command_fails_when_an_aspect_is_removed(rulebook_copy):
    runner = CliRunner()
    assert runner.invoke(app, ["rulebook", "coverage", str(rulebook_copy)]).exit_code == 0
    for path in (rulebook_copy / "rules").glob("*.yaml"):
        if "social-plugins" in path.name:
            path.unlink()
    (rulebook_copy / "questionnaire.yaml").unlink()  # it cites the removed rules
    result = runner.invoke(app, ["rulebook", "coverage", str(rulebook_copy), "--format", "json"])
    assert result.exit_code == 1
    assert '"complete": false' in result.stdout
    assert "Social Plugins" in result.stderr
