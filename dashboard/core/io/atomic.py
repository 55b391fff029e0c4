"""Crash-safe file writes: temp file in the same folder, flush + fsync, then ``os.replace``.

A reader (or a crash) never sees a half-written file: it sees the old content or the new.
Temp files are named ``.NAME.XXXX.tmp`` so that no ``*.csv`` glob ever picks one up.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from filelock import FileLock

from dashboard.core.errors import DataError

__all__ = [
    "append_rows_locked",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_writer",
    "DEFAULT_UMASK",
    "LOCK_TIMEOUT_S",
]

LOCK_TIMEOUT_S = 30.0
DEFAULT_UMASK = 0o022


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (same-folder temp file, fsync, rename).

    The file keeps its permission bits when it already exists.
    """
    with atomic_writer(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary handle whose content replaces ``path`` atomically when the block ends
    without an error (as :func:`atomic_write_bytes`, for data written piece by piece)."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode(encoding))


def append_rows_locked(
    path: str | os.PathLike[str],
    rows: Iterable[Mapping[str, object]],
    columns: Sequence[str] | None = None,
    timeout: float = LOCK_TIMEOUT_S,
) -> int:
    """Append CSV rows to ``path`` under an exclusive lock; return how many were added.

    Holds ``PATH.lock`` (filelock) while it reads the file, adds the rows and atomically
    replaces it, so concurrent writers (threads or processes) never lose or interleave rows.
    A new file gets a header from ``columns`` (else the first row's keys). Keys that are not
    columns of the file raise DataError; missing keys are written empty. Cells are written
    as given (data keeps its text; exports neutralise formulas).
    """
    target = Path(path)
    batch = [dict(row) for row in rows]
    with FileLock(str(target) + ".lock", timeout=timeout):
        existing = target.read_text(encoding="utf-8-sig") if target.exists() else ""
        header = _header(existing) or list(columns or (batch[0].keys() if batch else []))
        if not header:
            raise ValueError(f"{target}: no columns given for a new CSV file")
        _check_keys(batch, header, target)
        text = existing if existing.endswith("\n") or not existing else existing + "\n"
        text += _render(batch, header, with_header=not existing)
        atomic_write_text(target, text)
    return len(batch)


def _header(text: str) -> list[str]:
    """Column names of a CSV text (first record), or [] for empty text."""
    if not text.strip():
        return []
    return next(csv.reader(io.StringIO(text)), [])


def _check_keys(batch: list[dict[str, object]], header: list[str], path: Path) -> None:
    known = set(header)
    unknown = sorted({key for row in batch for key in row if key not in known})
    if unknown:
        message = f"unknown column(s) {', '.join(unknown)} (file has: {', '.join(header)})"
        raise DataError.single(str(path), 1, message)


def _render(batch: list[dict[str, object]], header: list[str], with_header: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if with_header:
        writer.writerow(header)
    for row in batch:
        writer.writerow(["" if row.get(c) is None else str(row[c]) for c in header])
    return out.getvalue()


def _mode_for(target: Path) -> int:
    """Permission bits for the new file: the old file's, else 0o666 minus the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it (os.umask would race other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return DEFAULT_UMASK


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
