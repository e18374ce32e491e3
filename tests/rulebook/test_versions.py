"""Version history: snapshots load in order, and a rule ID may never be given to another rule."""

import shutil
from pathlib import Path

import pytest

from leitplanke.rulebook.errors import RulebookError
from leitplanke.rulebook.loader import load_rulebook
from leitplanke.rulebook.versions import freeze_current, load_history, version_key

RULES = "rules/mini.yaml"


def snapshot(folder: Path, version: str) -> Path:
    """Freeze the folder's current source as published version `version`."""
    target = folder / "versions" / version
    target.mkdir(parents=True)
    for name in ("rulebook.yaml", "laws.yaml", "rules"):
        source = folder / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    meta = target / "rulebook.yaml"
    text = meta.read_text(encoding="utf-8")
    current = next(line for line in text.splitlines() if line.startswith("version:"))
    meta.write_text(text.replace(current, f"version: {version}"), encoding="utf-8")
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_versions_sort_numerically():
    assert sorted(["1.10.0", "1.2.0", "1.9.3"], key=version_key) == ["1.2.0", "1.9.3", "1.10.0"]


def test_bundled_history_ends_with_the_current_version(bundled_history, bundled_rulebook):
    assert bundled_history.current == bundled_rulebook
    versions = [version.meta.version for version in bundled_history.versions]
    assert versions == sorted(versions, key=version_key)
    assert len(versions) >= 2


def test_snapshot_with_the_current_version_is_replaced_by_the_current_source(mini_copy):
    snapshot(mini_copy, "1.0.0")
    history = load_history(mini_copy)
    assert [v.meta.version for v in history.versions] == ["1.0.0"]


def test_snapshot_folder_must_match_its_version(mini_copy):
    target = snapshot(mini_copy, "0.9.0")
    target.rename(target.with_name("0.8.0"))
    with pytest.raises(RulebookError, match=r"Ordnernamen 0\.8\.0"):
        load_history(mini_copy)


def test_removed_rule_id_cannot_come_back(mini_copy):
    snapshot(mini_copy, "0.9.0")
    rules = mini_copy / RULES
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text[: text.index("  - id: MA-DS-01")], encoding="utf-8")
    snapshot(mini_copy, "0.9.5")
    rules.write_text(text, encoding="utf-8")  # 1.0.0 revives MA-DS-01
    with pytest.raises(RulebookError) as caught:
        load_history(mini_copy)
    (error,) = caught.value.errors
    assert "MA-DS-01" in str(error) and "neu vergeben" in str(error)
    assert error.file == rules and error.field == "id"
    assert error.line == text[: text.index("  - id: MA-DS-01")].count("\n") + 1


def test_repealed_rule_may_stay_repealed_but_not_return_into_force(mini_copy):
    rules = mini_copy / RULES
    edit(rules, "    level: soll\n", "    level: soll\n    status: repealed\n")
    snapshot(mini_copy, "0.9.0")
    assert len(load_history(mini_copy).versions) == 2  # still repealed in 1.0.0: fine
    edit(rules, "    status: repealed\n", "")
    with pytest.raises(RulebookError, match="MA-DS-01"):
        load_history(mini_copy)


def test_id_moved_to_the_other_audience_is_reuse(mini_copy):
    snapshot(mini_copy, "0.9.0")
    edit(mini_copy / RULES, "audience: employee", "audience: institution")
    with pytest.raises(RulebookError, match="früher für Zielgruppe employee"):
        load_history(mini_copy)


def test_current_version_older_than_a_snapshot_is_an_error(mini_copy):
    snapshot(mini_copy, "2.0.0")
    with pytest.raises(RulebookError, match="älter als"):
        load_history(mini_copy)


def test_release_freezes_the_current_version_once(mini_copy):
    target = freeze_current(mini_copy)
    assert target == mini_copy / "versions" / "1.0.0"
    assert load_rulebook(target) == load_rulebook(mini_copy)
    with pytest.raises(FileExistsError):
        freeze_current(mini_copy)
