"""Scan reports: golden text, JSON and SARIF (valid SARIF 2.1.0), an HTML report, the registry."""

import io
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leitplanke import cli
from leitplanke.scan import ScanOptions, SiteScan, scan_site
from leitplanke.scan.reports import (
    BUILT_IN,
    SCAN_REPORTS,
    ScanReportContext,
    build_registry,
    write_report,
)
from tests.checks.reports.test_sarif import schema_errors

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "scan" / "golden"
BASE_URL = "https://www.berlin.de/beispiel/seite.html"
VOLATILE = {
    "started_at": "2026-01-01T00:00:00Z",
    "finished_at": "2026-01-01T00:00:01Z",
    "duration_ms": 1.0,
}

runner = CliRunner()


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/data/scan/golden/<name>; LEITPLANKE_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("LEITPLANKE_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def steady(data):
    """The data with times and durations replaced by fixed values."""
    if isinstance(data, dict):
        return {
            k: VOLATILE.get(k, steady(v)) if k not in VOLATILE else VOLATILE[k]
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [steady(item) for item in data]
    return data


@pytest.fixture(autouse=True)
def in_golden_folder(monkeypatch):
    """File names in the output stay relative, as the user typed them."""
    monkeypatch.chdir(GOLDEN)


def scan(*args):
    return runner.invoke(cli.app, ["scan", *args])


@pytest.mark.parametrize(
    ("output", "golden"),
    [("text", "scan-text.txt"), ("json", "scan-json.json"), ("sarif", "scan-sarif.sarif")],
)
def test_scan_output_matches_golden_file(output, golden):
    result = scan("seite.html", "sauber.html", "--base-url", BASE_URL, "--format", output)
    assert result.exit_code == 1, result.output
    text = result.stdout
    if output != "text":
        text = json.dumps(steady(json.loads(text)), ensure_ascii=False, indent=2) + "\n"
    assert_golden(golden, text)


def test_the_sarif_log_is_valid_sarif_2_1_0():
    result = scan("seite.html", "sauber.html", "--format", "sarif")
    log = json.loads(result.stdout)
    assert schema_errors(log) == []
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {
        "INST-SP-01",
        "INST-SP-02",
        "INST-SP-03",
    }


def test_the_json_report_lists_third_party_hosts_per_page():
    data = json.loads(scan("seite.html", "--format", "json").stdout)
    (page,) = data["sites"][0]["pages"]
    assert page["third_party_hosts_before_consent"] == [
        "connect.facebook.net",
        "www.googletagmanager.com",
        "www.youtube-nocookie.com",
    ]


def test_the_json_report_reads_back_into_the_result_model():
    data = json.loads(scan("seite.html", "--format", "json").stdout)
    site = SiteScan.model_validate(data["sites"][0])
    assert site.pages[0].findings[0].rule_id == "INST-SP-01"


def test_the_html_report_has_a_summary_per_site_and_every_finding(tmp_path):
    target = tmp_path / "bericht.html"
    result = scan("seite.html", "sauber.html", "--format", "html", "--output", str(target))
    assert result.exit_code == 1
    html = target.read_text(encoding="utf-8")
    assert html.count("<caption>Zusammenfassung</caption>") == 2
    assert len(re.findall(r'<td class="level-(error|warning)">', html)) == 4
    assert "Keine Befunde." in html
    assert 'href="https://www.berlin.de/leitplanke/rules/INST-SP-01.html"' in html


def test_the_html_report_escapes_what_pages_contain(scanner, tmp_path):
    page = tmp_path / "x.html"
    page.write_text(
        "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"
        '<iframe src="https://www.youtube.com/embed/&quot;&gt;&lt;b&gt;"></iframe>',
        encoding="utf-8",
    )
    site = scan_site(str(page), ScanOptions(), scanner=scanner)
    out = io.StringIO()
    write_report("html", [site], out, ScanReportContext(scanner))
    assert "<script>alert" not in out.getvalue() and "<b>" not in out.getvalue()


def test_every_built_in_format_is_registered_and_a_duplicate_fails():
    assert set(SCAN_REPORTS) == {"text", "json", "sarif", "html"}
    with pytest.raises(ValueError, match="registered twice"):
        build_registry([*BUILT_IN, BUILT_IN[0]])


def test_a_clean_page_exits_0_and_a_missing_file_2():
    assert scan("sauber.html").exit_code == 0
    result = scan("fehlt.html")
    assert result.exit_code == 2
    assert "weder http(s)-URL noch lesbare Datei" in result.output


def test_bad_options_are_a_usage_error():
    assert scan("seite.html", "--depth", "-1").exit_code == 2
    assert scan("seite.html", "sauber.html", "--state", "x.json").exit_code == 2


def test_a_target_of_which_no_page_could_be_scanned_exits_2(site):
    result = scan(site)  # a loopback address, refused without --allow-private
    assert result.exit_code == 2
    assert "keine Seite geprüft" in result.output
    assert "nicht öffentlichen Adresse" in result.stdout
