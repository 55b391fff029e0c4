"""Map building at growing sizes: town names + marker spreading + the map page, ours
beside the code of an earlier commit, each in a fresh process on the same data folder.

The baseline is ``git archive`` of :data:`BEFORE_INDEX` (the quadratic placement), run
with the same interpreter; one fresh process per build so neither design profits from
the other's caches. Reported per size: the whole build (``timeline_config`` +
``timeline_page``), of which ``names_config`` (labels and spread), and the growth from
the smallest to the largest size (target: ≤ 15× for 10× places).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.baseline import checkout, run_in_tree
from bench.datasets import Workspace
from bench.synth import Spec
from bench.timing import ROOT, result

BEFORE_INDEX = "0a07291"
"""The last commit with full-scan label placement."""
TIMEOUT_S = 900.0

BUILD = """
import json, sys, time
from dashboard.core.model import Model
try:
    from dashboard.ui.map import config as cfg, page as pg
except ImportError:  # a tree from before ui/map/ (the baseline)
    from dashboard.ui import mappage as cfg
    pg = cfg
model = Model.load(sys.argv[1])
factions = tuple(model.factions)
names_s = []
inner = cfg.names_config
def timed(m, *args, **kwargs):  # later trees also pass the language
    t = time.perf_counter()
    out = inner(m, *args, **kwargs)
    names_s.append(time.perf_counter() - t)
    return out
cfg.names_config = timed
t0 = time.perf_counter()
config = cfg.timeline_config(model, factions, {})
html = pg.timeline_page(model, factions, None, None, config)
print(json.dumps({"build_ms": (time.perf_counter() - t0) * 1000, "names_ms": sum(names_s) * 1000,
                  "bytes": len(html.encode()), "places": len(model.data.places)}))
"""


def build_once(tree: Path, folder: Path) -> dict[str, Any] | None:
    """One cold build of the page of ``folder`` by the code in ``tree`` (None: timed out)."""
    return run_in_tree(tree, BUILD, folder, TIMEOUT_S)


def map_build(ws: Workspace, sizes: tuple[tuple[int, int], ...], repeat: int) -> list[dict]:
    """One row per (events, places): ours vs the baseline commit, and the growth of each."""
    tree = checkout(BEFORE_INDEX)
    rows = []
    for events, places in sizes:
        folder = ws.folder(Spec(places=places, events=events))
        ours = [build_once(ROOT, folder) for _ in range(repeat)]
        base = [build_once(tree, folder) for _ in range(max(1, repeat // 2))]
        done = [o for o in ours if o]
        params = {
            "events": events,
            "places": places,
            "names_ms": _median([o["names_ms"] for o in done]),
            "baseline_names_ms": _median([b["names_ms"] for b in base if b]),
            "baseline": BEFORE_INDEX,
            "baseline_timed_out": any(b is None for b in base),
        }
        rows.append(
            result(
                "map_build",
                params,
                [o["build_ms"] for o in done],
                [b["build_ms"] for b in base if b],
                done[0]["bytes"] if done else None,
            )
        )
    _add_growth(rows)
    return rows


def _add_growth(rows: list[dict]) -> None:
    """Each row's build time over the smallest size's (ours and baseline): growth."""
    first = rows[0]
    for row in rows:
        row["params"]["growth"] = _ratio(row["ours_ms"], first["ours_ms"])
        row["params"]["baseline_growth"] = _ratio(row["baseline_ms"], first["baseline_ms"])
        row["params"]["places_ratio"] = row["params"]["places"] / first["params"]["places"]


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def _median(values: list[float]) -> float | None:
    return round(sorted(values)[len(values) // 2], 1) if values else None
