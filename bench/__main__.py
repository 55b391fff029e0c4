"""``python -m bench [--quick] [--no-browser] [--only NAMES] [--out FILE]``: run the benchmarks.

Writes ``bench/results/latest.json`` (``--quick``: ``bench/results/quick.json``) and prints a
Markdown table. Every benchmark runs ours and a baseline in the same run, repeated; times
are wall-clock medians and 95th percentiles in ms; ``ratio`` is baseline / ours.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from bench import (
    acledupload,
    bigimport,
    mapbuild,
    memory,
    publish,
    pure,
    statecold,
    uploadbrowser,
)
from bench.datasets import Workspace
from bench.instantrun import run_browser
from bench.plans import BROWSER, FULL, INSTANT, NAMES, QUICK, SPAWNING, Plan, parse
from bench.report import check, markdown
from bench.runlog import log, spec
from bench.synth import Spec
from bench.timing import ROOT, load_average, machine

RESULTS = ROOT / "bench" / "results"


def run_pure(ws: Workspace, plan: Plan, only: set[str]) -> list[dict[str, Any]]:
    """The benchmarks that need no browser, in an order that reuses loaded models."""
    rows: list[dict[str, Any]] = []
    steps: list[tuple[str, Callable[[], Any]]] = []
    if "memory" in only:
        steps.append(("memory", lambda: rows.append(memory.memory(ws, spec(*plan.memory)))))
    if "state_at_date" in only:
        for events, places in plan.state:
            naive_repeat = 7 if events >= 1_000_000 else 50
            steps.append(
                (
                    f"state_at_date {events:,} ev / {places:,} pl",
                    lambda e=events, p=places, n=naive_repeat: _state(
                        ws, rows, spec(e, p), plan.repeat, n
                    ),
                )
            )
    if "state_cold" in only:
        steps.append(("state_cold", lambda: rows.append(statecold.planned(ws, plan.state_cold))))
    if "map_payload" in only:
        for events, places in plan.payload:
            repeat = 20 if places <= 2_000 else 3
            steps.append(
                (
                    f"map_payload {places:,} places",
                    lambda e=events, p=places, r=repeat: rows.append(
                        pure.map_payload(ws, spec(e, p), r, budget_s=60)
                    ),
                )
            )
    if "map_build" in only:
        runs = 1 if plan is QUICK else 3
        steps.append(("map_build", lambda: rows.extend(mapbuild.map_build(ws, plan.build, runs))))
    steps += uploadbrowser.steps(ws.root, plan is QUICK, only, rows)  # upload_budget, _browser
    if "acled_upload" in only:  # an ACLED country export through the sidebar, in the browser
        quick = plan is QUICK
        steps.append(("acled_upload", lambda: rows.extend(acledupload.acled_upload(quick))))
    if "publish" in only:  # time and size of the campaign as MP4 and GIF (its own results file)
        steps.append(("publish", lambda: publish.main(["--quick"] if plan is QUICK else [])))
    if "import" in only:
        steps.append(("import", lambda: rows.append(pure.acled_import(ws, plan.import_rows, 3))))
    if "model_memory" in only:
        size = spec(*plan.memory)
        steps.append(("model_memory", lambda: rows.append(memory.model_memory(ws, size))))
    if "import_big" in only:
        steps += bigimport.steps(ws.root, plan.big_import, rows)
    if "zones" in only:
        steps.append(("zones", lambda: rows.extend(pure.zones(ws, spec(*plan.zones), 10))))
    for label, step in steps:
        log(f"{label} …")
        step()
    return rows


def _state(
    ws: Workspace, rows: list[dict[str, Any]], s: Spec, repeat: int, naive_repeat: int
) -> None:
    rows.append(pure.state_at_date(ws, s, repeat, naive_repeat))
    if s.events >= 1_000_000:
        ws.forget(s)  # free ~1 GB before the next large model


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run, write the JSON, print the Markdown table; return the JSON document."""
    args = parse(argv)
    plan = QUICK if args.quick else FULL
    only = {n.strip() for n in args.only.split(",") if n.strip()}
    if args.quick and args.only == ",".join(NAMES):  # a smoke run: no build processes
        only -= set(SPAWNING)
    if args.no_browser:
        only -= set(BROWSER)
    started = time.perf_counter()
    load_before = load_average()
    ws = Workspace(args.data_dir)
    try:
        results = run_pure(ws, plan, only)
        if only & set(INSTANT):
            results += run_browser(ws, plan, only)
    finally:
        ws.close()
    doc = {
        "machine": {**machine(), "load_avg_at_start": load_before},
        "mode": "quick" if args.quick else "full",
        "duration_s": round(time.perf_counter() - started, 1),
        "results": results,
        "targets": check(results),
    }
    out = args.out or RESULTS / ("quick.json" if args.quick else "latest.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out)
    print(markdown(results, doc["targets"]))
    log(f"wrote {out} in {doc['duration_s']} s")
    return doc


if __name__ == "__main__":
    main()
