"""Version history: snapshots load in order, and a rule ID may never be given to another rule."""

import shutil
from pathlib import Path

import pytest

from leitplanke.rulebook.errors import RulebookError
from leitplanke.rulebook.loader import load_rulebook
from leitplanke.rulebook.versions import freeze_current, load_history, version_key

SEED_FILE = "rules/institution-legitimate-interest.yaml"


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


def without_versions(folder: Path) -> Path:
    shutil.rmtree(folder / "versions", ignore_errors=True)
    return folder


def test_versions_sort_numerically():
    assert sorted(["1.10.0", "1.2.0", "1.9.3"], key=version_key) == ["1.2.0", "1.9.3", "1.10.0"]


def test_bundled_history_ends_with_the_current_version(bundled_history, bundled_rulebook):
    assert bundled_history.current == bundled_rulebook
    versions = [version.meta.version for version in bundled_history.versions]
    assert versions == sorted(versions, key=version_key)
    assert len(versions) >= 2


def test_snapshot_with_the_current_version_is_replaced_by_the_current_source(rulebook_copy):
    folder = without_versions(rulebook_copy)
    snapshot(folder, "1.1.0")
    history = load_history(folder)
    assert [v.meta.version for v in history.versions] == ["1.1.0"]


def test_snapshot_folder_must_match_its_version(rulebook_copy):
    folder = without_versions(rulebook_copy)
    target = snapshot(folder, "0.9.0")
    target.rename(target.with_name("0.8.0"))
    with pytest.raises(RulebookError, match=r"Ordnernamen 0\.8\.0"):
        load_history(folder)


def test_removed_rule_id_cannot_come_back(rulebook_copy):
    folder = without_versions(rulebook_copy)
    snapshot(folder, "0.9.0")
    rules = folder / SEED_FILE
    text = rules.read_text(encoding="utf-8")
    second = text.index("  - id: INST-KP-02")
    rules.write_text(text[:second], encoding="utf-8")
    snapshot(folder, "1.0.0")
    rules.write_text(text, encoding="utf-8")  # 1.1.0 revives INST-KP-02
    with pytest.raises(RulebookError) as caught:
        load_history(folder)
    (error,) = caught.value.errors
    assert "INST-KP-02" in str(error) and "neu vergeben" in str(error)
    assert error.file == rules and error.field == "id"


def test_repealed_rule_may_stay_repealed_but_not_return_into_force(rulebook_copy):
    folder = without_versions(rulebook_copy)
    rules = folder / SEED_FILE
    edit(
        rules,
        "    level: soll\n    text: |\n      Die Behörde **soll** spätestens",
        "    level: soll\n    status: repealed\n    text: |\n      Die Behörde **soll** spätestens",
    )
    snapshot(folder, "1.0.0")
    assert len(load_history(folder).versions) == 2  # still repealed in 1.1.0: fine
    edit(rules, "    status: repealed\n", "")
    with pytest.raises(RulebookError, match="INST-KP-02"):
        load_history(folder)


def test_id_moved_to_the_other_audience_is_reuse(rulebook_copy):
    folder = without_versions(rulebook_copy)
    snapshot(folder, "1.0.0")
    edit(folder / SEED_FILE, "audience: institution", "audience: employee")
    with pytest.raises(RulebookError, match="früher für Zielgruppe institution"):
        load_history(folder)


def test_current_version_older_than_a_snapshot_is_an_error(rulebook_copy):
    folder = without_versions(rulebook_copy)
    snapshot(folder, "2.0.0")
    with pytest.raises(RulebookError, match="älter als"):
        load_history(folder)


def test_release_freezes_the_current_version_once(rulebook_copy):
    folder = without_versions(rulebook_copy)
    target = freeze_current(folder)
    assert target == folder / "versions" / "1.1.0"
    assert load_rulebook(target) == load_rulebook(folder)
    with pytest.raises(FileExistsError):
        freeze_current(folder)
