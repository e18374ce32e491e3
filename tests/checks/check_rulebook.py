"""The small rulebook with checks that tests of inputs, reports, CLI, API and page share."""

from functools import cache
from pathlib import Path

from leitplanke.checks.engine import CheckEngine
from leitplanke.checks.finding import Finding, Severity
from leitplanke.publish.publication import Publication
from leitplanke.rulebook.versions import load_history

DATA = Path(__file__).parents[1] / "data"
CHECKS = DATA / "rulebooks" / "checks"
DRAFTS = DATA / "drafts"


@cache
def checks_engine() -> CheckEngine:
    """The engine of the checks rulebook (three rules: muss, soll, kann; each a pattern check)."""
    history = load_history(CHECKS)
    return CheckEngine(Publication(history, str(history.current.meta.base_uri)))


def finding(start: int, end: int, **changes: object) -> Finding:
    """A finding made by hand, e.g. a sensitive one that no pattern check reports."""
    values: dict[str, object] = {
        "rule_id": "MA-DS-01",
        "rule_title": "Keine personenbezogenen Daten Dritter posten",
        "level": Severity.WARNING,
        "check_type": "personal_data",
        "message": "Telefonnummer",
        "start": start,
        "end": end,
        "line": 1,
        "column": start + 1,
        "end_line": 1,
        "end_column": end + 1,
        "matched": "",
        "fix": None,
        "kind": None,
        "confidence": 1.0,
        "sensitive": False,
        "legal_basis": ["Art. 6 Abs. 1 DSGVO"],
        "rule_url": "https://regeln.example/checks/rules/MA-DS-01.html",
    }
    return Finding.model_validate(values | changes)
