"""Diffs between rulebook versions and the word-level redline."""

from hypothesis import given
from hypothesis import strategies as st

from leitplanke.rulebook.diff import diff_rulebooks, redline


def test_redline_marks_replaced_words():
    segments = redline("Die Behörde soll prüfen.", "Die Behörde muss jährlich prüfen.")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "Die Behörde "),
        ("delete", "soll"),
        ("insert", "muss jährlich"),
        ("equal", " prüfen."),
    ]


@given(st.text(), st.text())
def test_redline_reconstructs_both_texts(old, new):
    segments = redline(old, new)
    assert "".join(s.text for s in segments if s.op != "insert") == old
    assert "".join(s.text for s in segments if s.op != "delete") == new


def test_identical_rulebooks_have_an_empty_diff(bundled_rulebook):
    assert diff_rulebooks(bundled_rulebook, bundled_rulebook).is_empty


def test_diff_reports_added_removed_and_changed_rules(bundled_rulebook):
    first, second, *rest = bundled_rulebook.rules
    changed = second.model_copy(update={"text": second.text + "\nZusatz."})
    old = bundled_rulebook.model_copy(update={"rules": (first, second)})
    new = bundled_rulebook.model_copy(update={"rules": (changed, rest[0])})
    diff = diff_rulebooks(old, new)
    assert [r.id for r in diff.added] == [rest[0].id]
    assert [r.id for r in diff.removed] == [first.id]
    (change,) = diff.changed
    assert change.id == second.id
    (field,) = change.changes
    assert field.field == "text"
    assert [s.text for s in field.redline if s.op == "insert"] == ["\nZusatz."]


def test_bundled_history_diff_shows_changes(bundled_history):
    old, new = bundled_history.versions[-2], bundled_history.versions[-1]
    assert not diff_rulebooks(old, new).is_empty
