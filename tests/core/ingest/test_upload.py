"""Upload budgets (bytes, rows, seconds, problem lines) and the private scratch folders."""

from __future__ import annotations

import gc
import os
import stat
import time

import pytest

from dashboard.core.ingest import scratch, upload
from dashboard.core.io.gazetteer import load_gazetteer
from tests.support.builders import EVENT_HEADER
from tests.support.paths import ROOT

GAZETTEER = load_gazetteer(ROOT / "data" / "geo" / "places.csv")
BAD_ROW = "X{i},2020-13-45,Nowhere{i},ninety,200,LNA,,decade,capture,maybe,T{i},W,,javascript:x,"
GOOD_ROW = "G{i},2020-01-01,Gharyan,,,GNA,,day,capture,confirmed,T{i},W,,,"


def rows(template: str, n: int) -> bytes:
    return ("\n".join([EVENT_HEADER, *(template.format(i=i) for i in range(n))]) + "\n").encode()


def convert(raw: bytes, **budget) -> upload.Converted:
    return upload.convert_upload(raw, "up.csv", "Frontline CSV", GAZETTEER, upload.Budget(**budget))


def test_more_rows_than_the_budget_are_refused_before_parsing():
    raw = EVENT_HEADER.encode() + b"\n" + b"not,even,csv\n" * (upload.MAX_ROWS + 5)
    result = convert(raw)
    assert result.problems == (
        f"up.csv: about {upload.MAX_ROWS + 6:,} rows is over the {upload.MAX_ROWS:,}-row upload "
        f"limit; {upload.ADVICE}",
    )


def test_more_bytes_than_the_budget_are_refused():
    result = convert(rows(GOOD_ROW, 50), max_bytes=1000)
    assert result.problems[0].startswith("up.csv: 0.0 MB is over the 0 MB upload limit")


def test_a_spent_time_budget_stops_with_a_message():
    result = convert(rows(GOOD_ROW, 50), max_seconds=0.0)
    assert len(result.problems) == 1
    assert "stopped after 0 s (upload time limit 0 s)" in result.problems[0]


def test_bad_rows_build_at_most_the_budgeted_problem_lines():
    result = convert(rows(BAD_ROW, 5000))
    assert len(result.problems) == upload.MAX_PROBLEMS + 1
    assert result.problems[0] == (
        f"up.csv: 20,000 problems; the first {upload.MAX_PROBLEMS} found are listed"
    )
    assert result.problems[1] == "up.csv:2: impossible date '2020-13-45' (no such day)"


def test_a_good_upload_converts_within_budget():
    result = convert(rows(GOOD_ROW, 500))
    assert result.ok and result.counts == {"rows_read": 500, "control_changes": 500}
    assert result.events_csv.startswith(b"event_id,date,place,")


def test_a_failure_is_cached_like_a_success(monkeypatch):
    from dashboard.ui import upload as ui_upload

    calls = []
    real = upload.convert_upload

    def counted(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(upload, "convert_upload", counted)
    ui_upload._CHECKED.clear()
    raw = rows(BAD_ROW, 20)
    first = ui_upload.convert_upload(raw, "bad.csv", "Frontline CSV")
    again = ui_upload.convert_upload(raw, "bad.csv", "Frontline CSV")
    assert not first.ok and again == first
    assert calls == ["bad.csv"]  # checked once
    assert 0 < ui_upload._CHECKED.nbytes <= ui_upload.CHECKED_BYTES


def test_scratch_folder_is_private_and_removed_with_its_session(tmp_path):
    holder = scratch.ScratchDir(tmp_path)
    path = holder.path
    scratch.write_events(holder.touch(), b"a,b\n1,2\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o700
    assert stat.S_IMODE((path / "events").stat().st_mode) == 0o700
    assert stat.S_IMODE((path / "events" / "upload.csv").stat().st_mode) == 0o600
    assert path.name.startswith(scratch.PREFIX) and len(path.name) > len(scratch.PREFIX) + 6
    del holder
    gc.collect()
    assert not path.exists()


def test_sweep_removes_only_old_scratch_folders(tmp_path):
    old, fresh = scratch.ScratchDir(tmp_path), scratch.ScratchDir(tmp_path)
    other = tmp_path / "frontline-data"
    other.mkdir()
    hour_ago = time.time() - scratch.MAX_AGE_S - 60
    for path in (old.path, other):
        os.utime(path, (hour_ago, hour_ago))
    assert scratch.sweep(tmp_path) == [old.path]
    assert fresh.path.exists() and other.exists() and not old.path.exists()
    assert old.touch().exists()  # a swept session gets its folder back on the next rerun


def test_unknown_kind_is_a_problem_not_a_crash():
    result = upload.convert_upload(b"a\n1\n", "x.csv", "Excel", GAZETTEER)
    assert result.problems == (
        "x.csv: unknown upload kind 'Excel' (known: Frontline CSV, ACLED export)",
    )


@pytest.mark.parametrize("kind", upload.KINDS)
def test_both_kinds_refuse_an_empty_file(kind):
    result = upload.convert_upload(b"", "e.csv", kind, GAZETTEER)
    assert not result.ok and result.problems[0].startswith("e.csv")
