"""Cold start, ours beside earlier designs in one run: ``python -m bench.coldstart [--repeat N]``.

From process start to the first drawn map in a fresh browser context (the bundled data),
alternating: this tree (its page imported while the frontend loads, dashboard.warm) as
restarted in the tests' state folder (the map page published by an earlier start is taken)
and started in a new state folder (the page built), the tree at ``--main`` (the same page
started by plain ``streamlit run``) and the design before the instant map
(:data:`bench.baseline.BEFORE_INSTANT_MAP`), and Streamlit alone serving one line of text
(``bench/floor_app.py``: the floor no Streamlit app can beat here). Medians and all
samples, ms.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench import browser
from bench.baseline import BEFORE_INSTANT_MAP, checkout
from bench.server import OURS
from bench.timing import ROOT, load_average
from dashboard.core.paths import STATE_DIR_ENV

MAIN = "626a5da"
FIRST = "ours, first start (new state folder)"
"""Ours in a state folder of its own: the map page is built, none published before is
taken (:mod:`dashboard.ui.map.built`); plain "ours" shares the tests' state folder."""


def main(argv: list[str] | None = None) -> None:
    """Run the three designs ``--repeat`` times each, print and write the samples."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--main", default=MAIN)
    parser.add_argument("--no-main", action="store_true", help="ours and 8f9d184 only")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "coldstart.json")
    args = parser.parse_args(argv)
    designs = {
        "ours": (OURS, None, browser.INSTANT_FRAME),
        FIRST: (OURS, None, browser.INSTANT_FRAME),
        f"main ({args.main})": ("dashboard/app.py", checkout(args.main), browser.INSTANT_FRAME),
        f"before instant map ({BEFORE_INSTANT_MAP})": (
            "dashboard/app.py",
            checkout(BEFORE_INSTANT_MAP),
            browser.MAP_FRAME,
        ),
    }
    designs["Streamlit alone (bench/floor_app.py: the floor)"] = (
        browser.FLOOR_APP,
        ROOT,
        browser.FLOOR,
    )
    if args.no_main:
        del designs[f"main ({args.main})"]
    samples: dict[str, list[float]] = {name: [] for name in designs}
    load = load_average()
    with browser.chromium() as chromium:
        for _ in range(args.repeat):
            for name, (script, root, frame) in designs.items():
                env = None
                if name == FIRST:  # a state folder of its own: no page published before
                    env = {STATE_DIR_ENV: tempfile.mkdtemp(prefix="frontline-cold-")}
                ms = browser.cold_start(
                    chromium, script, None, root=root, frame_selector=frame, env=env
                )[0]
                if env:
                    shutil.rmtree(env[STATE_DIR_ENV], ignore_errors=True)
                samples[name].append(round(ms, 1))
                print(f"[coldstart] {name}: {ms:.0f} ms", file=sys.stderr, flush=True)
    doc = {"load_avg_at_start": load, "load_avg_at_end": load_average(), "samples_ms": samples,
           "median_ms": {k: statistics.median(v) for k, v in samples.items()}}  # fmt: skip
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    for name, value in doc["median_ms"].items():
        print(f"| {name} | {value / 1000:.2f} s | {samples[name]} |")


if __name__ == "__main__":
    main()
