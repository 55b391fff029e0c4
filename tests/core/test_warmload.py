"""core/warmload.py: the model loaded ahead of the first page, handed over once and only
while the folder's files are unchanged."""

from __future__ import annotations

import os
from pathlib import Path

from dashboard.core import warmload
from dashboard.core.model import Model
from tests.support.builders import write_points


def test_the_preloaded_model_is_taken_once(tmp_path: Path):
    folder = write_points(tmp_path / "data", [(32.0, 13.0), (32.5, 13.5)])
    warmload.preload(folder)
    model = warmload.take(folder)
    assert isinstance(model, Model) and sorted(model.data.places["place"]) == ["P0", "P1"]
    assert warmload.take(folder) is None  # handed over once


def test_a_folder_changed_after_the_preload_is_loaded_again(tmp_path: Path):
    folder = write_points(tmp_path / "data", [(32.0, 13.0), (32.5, 13.5)])
    warmload.preload(folder)
    table = next((folder / "events").glob("*.csv"))
    stat = table.stat()
    os.utime(table, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert warmload.take(folder) is None


def test_a_folder_with_a_team_ledger_is_never_preloaded(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("FRONTLINE_DB_URL", raising=False)
    folder = write_points(tmp_path / "data", [(32.0, 13.0), (32.5, 13.5)])
    (folder / "ledger.sqlite").write_bytes(b"")
    warmload.preload(folder)  # skipped: the ledger's rows may change at any moment
    (folder / "ledger.sqlite").unlink()
    assert warmload.take(folder) is None


def test_a_folder_never_preloaded_gives_nothing(tmp_path: Path):
    assert warmload.take(tmp_path) is None


def test_an_offered_model_is_built_when_taken_and_only_for_unchanged_files(tmp_path: Path):
    folder = write_points(tmp_path / "data", [(32.0, 13.0), (32.5, 13.5)])
    built = []
    warmload.offer(folder, lambda: built.append(1) or "model")
    assert built == []  # nothing built until a load takes it
    assert warmload.take(folder) == "model" and built == [1]
    warmload.offer(folder, lambda: built.append(2) or "model")
    table = next((folder / "events").glob("*.csv"))
    stat = table.stat()
    os.utime(table, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert warmload.take(folder) is None and built == [1]  # new files: loaded from them
    warmload.offer(folder, lambda: "model")
    warmload.discard(folder)
    assert warmload.take(folder) is None
