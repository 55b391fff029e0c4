"""Benchmarks that need no browser: state at a date, map payload, import, zones (memory:
bench/memory.py)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bench import naive
from bench.datasets import Workspace
from bench.synth import Spec
from bench.timing import measure, result
from dashboard.core.control import ControlIndex
from dashboard.core.geo import territory
from dashboard.core.geo.outline import outline_for
from dashboard.core.geo.territory import control_zones
from dashboard.core.model import Model
from dashboard.ui import scene
from dashboard.ui.map import offline
from dashboard.ui.map.overlay import overlay

Row = dict[str, Any]
Log = Callable[[str], None]


def query_days(model: Model, count: int = 25, seed: int = 0) -> list[dt.date]:
    """``count`` random days within the data's span (the same ones for ours and the baseline)."""
    start, end = model.span()
    offsets = np.random.default_rng(seed).integers(0, (end - start).days + 1, count)
    return [start + dt.timedelta(days=int(o)) for o in offsets]


def cycling(days: list[dt.date], fn: Callable[[dt.date], Any]) -> Callable[[], Any]:
    """A no-argument call of ``fn`` on the next day of ``days`` each time."""
    position = [0]

    def call() -> Any:
        day = days[position[0] % len(days)]
        position[0] += 1
        return fn(day)

    return call


# --- 1. state at a date ----------------------------------------------------------------------


def state_at_date(ws: Workspace, spec: Spec, repeat: int, naive_repeat: int) -> Row:
    """ControlIndex.state(day) against filter/sort/groupby-last in pandas, on the same days.
    The naive way scans the whole event table, control and context events (as read from
    the file); the loaded model keeps its context events on disk and indexes the rest."""
    model = ws.model(spec)
    days = query_days(model)
    events, places = model.data.events, model.data.places
    every = model.all_events()
    builds = measure(
        lambda: ControlIndex.build(events, places),
        3 if len(events) < 500_000 else 1,
        budget_s=20,
        min_repeat=1,
        warmup=0,
    )
    ours = measure(cycling(days, model.index.state), repeat, budget_s=10)
    base = measure(
        cycling(days, lambda d: naive.naive_state(every, d)),
        naive_repeat,
        budget_s=40,
        min_repeat=3,
    )
    params = {
        "events": len(every),
        "places": len(places),
        "control_rows": int((every["controller"] != "").sum()),
        "requested": {"events": spec.events, "places": spec.places},
        "build_ms": round(float(np.median(builds)), 1),
        "load_ms": round(ws.load_ms[spec], 1),
        "agree": _agree(model, days[0]),
    }
    return result("state_at_date", params, ours, base)


def _agree(model: Model, day: dt.date) -> bool:
    """Ours and the naive way give the same controller for every place they both know.

    Compared on the confirmed control rows only: there the assessed-control rules reduce to
    "the last row wins", which is what the naive way computes (it knows no claims).
    """
    events = model.data.events
    confirmed = events[(events["controller"] == "") | (events["confidence"] == "confirmed")]
    index = ControlIndex.build(confirmed, model.data.places)
    ours = index.state(day).set_index("place")["controller"]
    theirs = naive.naive_state(confirmed, day).set_index("place")["controller"]
    return bool((ours.reindex(theirs.index) == theirs).all())


# --- 2. map payload --------------------------------------------------------------------------


def feature_group_js(groups: list[Any]) -> str:
    """The feature-group JavaScript st_folium sends for ``groups`` (streamlit-folium's code)."""
    from streamlit_folium import _get_feature_group_string

    fmap = offline.offline_map(location=[27.0, 17.0], zoom_start=6)
    return "".join(_get_feature_group_string(g, fmap, i) for i, g in enumerate(groups))


def ours_payload(model: Model, day: dt.date, split: dict[str, list[float]]) -> str:
    """What a new date costs the app now: the data pushed to the already-built map (the
    day and the overlay of distance lines from the reference place); no map is rendered."""
    t0 = time.perf_counter()
    state = model.state(day)
    origin = model.data.info.reference_place or str(state["place"].iloc[0])
    table = scene.distances(state, origin)
    payload = json.dumps(
        {"day": day.isoformat(), "overlay": overlay(day, state, origin, table, [])}
    )
    split["scene"].append((time.perf_counter() - t0) * 1000.0)
    split["render"].append(0.0)
    return payload


def page_build(model: Model) -> tuple[float, int]:
    """The one-time cost of the day-independent map page: (ms, bytes)."""
    from dashboard.ui.map import config as map_config
    from dashboard.ui.map.page import timeline_page

    factions = tuple(model.factions)
    t0 = time.perf_counter()
    config = map_config.timeline_config(model, factions, {})
    html = timeline_page(model, factions, None, None, config)
    return (time.perf_counter() - t0) * 1000.0, len(html.encode())


def baseline_payload(model: Model, day: dt.date) -> str:
    """One folium.CircleMarker per place (tooltip + history popup), rendered the same way."""
    group = naive.circle_marker_group(
        model.data.events, day, scene.colors(model), scene.labels(model)
    )
    return feature_group_js([group])


def map_payload(ws: Workspace, spec: Spec, repeat: int, budget_s: float) -> Row:
    """Payload of one date at ``spec.places`` places: ours vs one CircleMarker per place."""
    model = ws.model(spec)
    days = query_days(model, 10, seed=1)
    split: dict[str, list[float]] = {"scene": [], "render": []}
    sizes: dict[str, int] = {}

    def ours_call(day: dt.date) -> None:
        sizes["ours"] = len(ours_payload(model, day, split).encode())

    def base_call(day: dt.date) -> None:
        sizes["base"] = len(baseline_payload(model, day).encode())

    ours = measure(cycling(days, ours_call), repeat, budget_s, min_repeat=2, warmup=0)
    base = measure(cycling(days, base_call), repeat, budget_s, min_repeat=2, warmup=0)
    build_ms, build_bytes = page_build(model)
    params = {
        "events": len(model.data.events),
        "places": len(model.data.places),
        "scene_ms": round(float(np.median(split["scene"])), 1),
        "render_ms": round(float(np.median(split["render"])), 1),
        "page_build_ms": round(build_ms, 1),
        "page_kb": round(build_bytes / 1024),
    }
    return result("map_payload", params, ours, base, sizes["ours"], baseline_bytes=sizes["base"])


# --- 6. ACLED import -------------------------------------------------------------------------


def acled_generator() -> Callable[..., Path] | None:
    """tests/acled_fake.write_fake_acled when both it and dashboard/core/ingest/acled/convert.py exist."""
    if importlib.util.find_spec("dashboard.core.ingest.acled.convert") is None:
        return None
    try:
        from tests.support.acled_fake import write_fake_acled
    except ImportError:
        return None
    return write_fake_acled


def acled_import(ws: Workspace, rows: int, repeat: int) -> Row:
    """import_acled_file on ``rows`` synthetic ACLED rows vs pandas.read_csv of the file."""
    write = acled_generator()
    if write is None:
        return result(
            "import",
            {
                "events": rows,
                "places": 0,
                "skipped": "no dashboard/core/ingest/acled/convert.py or tests/support/acled_fake.py",
            },
            [],
        )
    from dashboard.core.dataset import read_info
    from dashboard.core.ingest.acled.convert import import_acled_file
    from dashboard.core.ingest.acled.factionmap import faction_map_for
    from dashboard.core.io.load import BUNDLED_DATA

    path = ws.root / f"acled-{rows}.csv"
    if not path.exists():
        write(path, rows, seed=1, date_style="mixed")
    rules = faction_map_for(read_info(BUNDLED_DATA))  # the bundled actor map
    outcome = import_acled_file(path, rules)
    ours = measure(
        lambda: import_acled_file(path, rules), repeat, budget_s=60, min_repeat=2, warmup=0
    )
    base = measure(
        lambda: pd.read_csv(path, dtype=str, keep_default_na=False), repeat, budget_s=30, warmup=0
    )
    params = {
        "events": rows,
        "places": int(outcome.events["place"].nunique()),
        "rows_per_s": round(rows / (float(np.median(ours)) / 1000.0)),
        "baseline_rows_per_s": round(rows / (float(np.median(base)) / 1000.0)),
        "counts": outcome.counts,
    }
    return result("import", params, ours, base, path.stat().st_size)


# --- 7. control zones ------------------------------------------------------------------------


def clear_zone_caches() -> None:
    """Empty every lru_cache of dashboard.core.geo.territory (the tessellation cache)."""
    for value in vars(territory).values():
        if hasattr(value, "cache_clear"):
            value.cache_clear()


def zones(ws: Workspace, spec: Spec, repeat: int) -> list[Row]:
    """control_zones for one day, cold (tessellation cache cleared) and warm, vs plain shapely."""
    model = ws.model(spec)
    outline = outline_for(model.data)
    days = query_days(model, 10, seed=2)
    states = {d: model.index.state(d) for d in days}

    def cold(day: dt.date) -> Any:
        clear_zone_caches()
        return control_zones(states[day], outline)

    def plain(day: dt.date) -> Any:
        s = states[day]
        return naive.voronoi_zones(
            s["lat"].to_numpy(), s["lon"].to_numpy(), s["controller"].to_numpy(), outline
        )

    base = measure(cycling(days, plain), repeat, budget_s=30)
    cold_ms = measure(cycling(days, cold), repeat, budget_s=30)
    warm_ms = measure(
        cycling(days, lambda d: control_zones(states[d], outline)), repeat * 4, budget_s=30
    )
    params = {"events": len(model.data.events), "places": len(model.data.places)}
    return [
        result("zones", {**params, "cache": "cold"}, cold_ms, base),
        result("zones", {**params, "cache": "warm"}, warm_ms, base),
    ]
