"""Writing a publication: all or nothing, never into a folder of someone else's files."""

from pathlib import Path

import pytest

from leitplanke.publish.publication import Artifact
from leitplanke.publish.site import MARKER, PublishError, write_site


def artifacts(version: str, count: int = 5) -> list[Artifact]:
    return [
        Artifact(f"dir{i % 2}/file{i}.txt", "text/plain", version.encode()) for i in range(count)
    ]


def contents(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MARKER
    }


def test_publication_is_written_with_a_marker(tmp_path):
    write_site(artifacts("v1"), tmp_path / "site")
    assert contents(tmp_path / "site")["dir0/file0.txt"] == b"v1"
    assert (tmp_path / "site" / MARKER).is_file()


def test_new_publication_replaces_the_old_one_completely(tmp_path):
    write_site(artifacts("v1", 6), tmp_path / "site")
    write_site(artifacts("v2", 3), tmp_path / "site")
    assert contents(tmp_path / "site") == {f"dir{i % 2}/file{i}.txt": b"v2" for i in range(3)}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_interrupted_publication_leaves_the_previous_output_untouched(tmp_path, monkeypatch):
    write_site(artifacts("v1"), tmp_path / "site")
    before = contents(tmp_path / "site")
    original = Path.write_bytes
    written = []

    def interrupted_write(self: Path, data: bytes) -> int:
        if len(written) == 2:
            raise KeyboardInterrupt
        written.append(self)
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", interrupted_write)
    with pytest.raises(KeyboardInterrupt):
        write_site(artifacts("v2"), tmp_path / "site")
    monkeypatch.undo()
    assert contents(tmp_path / "site") == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left behind


def test_failure_while_swapping_restores_the_previous_output(tmp_path, monkeypatch):
    write_site(artifacts("v1"), tmp_path / "site")
    before = contents(tmp_path / "site")
    original = Path.rename
    calls = []

    def failing_rename(self: Path, target: Path) -> Path:
        calls.append(self)
        if len(calls) == 2:  # moving the new folder into place
            raise OSError("disk full")
        return original(self, target)

    monkeypatch.setattr(Path, "rename", failing_rename)
    with pytest.raises(OSError, match="disk full"):
        write_site(artifacts("v2"), tmp_path / "site")
    monkeypatch.undo()
    assert contents(tmp_path / "site") == before


def test_folder_with_foreign_files_is_refused_and_left_alone(tmp_path):
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "thesis.odt").write_bytes(b"precious")
    with pytest.raises(PublishError, match="nicht von Leitplanke"):
        write_site(artifacts("v1"), tmp_path / "home")
    assert (tmp_path / "home" / "thesis.odt").read_bytes() == b"precious"


@pytest.mark.parametrize("path", ["../escape.txt", "/etc/passwd", ""])
def test_artifact_paths_cannot_leave_the_output_folder(tmp_path, path):
    with pytest.raises(PublishError, match="unzulässiger Pfad"):
        write_site([Artifact(path, "text/plain", b"x")], tmp_path / "site")
    assert not (tmp_path / "escape.txt").exists()
