"""An ACLED export of a whole country uploaded through the sidebar, ours beside a baseline
tree in the same run (issue 24): ``python -m bench.acledupload``.

``--rows 60000 115000 --locations 3000 10000`` (the second is the largest export the
browser takes: 50 MB, ``server.maxUploadSize``). The export is :mod:`tests.support.acled_fake`'s
rows moved to random towns in Libya's box (seeded). Two measures, the sides alternating:

- **server**: in a fresh process per side, what the app does for a new upload within its
  one time budget: conversion, the session folder, the model, the map's configuration and
  page. Wall and CPU seconds, and a digest of the loaded events (``file`` left out) and of
  the review rows, so ``same_output`` says whether both sides gave the same data.
- **browser**: the product's entry of each tree on the bundled data in a fresh browser
  context; *Load your own data* → *ACLED export* (untimed), then the file is given to the
  uploader. Timed from ``set_input_files`` to "Exploring the uploaded file" shown, to the
  map page holding the upload's places with an animation frame since (drawn), and to the
  script idle; the server's CPU over the same span from ``/proc``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.baseline import checkout, run_in_tree
from bench.timing import ROOT, load_average, machine
from bench.uploadpage import DRAWN_JS, TIMEOUT_S, app_page, server_cpu_s, until, upload_field

BASELINE = "053ed9b"
"""Main when the lead timed the ACLED upload (session 14): 11–13 s to the notice, 20–27 s
to the markers at 60,000 rows."""
SIDES = ("ours", "baseline")
RUN = """
import hashlib, json, pathlib, sys, tempfile, time
from dashboard.core import budget
from dashboard.core.dataset import read_info
from dashboard.core.ingest import scratch, upload
from dashboard.core.ingest.acled.factionmap import faction_map_for
from dashboard.core.io.gazetteer import load_gazetteer
from dashboard.core.model import Model
from dashboard.ui.map import config as cfg, page as pg
raw = pathlib.Path(sys.argv[1]).read_bytes()
gazetteer = load_gazetteer(pathlib.Path("data/geo/places.csv"))
actors = faction_map_for(read_info(pathlib.Path("data")))  # as the app maps ACLED actors
t0, c0 = time.perf_counter(), time.process_time()
marks = {}
with budget.within(budget.Deadline(upload.MAX_SECONDS)) as deadline:
    done = upload.convert_upload(raw, "country.csv", "ACLED export", gazetteer, factions=actors)
    marks["convert_s"] = time.perf_counter() - t0
    folder = pathlib.Path(tempfile.mkdtemp())
    scratch.write_events(folder, done.events_csv, title="upload")
    checked = getattr(done, "checked", None)
    model = Model.load(folder) if checked is None else Model.load(folder, checked=checked)
    marks["model_s"] = time.perf_counter() - t0
    factions = tuple(model.factions)
    config = cfg.timeline_config(model, factions, {})
    page = pg.timeline_page(model, factions, None, None, config)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
events = model.all_events().drop(columns=["file"]).reset_index(drop=True)
digest = hashlib.sha256(events.to_csv(index=False).encode()).hexdigest()[:16]
review = hashlib.sha256(json.dumps(done.review, default=str).encode()).hexdigest()[:16]
print(json.dumps({"wall_s": wall, "cpu_s": cpu, **marks, "places": len(model.data.places),
                  "events": model.event_count(), "counts": done.counts, "page_kb": len(page) // 1024,
                  "events_digest": digest, "review_digest": review, "problems": list(done.problems),
                  "notes": list(deadline.notes)}))
"""


def write_export(path: Path, rows: int, locations: int, seed: int = 5) -> Path:
    """A synthetic ACLED export of ``rows`` rows at ``locations`` random towns in Libya's box."""
    from tests.support.acled_fake import fake_acled

    rng = np.random.default_rng(seed)
    frame = fake_acled(rows, seed=3)
    town = rng.integers(0, locations, len(frame))
    lat, lon = rng.uniform(25, 33, locations), rng.uniform(10, 25, locations)
    frame["location"] = [f"Town {i:05d}" for i in town]
    frame["latitude"] = [f"{lat[i]:.4f}" for i in town]
    frame["longitude"] = [f"{lon[i]:.4f}" for i in town]
    frame["admin1"] = [f"Region {i % 20}" for i in town]
    frame.to_csv(path, index=False)
    return path


def server_side(tree: Path, export: Path) -> dict[str, Any]:
    """The server's path for one upload in a fresh process with the code of ``tree``."""
    return run_in_tree(tree, RUN, export, TIMEOUT_S) or {"error": "timed out"}


def browser_side(chromium: Any, tree: Path, export: Path, places: int) -> dict[str, Any]:
    """Start the app of ``tree``, upload ``export`` as an ACLED export, and time it."""
    from tests.support.mapdom import IDLE

    with app_page(chromium, tree) as (app, page, out):
        field = upload_field(page, app, "ACLED export")
        cpu0, t0 = server_cpu_s(app.proc.pid), time.perf_counter()
        field.set_input_files(str(export))
        notice = page.get_by_text("Exploring the uploaded file")
        notice.wait_for(timeout=TIMEOUT_S * 1000)
        out["notice_s"] = time.perf_counter() - t0
        out["drawn_s"] = until(page, lambda f: f.evaluate(DRAWN_JS, places), "map", t0)
        out["drawn_cpu_s"] = server_cpu_s(app.proc.pid) - cpu0
        page.wait_for_selector(IDLE, timeout=TIMEOUT_S * 1000)
        out["idle_s"] = time.perf_counter() - t0
        out["idle_cpu_s"] = server_cpu_s(app.proc.pid) - cpu0
    return out


def run(sizes: list[tuple[int, int]], baseline: str, repeat: int, browser: bool) -> dict[str, Any]:
    """Both measures for each size, the sides alternating ``repeat`` times."""
    trees = {"ours": ROOT, "baseline": checkout(baseline)}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, locations in sizes:
            export = write_export(Path(tmp) / f"acled-{n}.csv", n, locations)
            row: dict[str, Any] = {"rows": n, "locations": locations,
                                   "mb": round(export.stat().st_size / 2**20, 1)}  # fmt: skip
            for side in [s for _ in range(repeat) for s in SIDES]:
                got = {**server_side(trees[side], export), "load": load_average()}
                _log(f"{n:,} rows server {side}", got)
                row.setdefault(f"server_{side}", []).append(got)
            ours, base = row["server_ours"][0], row["server_baseline"][0]
            row["same_output"] = all(ours.get(k) == base.get(k) for k in ("events_digest", "review_digest", "counts"))  # fmt: skip
            if browser:
                row.update(_browser_rows(trees, export, ours.get("places", 0), repeat))
            rows.append(row)
    return {"machine": machine(), "baseline": baseline, "rows": rows}


def _browser_rows(trees: dict[str, Path], export: Path, places: int, repeat: int) -> dict[str, Any]:
    from bench.browser import chromium

    out: dict[str, Any] = {}
    with chromium() as browser:
        for side in [s for _ in range(repeat) for s in SIDES]:
            load = load_average()
            got = {**browser_side(browser, trees[side], export, places), "load": load}
            _log(f"browser {side}", got)
            out.setdefault(f"browser_{side}", []).append(got)
    return out


def _log(what: str, got: dict[str, Any]) -> None:
    short = {k: (round(v, 2) if isinstance(v, float) else v) for k, v in got.items()}
    print(f"[acledupload] {what}: {json.dumps(short)}", file=sys.stderr, flush=True)


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if isinstance(r.get(key), float)]
    return round(statistics.median(values), 2) if values else None


def acled_upload(quick: bool) -> list[dict[str, Any]]:
    """Result rows (``acled_upload``) for ``python -m bench``: seconds from the file chosen to
    the map drawn in the browser, ours beside :data:`BASELINE` (60,000 rows at 3,000
    locations; 3,000 at 300 in a quick run), with the server path and CPU in params."""
    from bench.timing import result

    size = (3_000, 300) if quick else (60_000, 3_000)
    out = []
    for row in run([size], BASELINE, 1, True)["rows"]:
        ours, base = row.get("browser_ours", []), row.get("browser_baseline", [])
        params = {
            "events": row["rows"],
            "places": row["locations"],
            "upload_mb": row["mb"],
            "baseline": BASELINE,
            "same_output": row["same_output"],
            "server_cpu_s": _median(row["server_ours"], "cpu_s"),
            "baseline_server_cpu_s": _median(row["server_baseline"], "cpu_s"),
            "drawn_cpu_s": _median(ours, "drawn_cpu_s"),
            "baseline_drawn_cpu_s": _median(base, "drawn_cpu_s"),
            "error": next((r["error"] for r in ours + base if r.get("error")), None),
        }
        drawn = [r["drawn_s"] * 1000 for r in ours if "drawn_s" in r]
        base_drawn = [r["drawn_s"] * 1000 for r in base if "drawn_s" in r]
        out.append(result("acled_upload", params, drawn, base_drawn))
    return out


def main(argv: list[str] | None = None) -> None:
    """Command line: run, write bench/results/acled_upload.json, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[60_000, 115_000])
    parser.add_argument("--locations", type=int, nargs="+", default=[3_000, 10_000])
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results" / "acled_upload.json"
    )
    args = parser.parse_args(argv)
    sizes = list(zip(args.rows, args.locations, strict=True))
    doc = run(sizes, args.baseline, args.repeat, not args.no_browser)
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print("| rows / locations | side | server wall / cpu s | notice s | drawn s | idle s |")
    for row in doc["rows"]:
        for side in SIDES:
            server, shown = row[f"server_{side}"], row.get(f"browser_{side}", [])
            print(f"| {row['rows']:,} / {row['locations']:,} | {side} | "
                  f"{_median(server, 'wall_s')} / {_median(server, 'cpu_s')} | "
                  f"{_median(shown, 'notice_s')} | {_median(shown, 'drawn_s')} | "
                  f"{_median(shown, 'idle_s')} |")  # fmt: skip
        print(f"same output: {row['same_output']}")


if __name__ == "__main__":
    main()
