"""The instant map's browser benchmarks of ``python -m bench``: key steps, drag, Play, the
rerun after release and cold start, each beside today's design and the naive app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.datasets import Workspace
from bench.plans import Plan
from bench.runlog import log, spec
from bench.timing import ROOT, result

BUNDLED = ROOT / "data"


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
