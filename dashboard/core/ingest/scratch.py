"""Private scratch folders for uploads: 0700, unpredictable names, removed when done or old.

Each browser session gets its own folder (:class:`ScratchDir`); it is deleted when the
object is garbage-collected (the session ended) and, as a backstop for a server that was
killed, :func:`sweep` deletes this user's scratch folders unused for :data:`MAX_AGE_S`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import weakref
from pathlib import Path

import tomli_w

from dashboard.core.io.atomic import atomic_write_bytes
from dashboard.core.schema import FACTIONS_FILE

__all__ = ["MAX_AGE_S", "PREFIX", "ScratchDir", "sweep", "write_events", "write_factions"]

PREFIX = "frontline-upload-"
MAX_AGE_S = 3600.0
"""Seconds a scratch folder may stay unused before :func:`sweep` deletes it."""


class ScratchDir:
    """A private folder (mode 0700) that is deleted with this object or at exit."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=root))  # mkdtemp: mode 0700
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(self.path), True)

    def touch(self) -> Path:
        """Mark the folder as used now (so :func:`sweep` keeps it); recreate it if swept."""
        if not self.path.is_dir():
            self.path.mkdir(mode=0o700, parents=True)
        os.utime(self.path)
        return self.path

    def remove(self) -> None:
        """Delete the folder now."""
        self._finalizer()


def write_events(
    folder: Path, events_csv: bytes, name: str = "upload.csv", title: str | None = None
) -> Path:
    """Write ``events/NAME`` (0700 sub-folder, atomic) and, with ``title``, a dataset.toml
    naming the data; return the events file."""
    if title is not None:
        toml = tomli_w.dumps({"title": title[:200]}).encode("utf-8")
        if not (folder / "dataset.toml").exists() or (folder / "dataset.toml").read_bytes() != toml:
            atomic_write_bytes(folder / "dataset.toml", toml)
    return _write_private(folder / "events" / name, events_csv)


def write_factions(folder: Path, factions_csv: bytes) -> Path:
    """Write ``events/factions.csv`` (the upload's colour table; atomic, mode 0600)."""
    return _write_private(folder / "events" / FACTIONS_FILE, factions_csv)


def _write_private(target: Path, content: bytes) -> Path:
    """Write ``target`` atomically in a 0700 folder, only when its bytes change (so the
    data's signature, and the app's caches, stay as they were otherwise)."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != content:
        atomic_write_bytes(target, content)
        target.chmod(0o600)
    return target


def sweep(
    root: str | os.PathLike[str] | None = None,
    max_age_s: float = MAX_AGE_S,
    now: float | None = None,
) -> list[Path]:
    """Delete this user's scratch folders under ``root`` unused for ``max_age_s``; list them."""
    base = Path(root or tempfile.gettempdir())
    now = time.time() if now is None else now
    removed = []
    for folder in base.glob(PREFIX + "*"):
        try:
            info = folder.lstat()
        except OSError:
            continue
        mine = info.st_uid == os.getuid() and folder.is_dir() and not folder.is_symlink()
        if mine and now - info.st_mtime > max_age_s:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
