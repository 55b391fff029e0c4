"""The rerun after release, server side: AppTest reruns of the page on new days, with
Streamlit's post-script garbage collection on (its default) and off, and after
``gc.freeze()`` of the loaded model. ``python -m bench.rerun [--runs N]``."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import statistics
import time

from streamlit import config
from streamlit.testing.v1 import AppTest

from bench.timing import ROOT

APP = str(ROOT / "dashboard" / "app.py")


def reruns(runs: int, post_gc: bool, freeze: bool) -> list[float]:
    """ms of each rerun after the first, each on a new day (what a release asks for)."""
    config.set_option("runner.postScriptGC", post_gc)
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    if freeze:
        gc.freeze()
    out = []
    day = dt.date(2019, 4, 10)
    for k in range(runs):
        app.session_state["date"] = day + dt.timedelta(days=7 * k)
        t0 = time.perf_counter()
        app.run()
        out.append((time.perf_counter() - t0) * 1000.0)
    if freeze:
        gc.unfreeze()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    rows = {}
    for name, post_gc, freeze in (
        ("post-script GC on (default)", True, False),
        ("post-script GC off", False, False),
        ("GC on, model frozen (gc.freeze)", True, True),
    ):
        ms = reruns(args.runs, post_gc, freeze)
        rows[name] = {"p50_ms": round(statistics.median(ms), 1), "max_ms": round(max(ms), 1)}
        print(name, rows[name], flush=True)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
