"""``python -m bench [--quick] [--no-browser] [--only NAMES] [--out FILE]``: run the benchmarks.

Writes ``bench/results/latest.json`` (``--quick``: ``bench/results/quick.json``) and prints a
Markdown table. Every benchmark runs ours and a baseline in the same run, repeated; times
are wall-clock medians and 95th percentiles in ms; ``ratio`` is baseline / ours.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
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
from bench.plans import BROWSER, FULL, INSTANT, NAMES, QUICK, SPAWNING, Plan, parse
from bench.report import check, markdown
from bench.synth import Spec
from bench.timing import ROOT, load_average, machine, result

RESULTS = ROOT / "bench" / "results"
BUNDLED = ROOT / "data"


STARTED = time.perf_counter()


def log(message: str) -> None:
    """Progress on stderr with the seconds since the run began."""
    print(f"[bench {time.perf_counter() - STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


def spec(events: int, places: int) -> Spec:
    """The synthetic folder spec for a size (4 factions, two years, seed 0)."""
    return Spec(places=places, events=events)


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


def run_browser(ws: Workspace, plan: Plan, only: set[str]) -> list[dict[str, Any]]:
    """The instant map timed in the page (key steps, drag, Play, the rerun after release,
    cold start), each beside today's design (the commit before it) and the naive app."""
    from bench import browser
    from bench.baseline import checkout
    from bench.colours import Colours
    from dashboard.core.model import Model

    cases = [("bundled", BUNDLED, Model.load(BUNDLED), True)]
    if plan.scrub_data is not None:
        s = spec(*plan.scrub_data)
        cases.append(("synthetic", ws.folder(s), ws.model(s), True))
    if plan.big_data is not None:
        s = spec(*plan.big_data)
        cases.append(("synthetic", ws.folder(s), ws.model(s), False))
    today = checkout()
    rows: list[dict[str, Any]] = []
    with browser.chromium() as chromium:
        for label, folder, model, full in cases:
            params = {
                "data": label,
                "events": len(model.data.events),
                "places": len(model.data.places),
            }
            log(f"instant map {label} {params['places']:,} places …")
            ours = _instant_session(chromium, folder, plan, full)
            baselines: dict[str, Any] = {}
            if full:
                for name, script, root, colours in (
                    (
                        "today",
                        browser_today_script(),
                        today,
                        Colours.of_tree(today, folder),
                    ),
                    ("naive", NAIVE_APP, None, Colours.of_naive(folder)),
                ):
                    log(f"scrub {label} {name} …")
                    baselines[name] = browser.scrub_session(
                        chromium,
                        script,
                        folder,
                        colours,
                        plan.scrub_steps,
                        plan.scrub_budget_s,
                        root,
                    )
            rows += _instant_rows(params, ours, baselines, only)
            if full and "cold_start" in only:
                rows.append(
                    _cold_row(
                        chromium, params, folder, ours, baselines, plan.cold_repeat - 1, today
                    )
                )
    return rows


NAIVE_APP = "bench/naive_app.py"


def browser_today_script() -> str:
    """The Streamlit script of today's design, relative to its checkout."""
    return "dashboard/app.py"


def _instant_session(chromium: Any, folder: Path, plan: Plan, full: bool) -> dict[str, Any]:
    """Open our app on ``folder`` and time it in the page."""
    from bench import browser, instant
    from bench.server import OURS, running

    out: dict[str, Any] = {"error": None}
    with running(OURS, folder, wait=False) as app:
        context = chromium.new_context(viewport=browser.VIEWPORT)
        page = context.new_page()
        try:
            out["health_ms"] = browser._wait_up(app)
            out["cold_ms"] = browser.open_map(page, app, frame_selector=browser.INSTANT_FRAME)
            frame = instant.map_frame(page)
            browser.settle(page)
            out["key"] = instant.key_steps(frame, max(plan.scrub_steps, 20))
            if full:
                out["drag"] = instant.drag(page, frame)
                out["play"] = {**instant.play(frame), "browser_fps": instant.frame_rate(frame)}
                browser.settle(page)
                out["release"] = instant.release_follow(page, frame)
        except Exception as err:  # report what was measured, and why it stopped
            out["error"] = f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"
        finally:
            context.close()
    return out


def _instant_rows(
    params: dict[str, Any], ours: dict[str, Any], baselines: dict[str, Any], only: set[str]
) -> list[dict[str, Any]]:
    rows = []
    key = ours.get("key", {})
    note = {"error": ours["error"]} if ours.get("error") else {}
    if "key_step" in only and key:
        work = sorted(key["work_ms"])
        extra = {
            **params,
            **note,
            "js_work_p50_ms": round(work[len(work) // 2], 2) if work else None,
        }
        for name, session in baselines.items():
            rows.append(
                result(
                    "key_step",
                    {**extra, "baseline": name, "baseline_error": session.error},
                    key["ms"],
                    session.ms,
                )
            )
        if not baselines:
            rows.append(result("key_step", {**extra, "baseline": None}, key["ms"]))
    if "drag" in only and "drag" in ours:
        rows.append(result("drag", {**params, **ours["drag"]}, []))
    if "play" in only and "play" in ours:
        rows.append(result("play", {**params, **ours["play"]}, []))
    if "release" in only and "release" in ours:
        today = baselines.get("today")
        rows.append(
            result(
                "release",
                {**params, "baseline": "today: one slider step"},
                ours["release"],
                today.ms if today else None,
            )
        )
    return rows


def _cold_row(
    chromium: Any,
    params: dict[str, Any],
    folder: Path,
    ours: dict[str, Any],
    baselines: dict[str, Any],
    more: int,
    today: Path,
) -> dict[str, Any]:
    from bench import browser
    from bench.server import OURS

    samples = {
        "ours": [ours["cold_ms"]] if ours.get("cold_ms") else [],
        "today": [baselines["today"].cold_ms] if baselines["today"].cold_ms else [],
    }
    for _ in range(more):
        log(f"cold_start {params['data']} …")
        samples["ours"].append(
            browser.cold_start(chromium, OURS, folder, frame_selector=browser.INSTANT_FRAME)[0]
        )
        samples["today"].append(
            browser.cold_start(chromium, browser_today_script(), folder, root=today)[0]
        )
    return result("cold_start", {**params, "baseline": "today"}, samples["ours"], samples["today"])


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
