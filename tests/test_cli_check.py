"""`leitplanke check`: golden output per format, exit codes, standard input, progress."""

import io
import json

import pytest
from rich.console import Console
from typer.testing import CliRunner

from leitplanke import cli
from leitplanke.checks.engine import CheckEngine
from leitplanke.checks.reports import REPORTS
from tests.checks.check_rulebook import CHECKS, DRAFTS
from tests.checks.reports.test_sarif import schema_errors
from tests.test_cli import assert_golden

runner = CliRunner()

RULEBOOK = ["--rulebook", str(CHECKS)]
FILES = ["like-button.md", "sauber.txt", "entwurf.yaml", "entwurf.json", "stapel.jsonl"]


@pytest.fixture(autouse=True)
def in_drafts_folder(monkeypatch):
    """File names in the output stay relative, as the user typed them."""
    monkeypatch.chdir(DRAFTS)


def check(*args: str, **options):
    return runner.invoke(cli.app, ["check", *args, *RULEBOOK], **options)


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (FILES, "check-text.txt"),
        ([*FILES, "--format", "json"], "check-json.json"),
        ([*FILES, "--format", "sarif"], "check-sarif.sarif"),
        (["stapel.csv", "--platform", "bluesky"], "check-csv.txt"),
        (["like-button.md", "stapel.csv", "--audience", "employee"], "check-employee.txt"),
    ],
    ids=["text", "json", "sarif", "csv", "employee"],
)
def test_check_output_matches_golden_file(args, golden):
    result = check(*args)
    assert result.exit_code in (0, 1), result.output
    assert_golden(golden, result.stdout)
    if golden.endswith(".sarif"):
        assert schema_errors(json.loads(result.stdout)) == []


@pytest.mark.parametrize(
    ("files", "exit_code"),
    [(["sauber.txt"], 0), (["stapel.csv"], 0), (["like-button.md"], 1)],
    ids=["clean", "warnings and notes only", "error"],
)
def test_exit_code_is_1_only_when_a_finding_is_an_error(files, exit_code):
    assert check(*files).exit_code == exit_code


# (option, audience of each draft of stapel.jsonl, rule IDs reported): a draft's own audience wins.
AUDIENCE_OPTIONS = [
    ([], ["institution", "employee", "institution"], ["INST-CI-01", "INST-SP-01", "MA-DS-01"]),
    (
        ["--audience", "institution"],
        ["institution", "employee", "institution"],
        ["INST-CI-01", "INST-SP-01", "MA-DS-01"],
    ),
    (["--audience", "employee"], ["employee", "employee", "employee"], ["MA-DS-01"]),
]


@pytest.mark.parametrize(
    ("option", "audiences", "rule_ids"),
    AUDIENCE_OPTIONS,
    ids=["default", "institution", "employee"],
)
def test_the_audience_option_chooses_the_rules_for_drafts_that_do_not_say(
    option, audiences, rule_ids
):
    result = check("stapel.jsonl", "--format", "json", *option)
    drafts = json.loads(result.stdout)["drafts"]
    assert [draft["audience"] for draft in drafts] == audiences
    assert [f["rule_id"] for draft in drafts for f in draft["findings"]] == rule_ids


def test_bad_input_exits_2_naming_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Hallo"}\n{"text": "x", "platform": "tiktok"}\n', encoding="utf-8")
    result = check("sauber.txt", str(bad), "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:2:1: platform: unzulässiger Wert (erlaubt: ")
    assert "Die Eingabe enthält Fehler." in result.stderr
    report = json.loads(result.stdout)  # the findings before the error, in a complete document
    assert report["summary"]["drafts"] == 2
    assert report["input_errors"][0]["line"] == 2


def test_input_error_message_matches_golden_file():
    result = check("entwurf.yaml", "fehlt.md")
    assert result.exit_code == 2
    assert_golden("check-input-error.txt", result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ["sauber.txt", "--format", "odt"],
        ["sauber.txt", "--platform", "tiktok"],
        ["sauber.txt", "--audience", "staff"],
        [],
    ],
    ids=["unknown format", "unknown platform", "unknown audience", "no file"],
)
def test_usage_errors_exit_2(args):
    assert check(*args).exit_code == 2


def test_a_broken_rulebook_exits_2(mini_copy):
    meta = mini_copy / "rulebook.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("language: de", "language: 7"))
    result = runner.invoke(cli.app, ["check", "sauber.txt", "--rulebook", str(mini_copy)])
    assert result.exit_code == 2
    assert "language" in result.stderr


def test_standard_input_is_a_draft_or_with_batch_json_lines():
    text = check("-", input="Neuer Like-Button\n")
    assert text.exit_code == 1
    assert text.stdout.startswith("<stdin>:1:7: Hinweis INST-CI-01")
    lines = check("-", "--batch", "--format", "json", input='{"text": "a", "id": "x"}\n')
    assert json.loads(lines.stdout)["drafts"][0]["source"] == "<stdin>#x"


def test_an_internal_error_is_told_apart_from_bad_input_by_exit_code_3(monkeypatch):
    def broken(self, draft):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(CheckEngine, "check", broken)
    result = check("sauber.txt")
    assert result.exit_code == 3
    assert "Interner Fehler" in result.stderr and "kaputt" in result.stderr


def test_show_personal_data_is_recorded_in_the_report():
    result = check("sauber.txt", "--format", "json", "--show-personal-data")
    assert json.loads(result.stdout)["personal_data_shown"] is True


def test_the_format_option_offers_exactly_the_registered_report_formats():
    assert [str(name) for name in cli.CheckFormat] == list(REPORTS)


def test_progress_is_shown_on_a_terminal_stderr_for_batches_only(monkeypatch):
    terminal = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=terminal, force_terminal=True, width=80))
    check("stapel.jsonl")
    assert "Entwürfe geprüft" in terminal.getvalue()
    terminal.truncate(0)
    check("sauber.txt")
    assert terminal.getvalue() == ""
    assert check("stapel.jsonl").stderr == ""  # not a terminal: no progress display
