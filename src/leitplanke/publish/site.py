"""Writes a publication to a folder atomically: all or nothing, old output kept on failure."""

import shutil
import tempfile
from pathlib import Path, PurePosixPath

from leitplanke.publish.publication import Artifact

MARKER = ".leitplanke-publication"


class PublishError(Exception):
    """The output folder cannot be (re)written."""


def write_site(artifacts: list[Artifact], out: Path) -> None:
    """Write `artifacts` below `out`, replacing a previous publication there only on success."""
    out = Path(out).absolute()
    if out.exists() and not _is_replaceable(out):
        raise PublishError(
            f"{out}: Ordner enthält Dateien, die nicht von Leitplanke stammen; "
            "bitte leeren oder einen anderen Ordner wählen"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for artifact in artifacts:
            target = staging / _safe_relative(artifact.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(artifact.content)
        (staging / MARKER).write_text(
            "Von Leitplanke erzeugt; wird beim nächsten Veröffentlichen ersetzt.\n"
        )
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _is_replaceable(out: Path) -> bool:
    return out.is_dir() and (not any(out.iterdir()) or (out / MARKER).is_file())


def _safe_relative(path: str) -> Path:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise PublishError(f"unzulässiger Pfad eines Artefakts: {path!r}")
    return Path(*relative.parts)


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` in place of `out`; the old folder is removed only after the new one is in."""
    if not out.exists():
        staging.rename(out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    retired.rmdir()
    out.rename(retired)
    try:
        staging.rename(out)
    except BaseException:
        retired.rename(out)
        raise
    shutil.rmtree(retired, ignore_errors=True)
