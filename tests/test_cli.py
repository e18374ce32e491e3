"""The command line: exit codes, messages, and golden output for a small rulebook."""

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leitplanke.cli import app

DATA = Path(__file__).parent / "data"
MINI = DATA / "rulebooks" / "mini"
GOLDEN = DATA / "golden"

runner = CliRunner()


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/data/golden/<name>; LEITPLANKE_UPDATE_GOLDEN=1 rewrites the file."""
    path = GOLDEN / name
    if os.environ.get("LEITPLANKE_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (["rulebook", "diff", "0.9.0", "1.0.0", "--rulebook", str(MINI)], "mini-diff.txt"),
        (
            ["rulebook", "diff", "0.9.0", "1.0.0", "--rulebook", str(MINI), "--format", "json"],
            "mini-diff.json",
        ),
        (["rulebook", "coverage", str(MINI), "--format", "json"], "mini-coverage.json"),
    ],
    ids=["diff-text", "diff-json", "coverage-json"],
)
def test_command_output_matches_golden_file(args, golden):
    result = runner.invoke(app, args)
    assert_golden(golden, result.stdout)


def test_validate_succeeds_on_the_bundled_rulebook():
    result = runner.invoke(app, ["rulebook", "validate"])
    assert result.exit_code == 0, result.output
    assert "gültig" in result.stdout


def test_validate_lists_errors_and_exits_1(rulebook_copy):
    meta = rulebook_copy / "rulebook.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("language: de", "language: 7"))
    result = runner.invoke(app, ["rulebook", "validate", str(rulebook_copy)])
    assert result.exit_code == 1
    assert f"{meta}:" in result.stderr and "language" in result.stderr


def test_validate_reports_invalid_check_specs_and_example_drafts(rulebook_copy):
    rules = rulebook_copy / "rules" / "topic-accessibility.yaml"
    source = rules.read_text(encoding="utf-8")
    source = source.replace("subtitles: false\n", "subtitles: vielleicht\n", 1)
    source = source.replace("platform: bluesky", "platform: myspace", 1)
    rules.write_text(source, encoding="utf-8")
    result = runner.invoke(app, ["rulebook", "validate", str(rulebook_copy)])
    assert result.exit_code == 1
    assert "INST-BF-01: checks[0].media.subtitles:" in result.stderr
    assert "INST-BF-01: examples[2].draft.platform:" in result.stderr


def test_diff_of_unknown_version_is_a_usage_error():
    result = runner.invoke(app, ["rulebook", "diff", "0.1.0", "1.0.0", "--rulebook", str(MINI)])
    assert result.exit_code == 2
    assert "Unbekannte Version" in result.stderr


def test_diff_accepts_folders(rulebook_copy):
    result = runner.invoke(
        app, ["rulebook", "diff", str(MINI / "versions" / "0.9.0"), str(MINI), "--format", "json"]
    )
    assert result.exit_code == 0
    assert '"new_version": "1.0.0"' in result.stdout


def test_publish_writes_every_format_and_refuses_foreign_folders(tmp_path):
    result = runner.invoke(app, ["publish", "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    for name in (
        "rulebook.json",
        "rulebook.jsonld",
        "rulebook.ttl",
        "rulebook.akn.xml",
        "rules.csv",
        "index.html",
        "rulebook.pdf",
        "dcat.ttl",
        "dcat.jsonld",
        "changes.json",
        "rulebook.schema.json",
    ):
        assert (tmp_path / "site" / name).stat().st_size > 0, name
    (tmp_path / "own").mkdir()
    (tmp_path / "own" / "notes.txt").write_text("mine")
    refused = runner.invoke(app, ["publish", "--out", str(tmp_path / "own")])
    assert refused.exit_code == 1
    assert (tmp_path / "own" / "notes.txt").read_text() == "mine"
