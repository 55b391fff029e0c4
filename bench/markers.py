"""Many places on the map: key step, drag and Play at 20,000 and 100,000 places, beside the
marker renderer of an earlier commit, in the same run and on the same page.

``python -m bench.markers [--places 20000 100000] [--steps 30] [--before COMMIT]``

One self-contained map page (the HTML export, with its town names left out: those are
placed in Python and never repainted on a step) is built per size; the "before" page is
the same HTML with the browser script of ``--before`` (default: the commit before the
sprite canvas) put in place of ours, so both run on the same payload. A key step is timed
in the page from the key press (the event's timestamp) to the first task after the
animation frame in which the last canvas draw of that step happened: the frame that
shows the new day has been drawn (Leaflet's own canvas renderer draws one frame after
the timeline's repaint, so the probe waits until no renderer has a redraw pending).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.instant import summary
from bench.synth import Spec, cached
from bench.timing import ROOT, load_average, machine

BEFORE = "626a5da"
"""The last commit whose canvas markers were Leaflet circle markers (one path each)."""
VIEWPORT = {"width": 1400, "height": 1000}
PROBE_JS = """
() => {
  const t = window.frontline;
  const probe = window.__probe = {keys: [], work: [], paints: 0, times: []};
  const show = t.show.bind(t);
  t.show = function (d, force) {
    const a = performance.now(); show(d, force);
    probe.work.push(performance.now() - a); probe.paints += 1;
    if (t.playing) probe.times.push(a);
  };
  const pending = () => Object.values(t.map._layers).some((l) => l._redrawRequest);
  t.range.addEventListener('keydown', (e) => {
    const start = e.timeStamp;
    const wait = () => requestAnimationFrame(() => setTimeout(() => {
      if (pending()) wait(); else probe.keys.push(performance.now() - start);
    }, 0));
    wait();
  }, true);
  return true;
}
"""


def events_for(places: int) -> int:
    """Five events a place (the issue's 20,000 places / 100,000 events), at least 2,000."""
    return max(2_000, 5 * places)


def page_html(folder: Path) -> str:
    """The export page of a synthetic folder, without town names (see the docstring)."""
    from dashboard.core.model import Model
    from dashboard.ui.map import config as map_config
    from dashboard.ui.map.page import timeline_page

    model = Model.load(folder)
    chosen = tuple(model.factions)
    labels = {"recent": "Rings", "relief": "Terrain", "districts": "Districts"}
    config = map_config.timeline_config(
        model, chosen, labels, ("places", "relief", "districts", "recent"), with_names=False
    )
    config = dataclasses.replace(config, open_on=model.span()[1])
    return timeline_page(model, chosen, None, None, config, inline=True)


def script_at(commit: str) -> str:
    """The browser script as ``commit`` joined it (its parts, in its order)."""

    def show(path: str) -> str:
        return subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{commit}:{path}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    source = show("dashboard/ui/map/elements.py")
    block = source[source.index("SCRIPT_PARTS = (") :]
    names = re.findall(r'"(\w+)"', block[: block.index(")")])
    return "\n".join(show(f"dashboard/ui/map/js/{name}.js") for name in names)


def time_page(browser: Any, html: str, steps: int) -> dict[str, Any]:
    """Open ``html``; ms to a drawn map, then key steps, Play frames per second."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    out: dict[str, Any] = {}
    try:
        started = time.perf_counter()
        page.set_content(html, timeout=600_000)
        page.wait_for_function("() => window.frontline && window.frontline.range", timeout=600_000)
        page.evaluate("() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)))")
        out["open_ms"] = (time.perf_counter() - started) * 1000.0
        page.evaluate(PROBE_JS)
        page.evaluate("() => { const t = window.frontline; t.show(t.end); }")
        rng = page.locator(".fl-range")
        rng.focus()
        for k in range(steps):
            rng.press("ArrowLeft")
            page.wait_for_function(f"() => window.__probe.keys.length >= {k + 1}", timeout=120_000)
        probe = page.evaluate("() => window.__probe")
        out["key"] = summary(probe["keys"])
        out["work"] = summary(probe["work"])
        out["play_fps"] = play_fps(page)
    except Exception as err:  # report what was measured, and why it stopped
        out["error"] = f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"
    finally:
        context.close()
    out["page_errors"] = errors[:3]
    return out


def play_fps(page: Any, seconds: float = 3.0) -> float:
    """Repaints per second while playing at one month a second."""
    page.evaluate(
        """() => { const t = window.frontline; t.show(t.start); t.speed = 30;
        window.__probe.times = []; t.play(); }"""
    )
    page.wait_for_timeout(int(seconds * 1000))
    times = page.evaluate("() => { window.frontline.stop(false); return window.__probe.times; }")
    span = (times[-1] - times[0]) / 1000.0 if len(times) > 1 else 0.0
    return round((len(times) - 1) / span, 1) if span else 0.0


def run(places: list[int], steps: int, before: str, data_dir: Path) -> dict[str, Any]:
    """Both designs at every size, alternating, in one browser."""
    from playwright.sync_api import sync_playwright

    from dashboard.ui.map.elements import script_text
    from tests.support.server import CHROMIUM, CHROMIUM_ARGS

    old_script, ours = script_at(before), script_text()
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for n in places:
                folder = cached(data_dir, Spec(places=n, events=events_for(n)))
                html = page_html(folder)
                assert ours in html
                pages = {"ours": html, "before": html.replace(ours, old_script)}
                row: dict[str, Any] = {"places": n, "events": events_for(n), "bytes": len(html)}
                for name, text in pages.items():
                    print(f"[markers] {n:,} places, {name} …", file=sys.stderr, flush=True)
                    row[name] = time_page(browser, text, steps)
                rows.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
        finally:
            browser.close()
    return {"machine": {**machine(), "load_avg_at_start": load_average()}, "before": before,
            "rows": rows}  # fmt: skip


def markdown(doc: dict[str, Any]) -> str:
    """One table: key step p50/p95, JS work, open time and Play rate, ours beside before."""
    lines = [
        "| places | design | key step p50 / p95 ms | show() p50 ms | open s | Play repaints/s |",
        "|---|---|---|---|---|---|",
    ]
    for row in doc["rows"]:
        for name in ("before", "ours"):
            r = row[name]
            key, work = r.get("key") or {}, r.get("work") or {}
            cells = [
                f"{row['places']:,}",
                name if name == "ours" else f"before ({doc['before']})",
                f"{_f(key.get('p50'))} / {_f(key.get('p95'))}",
                _f(work.get("p50")),
                _f((r.get("open_ms") or 0) / 1000.0),
                _f(r.get("play_fps")),
            ]
            lines.append(
                "| " + " | ".join(cells) + " |" + (f" {r['error']}" if r.get("error") else "")
            )
    return "\n".join(lines)


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def main(argv: list[str] | None = None) -> None:
    """Command line: run, write bench/results/markers.json, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "fl-synth")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "markers.json")
    args = parser.parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    doc = run(args.places, args.steps, args.before, args.data_dir)
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(markdown(doc))


if __name__ == "__main__":
    main()
