"""The ``state`` command cold, in a fresh process, beside a plain pandas read of the same
files and beside today's design: ``python -m bench.statecold [--places N] [--events N]``.

Three commands run alternately ``--repeat`` times on one synthetic folder, each timed
from process start to exit (stdout discarded):

- *ours*: ``python -m dashboard state --date D --data FOLDER`` with this tree;
- *naive read*: a fresh Python that imports pandas and reads the folder's event tables as
  :func:`bench.naive.read_folder` does (strings, then dates and coordinates): the cost
  of merely having the data in pandas, the baseline of the target (ours ≤ 5× it);
- *today*: the same ``state`` command with the tree of :data:`TODAY` (``git archive``);
  ``same_output_as_today`` says whether both printed the same table, byte for byte.

A fourth, *naive answer*, also asks :func:`bench.naive.naive_state` and prints the
table as CSV, so the same question answered the naive way is reported beside.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.baseline import checkout
from bench.datasets import Workspace
from bench.synth import Spec
from bench.timing import ROOT, load_average, result

TODAY = "3a35f21"
"""The tree before the cold-path work of issue 24 (every CLI command imported up front)."""
DAY = "2020-01-01"
NAIVE_READ = "import sys; from pathlib import Path; from bench.naive import read_folder; " \
    "read_folder(Path(sys.argv[1]))"  # fmt: skip
NAIVE_ANSWER = (
    "import sys; from pathlib import Path; from bench.naive import read_folder, naive_state; "
    "naive_state(read_folder(Path(sys.argv[1]))[0], sys.argv[2]).to_csv(sys.stdout)"
)


def _timed(cmd: list[str], tree: Path) -> tuple[float, str]:
    """Wall-clock ms of one run of ``cmd`` with ``tree`` as working folder and import path,
    and the SHA-256 of what it printed."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, check=True, timeout=600)
    return (time.perf_counter() - t0) * 1000.0, hashlib.sha256(done.stdout).hexdigest()


def commands(folder: Path, today: Path) -> dict[str, tuple[list[str], Path]]:
    """The four timed commands and the tree each runs in."""
    state = [sys.executable, "-m", "dashboard", "state", "--date", DAY, "--data", str(folder)]
    return {
        "ours": (state, ROOT),
        "naive_read": ([sys.executable, "-c", NAIVE_READ, str(folder)], ROOT),
        "today": (state, today),
        "naive_answer": ([sys.executable, "-c", NAIVE_ANSWER, str(folder), DAY], ROOT),
    }


def state_cold(ws: Workspace, spec: Spec, repeat: int) -> dict[str, Any]:
    """One row: ours against the naive read (the ratio), with today's design and the naive
    answer in params (medians, ms)."""
    folder = ws.folder(spec)
    runs = commands(folder, checkout(TODAY))
    samples: dict[str, list[float]] = {name: [] for name in runs}
    printed: dict[str, set[str]] = {name: set() for name in runs}
    for _ in range(repeat):
        for name, (cmd, tree) in runs.items():
            ms, digest = _timed(cmd, tree)
            samples[name].append(round(ms, 1))
            printed[name].add(digest)
    params = {
        "events": spec.events,
        "places": spec.places,
        "date": DAY,
        "baseline": "naive pandas read (fresh process)",
        "today": TODAY,
        "today_ms": statistics.median(samples["today"]),
        "naive_answer_ms": statistics.median(samples["naive_answer"]),
        "same_output_as_today": len(printed["ours"] | printed["today"]) == 1,
        "samples_ms": samples,
    }
    row = result("state_cold", params, samples["ours"], samples["naive_read"])
    row["over_naive_read"] = round(row["ours_ms"] / row["baseline_ms"], 2)
    return row


def planned(ws: Workspace, size: tuple[int, int, int]) -> dict[str, Any]:
    """:func:`state_cold` for a plan's (events, places, runs)."""
    events, places, runs = size
    return state_cold(ws, Spec(places=places, events=events), runs)


def main(argv: list[str] | None = None) -> None:
    """Time the commands on one synthetic folder; print the medians, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, help="keep the synthetic folder here")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "statecold.json")
    args = parser.parse_args(argv)
    ws = Workspace(args.data_dir)
    try:
        load = load_average()
        row = state_cold(ws, Spec(places=args.places, events=args.events), args.repeat)
    finally:
        ws.close()
    doc = {"load_avg_at_start": load, "load_avg_at_end": load_average(), "result": row}
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    p = row["params"]
    print(f"| ours | {row['ours_ms']:,.0f} ms | {row['over_naive_read']}× the naive read |")
    print(f"| today ({TODAY}) | {p['today_ms']:,.0f} ms | |")
    print(f"| naive read | {row['baseline_ms']:,.0f} ms | |")
    print(f"| naive answer (read, state, CSV) | {p['naive_answer_ms']:,.0f} ms | |")


if __name__ == "__main__":
    main()
