"""``python -m bench.ledger [--saves N] [--out FILE]``: team-ledger numbers on the bundled data.

- ``save``: one validated ``add_event`` (whole-dataset load inside the write transaction)
  on SQLite and on a throwaway PostgreSQL cluster; baseline: the old editor's save (one-row
  ``validate_events`` and ``append_rows_locked`` to ``events/edits.csv``), which checked
  nothing against the rest of the dataset inside its lock.
- ``conflict``: six processes save different holders for one place and day at once, for
  several rounds; counts of saved and refused.
- ``sign_in``: a correct sign-in, a wrong one, and a refusal while locked (the same work
  since issue 22); how many guesses the lockout rules allow on one account, and the
  client throttle to one client, in the first hour.
Writes ``bench/results/ledger.json`` and prints the rows.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench.timing import ROOT, machine, measure, result
from dashboard.core.export.neutralise import csv_text
from dashboard.core.io.atomic import append_rows_locked
from dashboard.core.io.csvread import read_csv_text
from dashboard.core.io.load import load_dataset
from dashboard.core.io.validate import validate_events
from dashboard.core.ledger import DB_URL_ENV, accounts, store
from dashboard.core.ledger.read import open_ledger
from dashboard.core.ledger.throttle import CLIENT_FAILURES, CLIENT_WINDOW_S
from dashboard.core.ledger.writes import add_event
from dashboard.core.schema import EVENT_COLUMNS
from tests.support.ledger_workers import conflicting_save
from tests.support.pgserver import throwaway_cluster

OUT = ROOT / "bench" / "results" / "ledger.json"
ROUNDS = 5
EDITORS = ("North", "South", "East", "West", "Up", "Down")


def _rows():
    day = 0
    while True:
        day += 1
        yield {"date": f"2021-{day // 28 % 12 + 1:02d}-{day % 28 + 1:02d}", "place": "Bench",
               "lat": "32.1", "lon": "13.1", "controller": "GNA", "confidence": "claimed",
               "source_title": "bench"}  # fmt: skip


def _folder(root: Path, name: str) -> Path:
    target = root / name
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("ledger.sqlite*"))
    return target


def old_save(folder: Path, row: dict[str, str]) -> None:
    """The editor's save before the ledger: validate the row alone, append under a file lock."""
    target = folder / "events" / "edits.csv"
    full = {c: row.get(c, "") for c in EVENT_COLUMNS} | {"event_id": f"ED-{os.urandom(4).hex()}"}
    import pandas as pd

    text = csv_text(pd.DataFrame([full], columns=list(EVENT_COLUMNS)))
    validate_events(read_csv_text(text, str(target)), str(target), None)
    append_rows_locked(target, [full], columns=list(EVENT_COLUMNS))


def save_rows(root: Path, backend: str, saves: int) -> dict[str, Any]:
    folder = _folder(root, f"save-{backend}")
    db, rows = open_ledger(folder), _rows()
    ours = measure(lambda: add_event(db, next(rows), "bench"), saves, budget_s=120)
    base_folder = _folder(root, f"old-{backend}")
    baseline = measure(lambda: old_save(base_folder, next(rows)), saves, budget_s=60)
    events = len(load_dataset(folder).events)
    return result("save", {"backend": backend, "events_after": events}, ours, baseline)


def conflict_rounds(root: Path, backend: str) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    saved = refused = 0
    for n in range(ROUNDS):
        folder = _folder(root, f"conflict-{backend}-{n}")
        shutil.rmtree(folder / "events")
        shutil.copytree(ROOT / "tests" / "data" / "tiny" / "events", folder / "events")
        go, results = ctx.Event(), ctx.Queue()
        procs = [
            ctx.Process(target=conflicting_save, args=(str(folder), c, go, results))
            for c in EDITORS
        ]
        for p in procs:
            p.start()
        go.set()
        outcomes = [results.get(timeout=120)[0] for _ in procs]
        for p in procs:
            p.join()
        saved += outcomes.count("saved")
        refused += outcomes.count("refused")
    return {"name": "conflict", "params": {"backend": backend, "rounds": ROUNDS,
            "writers": len(EDITORS)}, "saved": saved, "refused": refused}  # fmt: skip


def sign_in_rows(root: Path, backend: str) -> dict[str, Any]:
    db = open_ledger(_folder(root, f"auth-{backend}"))
    accounts.add_user(db, "alice", "editor", "a long passphrase")
    ok = measure(lambda: accounts.sign_in(db, "alice", "a long passphrase"), 10)
    accounts.add_user(db, "bob", "editor", "a long passphrase")
    wrong = measure(
        lambda: accounts.sign_in(db, "bob", "guess"), accounts.MAX_FAILURES - 1, warmup=0
    )
    locked = measure(lambda: accounts.sign_in(db, "bob", "guess"), 10)
    return result("sign_in", {"backend": backend}, ok, None, wrong_ms=sorted(wrong)[len(wrong) // 2],
                  locked_ms=sorted(locked)[len(locked) // 2],
                  guesses_first_hour=guesses_in(3600.0),
                  client_guesses_first_hour=int(CLIENT_FAILURES * 3600 / CLIENT_WINDOW_S))  # fmt: skip


def guesses_in(seconds: float) -> int:
    """Wrong guesses the lockout rules allow on one account in ``seconds``."""
    t, guesses, lockouts = 0.0, 0, 0
    while t < seconds:
        guesses += accounts.MAX_FAILURES
        lockouts += 1
        t += min(accounts.LOCKOUT_S * 2 ** (lockouts - 1), accounts.MAX_LOCKOUT_S)
    return guesses


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ledger")
    parser.add_argument("--saves", type=int, default=40)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, throwaway_cluster() as pg_url:
        for backend in ("sqlite", "postgresql"):
            if backend == "postgresql":
                os.environ[DB_URL_ENV] = pg_url
            else:
                os.environ.pop(DB_URL_ENV, None)
            for bench in (save_rows, conflict_rounds, sign_in_rows):
                row = (
                    bench(Path(tmp), backend)
                    if bench is not save_rows
                    else bench(Path(tmp), backend, args.saves)
                )
                print(json.dumps(row), flush=True)
                rows.append(row)
        store.dispose_all()
    args.out.write_text(json.dumps({"machine": machine(), "rows": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
