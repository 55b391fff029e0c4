"""A data folder's model loaded ahead of the first page, while Streamlit's frontend loads.

:mod:`dashboard.warm` starts :func:`preload` in its thread; the page's first load of the
same folder (``dashboard.ui.data``) calls :func:`take`, which waits for that load instead
of starting a second one, and hands the model over only if the folder's files are still
those it was loaded from (:func:`stamp`). An upload offers its folder's model the same way
(:func:`offer`), built from the events its conversion already validated. A folder with a
team ledger is never preloaded: its rows can change at any moment, so the page loads it
itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from dashboard.core.dataset import DATASET_FILE
from dashboard.core.ledger import ledger_configured

__all__ = ["discard", "offer", "preload", "stamp", "take", "WAIT_S"]

WAIT_S = 120.0
"""How long the first page waits for a preload under way before loading by itself."""
Stamp = tuple[tuple[str, int, int], ...]
_LOCK = threading.Lock()
_PENDING: dict[str, tuple[Stamp, Callable[[], Any]]] = {}


def stamp(data_dir: Path) -> Stamp:
    """(name, size, mtime) of every data file of the folder: a new stamp, new data."""
    files = sorted(
        [*data_dir.glob("events/*.csv"), *data_dir.glob("geo/*"), *data_dir.glob("sources/*")]
    )
    files += [p for p in (data_dir / DATASET_FILE,) if p.exists()]
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.is_file())


def preload(data_dir: Path) -> None:
    """Load the folder's model now (in the calling thread) for the first page to take."""
    if ledger_configured(data_dir):
        return
    from dashboard.core.model import Model

    done: Future[Any] = Future()
    with _LOCK:
        _PENDING[str(data_dir)] = (stamp(data_dir), lambda: done.result(timeout=WAIT_S))
    try:
        done.set_result(Model.load(data_dir))
    except BaseException as err:  # noqa: BLE001 - the page loads it again and reports it
        done.set_exception(err)


def offer(data_dir: Path, build: Callable[[], Any]) -> None:
    """Offer the folder's model as its files are now, made by ``build`` when the first load
    takes it (an upload's events, validated by its conversion, need not be read back)."""
    with _LOCK:
        _PENDING[str(data_dir)] = (stamp(data_dir), build)


def discard(data_dir: Path) -> None:
    """Forget what was loaded ahead or offered for the folder (it is gone)."""
    with _LOCK:
        _PENDING.pop(str(data_dir), None)


def take(data_dir: Path) -> Any | None:
    """The preloaded or offered model of the folder (waiting for a load under way), once;
    None when there is none, it failed, or the folder's files changed since."""
    with _LOCK:
        entry = _PENDING.pop(str(data_dir), None)
    if entry is None:
        return None
    before, get = entry
    if stamp(data_dir) != before:
        return None
    try:
        model = get()
    except BaseException:  # noqa: BLE001 - failed or too slow: the page loads by itself
        return None
    return model if stamp(data_dir) == before and not ledger_configured(data_dir) else None
