"""Where a cold start's time goes: ``python -m bench.coldprofile [--tree C] [--table C] [--repeat N]``.

One cold start as :mod:`bench.coldstart` times it (server process start to the map's first
mark, a fresh browser context, bundled data), with every phase time-stamped on one wall
clock: the server's side by ``bench/coldprobe.py`` (Streamlit imported, listening, the
browser's session, the script run and its parts, the first run's cProfile), the browser's
from an init script in every frame (each document's start, DOMContentLoaded and load,
Leaflet defined, the timeline's init, the first range and marker in the map, long tasks)
and Playwright's events (the websocket, the map's frame). Prints the phases in ms since
process start, and the first run's top functions; ``--table COMMIT`` alternates ours and
COMMIT without cProfile and prints the median of each phase as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import browser
from bench.baseline import checkout
from bench.timing import ROOT, load_average
from dashboard import launch
from dashboard.core.paths import STATE_DIR_ENV
from tests.support.server import TEST_STATE, free_port, stop, wait_healthy

PROBE = Path(__file__).with_name("coldprobe.py")
INIT_JS = """
(() => {
  const P = window.__probe = { marks: [] };
  const now = () => performance.timeOrigin + performance.now();
  const m = (n) => P.marks.push([n, now()]);
  m('document ' + location.pathname.split('/').slice(-2).join('/'));
  document.addEventListener('DOMContentLoaded', () => m('DOMContentLoaded'));
  addEventListener('load', () => m('load'));
  for (const name of ['L', 'FrontlineTimeline']) {
    let value;
    Object.defineProperty(window, name, { configurable: true, get() { return value; }, set(v) {
      value = v; m(name + ' defined');
      if (name === 'FrontlineTimeline' && v && v.init) {
        const init = v.init;
        v.init = function () { m('init start'); try { return init.apply(this, arguments); } finally { m('init end'); } };
      }
    } });
  }
  const seen = {};
  new MutationObserver(() => {
    for (const [key, sel] of [['first range', '.fl-range'], ['first marker', 'path.leaflet-interactive, canvas.leaflet-zoom-animated']]) {
      if (!seen[key] && document.querySelector(sel)) { seen[key] = 1; m(key); }
    }
  }).observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) P.marks.push(['longtask ' + Math.round(e.duration) + ' ms', performance.timeOrigin + e.startTime]); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) { /* no long tasks here */ }
})();
"""
FRAME_JS = """() => ({ marks: (window.__probe || {}).marks || [], url: location.href,
  resources: performance.getEntriesByType('resource').map(r => [r.name.split('/').slice(-1)[0].slice(0, 40),
     performance.timeOrigin + r.startTime, performance.timeOrigin + r.responseEnd, r.transferSize, r.encodedBodySize]),
  nav: (performance.getEntriesByType('navigation')[0] || {}).toJSON ? performance.getEntriesByType('navigation')[0].toJSON() : null,
  origin: performance.timeOrigin })"""


def command(tree: Path | None, port: int) -> tuple[list[str], dict[str, str], Path]:
    """The probed server command, its environment and its working folder."""
    env = {STATE_DIR_ENV: str(TEST_STATE), **os.environ}
    if tree is None:
        script = launch.prepare_state(TEST_STATE)
        cmd = launch.streamlit_command(
            str(script), port, "127.0.0.1", "--server.fileWatcherType", "none"
        )
        root = ROOT
    else:
        cmd = launch.streamlit_command(str(tree / "dashboard/app.py"), port, "127.0.0.1",
                                       "--server.fileWatcherType", "none")  # fmt: skip
        cmd[2] = "streamlit"  # a baseline tree's page through plain streamlit run
        root = tree
    env["PYTHONPATH"] = str(root)
    return [cmd[0], str(PROBE), cmd[2], *cmd[3:]], env, root


def profile_once(
    chromium: Any, tree: Path | None, out: Path, cprofile: bool = True
) -> dict[str, Any]:
    """One probed cold start; the phases (ms since process start) and the raw records.
    ``cprofile`` profiles the first script run (which slows it, imports most)."""
    port = free_port()
    cmd, env, root = command(tree, port)
    out.unlink(missing_ok=True)
    env["COLDPROBE_OUT"] = str(out)
    env["COLDPROBE_CPROFILE"] = "1" if cprofile else "0"
    events: list[tuple[str, float]] = []
    t0 = time.time()
    proc = subprocess.Popen(
        cmd, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    frame_sel = browser.MAP_FRAME if tree is not None else browser.INSTANT_FRAME
    context = chromium.new_context(viewport=browser.VIEWPORT)
    try:
        context.add_init_script(INIT_JS)
        page = context.new_page()
        page.on("websocket", lambda ws: events.append(("browser: websocket opened", time.time())))
        page.on("frameattached", lambda f: events.append(("browser: frame attached", time.time())))
        wait_healthy(url, proc, timeout=120)
        events.append(("health answered (polled every 0.2 s)", time.time()))
        page.goto(url + "/", timeout=180_000)
        events.append(("browser: goto returned (load event)", time.time()))
        first = ".fl-range" if tree is None else "path.leaflet-interactive"
        page.frame_locator(frame_sel).locator(first).first.wait_for(
            state="attached", timeout=180_000
        )
        events.append(("BENCH END: first mark seen by Playwright", time.time()))
        page.wait_for_selector(browser.IDLE, timeout=180_000)
        events.append(("script idle", time.time()))
        frames = [f.evaluate(FRAME_JS) for f in page.frames if not f.is_detached()]
    finally:
        context.close()
        stop(proc)
    rows = [(n, t) for n, t in events]
    for line in out.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        rows.append((f"server[{rec['thread'][:14]}]: {rec['name']}", rec["t"]))
    for i, frame in enumerate(frames):
        tag = "main page" if i == 0 else f"frame {i}"
        for name, ms in frame["marks"]:
            rows.append((f"{tag}: {name}", ms / 1000.0))
        for name, start, end, _size, body in frame["resources"]:
            rows.append(
                (
                    f"{tag}: fetched {name} ({body} B) from {(start / 1000 - t0) * 1000:.0f}",
                    end / 1000.0,
                )
            )
    rows.sort(key=lambda r: r[1])
    return {"t0": t0, "phases": [(n, round((t - t0) * 1000.0)) for n, t in rows], "frames": frames}


PHASES = (
    ("Python up", "interpreter up"),
    ("Streamlit imported", "import streamlit.web.cli end"),
    ("server listening", "Server.start end"),
    ("/_stcore/health answered (polled every 0.2 s)", "health answered"),
    ("frontend: document", "main page: document /"),
    ("frontend: DOMContentLoaded", "main page: DOMContentLoaded"),
    ("websocket session", "AppSession.__init__ end"),
    ("script run starts", "_run_script start"),
    ("page's UI modules imported", "import dashboard.ui.page end"),
    ("warm thread done", "warm:warm end"),
    ("model ready", "get_model end"),
    ("map page ready", "map_page end"),
    ("map element sent (mount / st_folium)", "host:mount end|st_folium end"),
    ("script run ends", "_run_script end"),
    ("map iframe attached", "browser: frame attached"),
    ("Leaflet defined in the map page", "frame 1: L defined"),
    ("timeline init starts", "frame 1: init start"),
    ("first range in the DOM", "frame 1: first range"),
    ("first mark seen by Playwright (bench end)", "BENCH END"),
)
"""(label, pattern of the record): the rows of :func:`phase_table`."""


def phase_table(chromium: Any, commit: str, repeat: int, out: Path) -> str:
    """Ours and ``commit`` alternately ``repeat`` times, no cProfile: the median ms since
    process start of each of :data:`PHASES`, as a Markdown table."""
    designs = {"ours": None, commit: checkout(commit)}
    seen: dict[str, dict[str, list[int]]] = {name: {} for name in designs}
    for _ in range(repeat):
        for name, tree in designs.items():
            phases = profile_once(chromium, tree, out, cprofile=False)["phases"]
            for label, pattern in PHASES:
                hit = next((ms for n, ms in phases if re.search(pattern, n)), None)
                if hit is not None:
                    seen[name].setdefault(label, []).append(hit)
    rows = [f"| phase | {' | '.join(designs)} |", "|---|" + "---:|" * len(designs)]
    for label, _ in PHASES:
        cells = [seen[n].get(label) for n in designs]
        text = [f"{statistics.median(c):,.0f}" if c else "–" for c in cells]
        rows.append(f"| {label} | {' | '.join(text)} |")
    return "\n".join(rows)


def top_functions(prof: Path, n: int = 40) -> str:
    """The first script run's functions by cumulative time."""
    import io

    buf = io.StringIO()
    pstats.Stats(str(prof), stream=buf).sort_stats("cumulative").print_stats(n)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> None:
    """Profile ``--repeat`` cold starts of this tree (or ``--tree COMMIT``) and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", help="a commit to profile instead of this tree (git archive)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "coldprobe.jsonl")
    parser.add_argument("--quiet", action="store_true", help="phases only, no cProfile")
    parser.add_argument("--verbose", action="store_true", help="also imports and fetches")
    parser.add_argument("--table", metavar="COMMIT", help="phase table: ours vs COMMIT")
    args = parser.parse_args(argv)
    tree = checkout(args.tree) if args.tree else None
    print(f"load average at start: {load_average()}")
    if args.table:
        with browser.chromium() as chromium:
            print(phase_table(chromium, args.table, args.repeat, args.out))
        print(f"load average at end: {load_average()}")
        return
    ends = []
    with browser.chromium() as chromium:
        for _ in range(args.repeat):
            result = profile_once(chromium, tree, args.out, cprofile=not args.quiet)
            for name, ms in result["phases"]:
                if args.verbose or not (": import " in name or "fetched" in name):
                    print(f"{ms:7d}  {name}")
            ends += [ms for name, ms in result["phases"] if name.startswith("BENCH END")]
            print()
    print(f"bench end median: {statistics.median(ends)} ms of {ends}")
    prof = Path(str(args.out) + ".prof")
    if prof.exists() and not args.quiet:
        print(top_functions(prof))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
