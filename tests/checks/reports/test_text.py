"""Report format `text`: `file:line:col: Stufe REGEL-ID Meldung [Vorschlag]`, then a summary."""

from pathlib import Path

from leitplanke.checks.draft import Draft
from leitplanke.checks.input import SourcedDraft
from leitplanke.checks.results import CheckedDraft
from leitplanke.rulebook.errors import SourceError
from tests.checks.check_rulebook import finding
from tests.checks.reports.reporting import POST, PRIVATE, RECORD, UNNAMED, run, run_checked


def test_each_finding_is_one_line_with_place_level_rule_message_and_fix():
    assert run("text", [POST, RECORD, UNNAMED, PRIVATE]).splitlines() == [
        "post.md:1:7: Hinweis INST-CI-01 Fachbegriff der Plattform – bei Bedarf erklären",
        "post.md:1:7: Fehler INST-SP-01 Social Plugin ohne Zwei-Klick-Lösung? "
        "[Zwei-Klick-Lösung einbinden]",
        "batch.jsonl#L3:1:5: Hinweis INST-CI-01 Fachbegriff der Plattform – bei Bedarf erklären",
        "batch.jsonl#privat:1:12: Warnung MA-DS-01 Anschrift einer Person? [Anschrift weglassen]",
        "4 Entwürfe geprüft: 1 Fehler, 1 Warnung, 2 Hinweise.",
    ]


def test_without_findings_the_summary_says_so():
    assert run("text", [RECORD]) == "1 Entwurf geprüft: keine Befunde.\n"


def test_an_input_error_is_noted_after_the_summary():
    error = SourceError(Path("batch.jsonl"), 4, 1, "text", "fehlt")
    assert run("text", [RECORD], fail_with=[error]).splitlines() == [
        "1 Entwurf geprüft: keine Befunde.",
        "Abgebrochen: Die Eingabe enthält Fehler (siehe Fehlerausgabe).",
    ]


def test_personal_data_is_masked_in_message_and_fix_unless_asked_for():
    draft = SourcedDraft(Draft(text="Ruf an: 0171 1234567"), "post.txt", whole_file=True)
    sensitive = finding(
        8,
        20,
        sensitive=True,
        matched="0171 1234567",
        message="Telefonnummer 0171 1234567",
        fix="0171 1234567 entfernen",
    )
    checked = [CheckedDraft(draft, [sensitive])]
    assert run_checked("text", checked).splitlines()[0] == (
        "post.txt:1:9: Warnung MA-DS-01 Telefonnummer 0**********7 [0**********7 entfernen]"
    )
    assert "0171 1234567 entfernen" in run_checked("text", checked, show_personal_data=True)
