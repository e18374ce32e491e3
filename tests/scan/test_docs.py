"""docs/scanning.md keeps up with the scanner: options, formats, categories and CLI flags."""

import re
from pathlib import Path

from typer.testing import CliRunner

from leitplanke import cli
from leitplanke.scan import ScanOptions, load_catalogue
from leitplanke.scan.reports import SCAN_REPORTS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "scanning.md").read_text(encoding="utf-8")


def test_every_option_of_a_scan_is_documented():
    for field in ScanOptions.model_fields:
        assert f"| `{field}` |" in DOC, field


def test_every_report_format_and_category_is_documented():
    for name in SCAN_REPORTS:
        assert f"- `{name}`:" in DOC, name
    for category in load_catalogue().categories:
        assert f"| `{category.id}` |" in DOC, category.id


def test_every_command_line_option_is_documented():
    help_text = CliRunner().invoke(cli.app, ["scan", "--help"], terminal_width=200).output
    options = set(re.findall(r"--[a-z][a-z-]+", help_text)) - {"--help"}
    assert options
    for option in options:
        assert f"| `{option}` |" in DOC, option
