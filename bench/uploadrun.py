"""An upload of many places from bytes to its map page, ours (within the run's time
budget) beside the code of an earlier commit (no budget past the conversion).

Each side runs in a fresh process on the same generated file: conversion, the session
folder, loading, then the map page (town names, spreading, page), as the app does for a
new upload. Reported: wall and CPU seconds of the whole path, the budget, and what ours
left out to stay inside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from bench.baseline import checkout, run_in_tree
from bench.mapbuild import BEFORE_INDEX
from bench.timing import ROOT, result

HEADER = (
    "event_id,date,place,lat,lon,controller,previous_controller,date_precision,event_type,"
    "confidence,source_title,source_publisher,source_date,source_url,notes"
)
TIMEOUT_S = 900.0
RUN = """
import contextlib, json, pathlib, sys, tempfile, time
from dashboard.core.ingest import scratch, upload
from dashboard.core.model import Model
try:
    from dashboard.ui.map import config as cfg, page as pg
except ImportError:  # a tree from before ui/map/ (the baseline)
    from dashboard.ui import mappage as cfg
    pg = cfg
try:
    from dashboard.core import budget
    scope = budget.within(budget.Deadline(upload.MAX_SECONDS))
except ImportError:
    scope = contextlib.nullcontext()
raw = pathlib.Path(sys.argv[1]).read_bytes()
t0, c0 = time.perf_counter(), time.process_time()
with scope as deadline:
    done = upload.convert_upload(raw, "upload.csv", "Frontline CSV", None)
    folder = pathlib.Path(tempfile.mkdtemp())
    scratch.write_events(folder, done.events_csv, title="upload")
    model = Model.load(folder)
    factions = tuple(model.factions)
    config = cfg.timeline_config(model, factions, {})
    page = pg.timeline_page(model, factions, None, None, config)
print(json.dumps({"wall_ms": (time.perf_counter() - t0) * 1000, "cpu_s": time.process_time() - c0,
                  "places": len(model.data.places), "names": len(config.names["items"]),
                  "notes": list(deadline.notes) if deadline else [], "budget_s": upload.MAX_SECONDS}))
"""


def write_upload(path: Path, places: int, seed: int = 0) -> Path:
    """A valid Frontline CSV: one capture per place at a random point in Libya's box."""
    rng = np.random.default_rng(seed)
    lat, lon = rng.uniform(27, 32, places), rng.uniform(11, 23, places)
    rows = [
        f"E{i},2020-01-{1 + i % 28:02d},Place {i:05d},{lat[i]:.5f},{lon[i]:.5f},"
        f"{('GNA', 'LNA')[i % 2]},,day,capture,confirmed,T{i},W,,,"
        for i in range(places)
    ]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def run_once(tree: Path, upload: Path) -> dict[str, Any] | None:
    """The whole path in a fresh process with the code in ``tree`` (None: timed out)."""
    return run_in_tree(tree, RUN, upload, TIMEOUT_S)


def upload_budget(root: Path, places: int) -> dict[str, Any]:
    """One row: ours vs :data:`~bench.mapbuild.BEFORE_INDEX` on an upload of ``places``."""
    upload = write_upload(root / f"upload-{places}.csv", places)
    ours, base = run_once(ROOT, upload), run_once(checkout(BEFORE_INDEX), upload)
    params = {
        "events": places,
        "places": places,
        "upload_kb": round(upload.stat().st_size / 1024),
        "budget_s": ours["budget_s"] if ours else None,
        "cpu_s": round(ours["cpu_s"], 1) if ours else None,
        "baseline_cpu_s": round(base["cpu_s"], 1) if base else None,
        "baseline_timed_out": base is None,
        "names": ours["names"] if ours else None,
        "baseline_names": base["names"] if base else None,
        "notes": ours["notes"] if ours else None,
    }
    return result(
        "upload_budget",
        params,
        [ours["wall_ms"]] if ours else [],
        [base["wall_ms"]] if base else [],
    )
