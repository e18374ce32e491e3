"""Loading rulebooks: the bundled one loads, and every error names file, line and field."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leitplanke.rulebook.errors import RulebookError
from leitplanke.rulebook.loader import load_rulebook

SEED_FILE = "rules/institution-legitimate-interest.yaml"


def replace_in(folder: Path, relative: str, old: str, new: str) -> None:
    path = folder / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(folder: Path, relative: str, needle: str) -> int:
    lines = (folder / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def errors_of(folder: Path) -> tuple[str, ...]:
    with pytest.raises(RulebookError) as caught:
        load_rulebook(folder)
    return tuple(str(error) for error in caught.value.errors)


def test_bundled_rulebook_loads_with_rules_for_both_audiences(bundled_rulebook):
    audiences = {rule.audience for rule in bundled_rulebook.rules}
    assert audiences == {"institution", "employee"}
    assert len(bundled_rulebook.rules) >= 60


# (what is broken, old text, new text, field named, message part, line marker)
FIELD_ERRORS = [
    (
        "unknown aspect",
        "aspect: legitimate_interest",
        "aspect: gossip",
        "aspect",
        "unzulässiger Wert",
        "aspect: gossip",
    ),
    ("bad level", "level: muss", "level: must", "level", "unzulässiger Wert", "level: must"),
    ("malformed id", "id: INST-KP-01", "id: inst-kp-1", "id", "Format ungültig", "id: inst-kp-1"),
    (
        "unknown field",
        "level: muss",
        "level: muss\n    colour: red",
        "colour",
        "unbekanntes Feld",
        "colour: red",
    ),
    (
        "bad url",
        "law: DSGVO\n        provision: Art. 5 Abs. 2",
        "law: DSGVO\n        url: not a url\n        provision: Art. 5 Abs. 2",
        "url",
        "URL",
        "url: not a url",
    ),
]


@pytest.mark.parametrize(
    ("case", "old", "new", "field", "message", "marker"),
    FIELD_ERRORS,
    ids=[c[0] for c in FIELD_ERRORS],
)
def test_invalid_field_is_reported_with_file_line_and_field(
    rulebook_copy, case, old, new, field, message, marker
):
    replace_in(rulebook_copy, SEED_FILE, old, new)
    errors = errors_of(rulebook_copy)
    line = line_of(rulebook_copy, SEED_FILE, marker)
    expected_prefix = f"{rulebook_copy / SEED_FILE}:{line}:"
    assert any(e.startswith(expected_prefix) and field in e and message in e for e in errors), (
        errors
    )


def test_missing_required_field_names_the_rule_and_field(rulebook_copy):
    replace_in(
        rulebook_copy,
        SEED_FILE,
        "    title: Social-Media-Auftritt nur nach dokumentiertem Klärungsprozess\n",
        "",
    )
    (error,) = errors_of(rulebook_copy)
    assert "rules[0] (INST-KP-01).title: Pflichtfeld fehlt" in error
    assert error.startswith(
        f"{rulebook_copy / SEED_FILE}:{line_of(rulebook_copy, SEED_FILE, 'id: INST-KP-01')}:"
    )


def test_all_errors_are_reported_at_once(rulebook_copy):
    replace_in(rulebook_copy, SEED_FILE, "level: muss", "level: must")
    replace_in(rulebook_copy, "rulebook.yaml", "language: de", "language: Deutsch")
    errors = errors_of(rulebook_copy)
    assert any("rulebook.yaml" in e and "language" in e for e in errors)
    assert any(SEED_FILE in e and "level" in e for e in errors)


def test_yaml_syntax_error_names_line_and_column(rulebook_copy):
    (rulebook_copy / "rules" / "zz-broken.yaml").write_text(
        "rules:\n  - id: [INST-ZZ-01\n", encoding="utf-8"
    )
    errors = errors_of(rulebook_copy)
    assert any(
        e.startswith(f"{rulebook_copy / 'rules' / 'zz-broken.yaml'}:3:") and "YAML" in e
        for e in errors
    ), errors


def test_duplicate_rule_id_is_an_error_pointing_at_the_second_place(rulebook_copy):
    replace_in(rulebook_copy, SEED_FILE, "id: INST-KP-02", "id: INST-KP-01")
    errors = errors_of(rulebook_copy)
    line = line_of(rulebook_copy, SEED_FILE, "title: Regelmäßige Überprüfung") - 1
    assert any(f"{SEED_FILE}:{line}:" in e and "INST-KP-01 doppelt" in e for e in errors), errors


def test_citing_an_undeclared_law_is_an_error(rulebook_copy):
    replace_in(rulebook_copy, SEED_FILE, "law: DSGVO", "law: NOPE")
    errors = errors_of(rulebook_copy)
    assert any("legal_bases[0].law" in e and "'NOPE'" in e for e in errors), errors


def test_reference_to_unknown_rule_is_an_error(rulebook_copy):
    replace_in(rulebook_copy, SEED_FILE, "see_also: [INST-KP-01]", "see_also: [INST-XX-99]")
    errors = errors_of(rulebook_copy)
    assert any("see_also[0]" in e and "INST-XX-99" in e for e in errors), errors


def test_evaluation_later_than_two_years_after_entry_into_force_is_rejected(rulebook_copy):
    replace_in(
        rulebook_copy, "rulebook.yaml", "evaluation_due: 2028-03-31", "evaluation_due: 2029-01-01"
    )
    errors = errors_of(rulebook_copy)
    assert any("rulebook.yaml" in e and "zwei Jahre" in e for e in errors), errors


def test_missing_folder_is_reported(tmp_path):
    errors = errors_of(tmp_path / "nowhere")
    assert "nicht gefunden" in errors[0]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=400))
def test_any_rule_file_content_loads_or_fails_with_located_errors(rulebook_copy, content):
    path = rulebook_copy / "rules" / "zz-fuzz.yaml"
    path.write_text(content, encoding="utf-8")
    lines = max(1, len(content.splitlines()) + 1)
    try:
        load_rulebook(rulebook_copy)
    except RulebookError as error:
        assert error.errors
        for item in error.errors:
            assert item.line >= 1 and item.column >= 1
            if item.file == path:
                assert item.line <= lines + 1
