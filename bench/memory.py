"""Benchmark: peak memory of loading a dataset (Model.load) beside plain pandas, each in a
fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.datasets import Workspace
from bench.synth import Spec
from bench.timing import ROOT, result

Row = dict[str, Any]

# Peak RSS of the process itself: VmHWM from /proc (Linux resets it at exec, unlike
# ru_maxrss, which a child inherits from the parent's high-water mark at fork).
PEAK_KB = """
def peak_kb():
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
MEMORY_OURS = (
    PEAK_KB
    + """
import json, sys, time
t0 = time.perf_counter()
from dashboard.core.model import Model
model = Model.load(sys.argv[1])
seconds = time.perf_counter() - t0
print(json.dumps({"kb": peak_kb(), "s": seconds,
                  "events": len(model.data.events), "places": len(model.data.places)}))
"""
)
MEMORY_BASELINE = (
    PEAK_KB
    + """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
import pandas as pd
files = sorted(p for p in Path(sys.argv[1], "events").glob("*.csv") if p.name != "factions.csv")
events = pd.concat([pd.read_csv(p) for p in files], ignore_index=True)
seconds = time.perf_counter() - t0
print(json.dumps({"kb": peak_kb(), "s": seconds, "events": len(events)}))
"""
)


def _peak(script: str, folder: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def memory(ws: Workspace, spec: Spec) -> Row:
    """Peak RSS of Model.load in a fresh process vs plain pandas.read_csv of the same files."""
    folder = ws.folder(spec)
    ours, base = _peak(MEMORY_OURS, folder), _peak(MEMORY_BASELINE, folder)
    ours_mb, base_mb = ours["kb"] / 1024.0, base["kb"] / 1024.0
    params = {
        "events": ours["events"],
        "places": ours["places"],
        "load_s": round(ours["s"], 2),
        "baseline_load_s": round(base["s"], 2),
        "unit": "MB (peak RSS: VmHWM); ratio = baseline_mb / ours_mb",
    }
    row = result("memory", params, [], None)
    row.update(
        ours_mb=round(ours_mb, 1), baseline_mb=round(base_mb, 1), ratio=round(base_mb / ours_mb, 3)
    )
    return row


MODEL = (
    PEAK_KB
    + """
import gc, json, sys, time
def rss_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
from dashboard.core.model import Model
gc.collect()
before = rss_kb()
t0 = time.perf_counter()
model = Model.load(sys.argv[1], lean=sys.argv[2] == "lean")
if sys.argv[2] == "today_released":
    from dashboard.core.io.context import release_freed_memory
    release_freed_memory()
seconds = time.perf_counter() - t0
gc.collect()
print(json.dumps({"kb": peak_kb(), "retained_kb": rss_kb() - before, "s": seconds,
                  "events": model.event_count(), "in_memory": len(model.data.events)}))
"""
)


def model_memory(ws: Workspace, spec: Spec) -> Row:
    """Memory of a loaded model, context events on disk (ours) vs in memory (today's
    design), each in a fresh process: retained RSS (after the load, minus before it) and
    peak RSS, in MB per million events. ``today_released`` is today's design with the freed
    heap handed back as ours does, to tell the two effects apart."""
    folder = ws.folder(spec)
    runs = {}
    for design in ("lean", "today", "today_released"):
        out = subprocess.run(
            [sys.executable, "-c", MODEL, str(folder), design],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        runs[design] = json.loads(out.stdout.strip().splitlines()[-1])
    ours, today, released = runs["lean"], runs["today"], runs["today_released"]
    per_million = 1_000_000 / ours["events"] / 1024.0
    params = {
        "events": ours["events"],
        "places": spec.places,
        "rows_in_memory": ours["in_memory"],
        "retained_mb_per_million": round(ours["retained_kb"] * per_million, 1),
        "today_retained_mb_per_million": round(today["retained_kb"] * per_million, 1),
        "today_released_retained_mb_per_million": round(released["retained_kb"] * per_million, 1),
        "peak_mb": round(ours["kb"] / 1024.0, 1),
        "today_peak_mb": round(today["kb"] / 1024.0, 1),
        "load_s": round(ours["s"], 2),
        "today_load_s": round(today["s"], 2),
        "unit": "MB of RSS; retained = after Model.load minus before, per million events",
    }
    return result("model_memory", params, [ours["s"] * 1000.0], [today["s"] * 1000.0])
