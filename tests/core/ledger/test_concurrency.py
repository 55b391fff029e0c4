"""Concurrent and killed saves: one of several conflicting saves wins, a SIGKILL loses
nothing that was reported saved, and the dataset stays valid (SQLite and PostgreSQL)."""

from __future__ import annotations

import multiprocessing
import random
import signal
import subprocess
import sys
from pathlib import Path

from dashboard.core.io.load import load_dataset
from dashboard.core.ledger import SQLITE_FILE
from dashboard.core.ledger.read import history_entries, open_ledger
from tests.support.ledger_workers import conflicting_save
from tests.support.paths import ROOT

EDITORS = ("North", "South", "East", "West", "Up", "Down")
KILLS = 8


def test_conflicting_saves_at_once_exactly_one_wins(folder, db):
    ctx = multiprocessing.get_context("spawn")
    go, results = ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=conflicting_save, args=(str(folder), c, go, results)) for c in EDITORS
    ]
    for p in procs:
        p.start()
    go.set()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    saved = [o for o in outcomes if o[0] == "saved"]
    refused = [o for o in outcomes if o[0] == "refused"]
    assert len(saved) == 1 and len(refused) == len(EDITORS) - 1, outcomes
    winner, event_id = saved[0][1], saved[0][2]
    for _, loser, message in refused:
        assert (
            f"'Gammaburg' on 2020-03-01: '{loser}' conflicts with '{winner}' in {event_id}"
            in message
        )
    assert [e["event_id"] for e in history_entries(db)] == [event_id]
    events = load_dataset(folder).events
    assert list(events.loc[events["date"] == "2020-03-01", "controller"]) == [winner]


def test_sigkill_during_saves_loses_nothing_reported_saved(folder, db):
    rng = random.Random(20200601)
    reported: list[str] = []
    for kill in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.ledger_workers", str(folder), str(kill % 3), "400"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        lines = [proc.stdout.readline() for _ in range(rng.randint(1, 4))]  # wait for saves
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=60)
        reported += [line.strip() for line in [*lines, *out.splitlines()] if line.strip()]
    data = load_dataset(folder)  # valid after every kill
    saved = set(data.events["event_id"])
    assert reported and set(reported) <= saved
    entries = history_entries(open_ledger(folder))
    team = [e for e in data.events["event_id"] if e.startswith("TL-")]
    assert sorted(e["event_id"] for e in entries) == sorted(team)  # a history entry per row
    leftovers = {p.name for p in Path(folder).iterdir()} - {"events", "dataset.toml", SQLITE_FILE}
    assert leftovers <= {f"{SQLITE_FILE}-wal", f"{SQLITE_FILE}-shm"}
