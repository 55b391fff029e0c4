"""Atomic writes and locked appends: no half-written file, no lost row."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import textwrap

import pytest

import dashboard.core.io.atomic as atomic
from dashboard.core.errors import DataError
from dashboard.core.io.atomic import append_rows_locked, atomic_write_text
from tests.support.paths import ROOT


def test_write_replaces_content_and_keeps_permissions(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old\n")
    path.chmod(0o640)
    atomic_write_text(path, "new\n")
    assert path.read_text() == "new\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_new_file_gets_umask_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "new.csv", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o644


def test_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "out.csv"
    path.write_text("complete old content\n")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_text(path, "half" * 1000)
    assert path.read_text() == "complete old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_temp_files_never_match_a_csv_glob(tmp_path, monkeypatch):
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append(os.path.basename(src))
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", spy)
    atomic_write_text(tmp_path / "events.csv", "x")
    assert seen and seen[0].startswith(".events.csv.") and seen[0].endswith(".tmp")


def test_append_creates_header_then_appends(tmp_path):
    path = tmp_path / "log.csv"
    append_rows_locked(
        path, [{"event_id": "E1", "notes": "first"}], columns=["event_id", "date", "notes"]
    )
    append_rows_locked(path, [{"event_id": "E2", "date": "2020-01-02", "notes": "=1+1"}])
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows == [
        ["event_id", "date", "notes"],
        ["E1", "", "first"],
        ["E2", "2020-01-02", "=1+1"],  # data keeps its text; exports neutralise it
    ]


def test_append_refuses_unknown_columns(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("event_id,date\nE1,2020-01-01")  # no final newline
    with pytest.raises(DataError, match="unknown column"):
        append_rows_locked(path, [{"event_id": "E2", "colour": "red"}])
    append_rows_locked(path, [{"event_id": "E2", "date": "2020-01-02"}])
    assert path.read_text() == "event_id,date\nE1,2020-01-01\nE2,2020-01-02\n"


WORKER = textwrap.dedent(
    """
    import sys
    from dashboard.core.io.atomic import append_rows_locked
    path, who = sys.argv[1], sys.argv[2]
    for i in range(200):
        append_rows_locked(path, [{"event_id": f"{who}-{i}", "notes": "a, \\"quoted\\"\\nline"}],
                           columns=["event_id", "notes"])
    """
)


def test_two_processes_appending_200_rows_each_lose_nothing(tmp_path):
    path = tmp_path / "shared.csv"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), who], cwd=ROOT, stderr=subprocess.PIPE
        )
        for who in ("A", "B")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    ids = [r["event_id"] for r in rows]
    assert len(rows) == 400 and len(set(ids)) == 400
    assert [i for i in ids if i.startswith("A-")] == [f"A-{i}" for i in range(200)]
    assert all(r["notes"] == 'a, "quoted"\nline' for r in rows)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.csv", "shared.csv.lock"]
