"""Export benchmark: GeoJSON and events CSV of a synthetic folder, ours against the old way.

``python -m bench.exports DIR`` (a folder written by ``python -m bench.synth``) prints the
seconds of each export on the folder's last day. The baseline is the per-place way the
exports used before: one group-by and one ``to_dict`` per place, dates formatted per row.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

from dashboard.core.export import formats as export
from dashboard.core.geo.geojson import feature_collection, iso, point
from dashboard.core.model import Model


def per_place_geojson(model: Model, day: Any) -> bytes:
    """The pre-vectorised GeoJSON export (one ``to_dict`` per place, one date per row)."""
    state = export.state_table(model, day)
    events = model.events_until(day).sort_values(["date", "order"], kind="stable")
    events = events[events["place"].isin(list(state["place"]))]
    out = events[list(export.EVENT_PROPERTIES)].copy()
    out["date"] = [iso(v) or "" for v in events["date"]]
    grouped = {
        place: [
            {k: (v if v != "" else None) for k, v in r.items()} for r in rows.to_dict("records")
        ]
        for place, rows in out.groupby(events["place"].to_numpy(), sort=False)
    }
    features = []
    for row in state.itertuples(index=False):
        listed = grouped.get(row.place, [])
        props = {"place": row.place, "controller": row.controller, "events": listed}
        features.append(point(row.lat, row.lon, props))
    return json.dumps(feature_collection(features), ensure_ascii=False).encode()


def seconds(fn: Callable[[], Any], repeat: int) -> float:
    """Best of ``repeat`` wall-clock runs, in s."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.exports", description=__doc__)
    parser.add_argument("folder")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)
    model = Model.load(args.folder)
    day = model.span()[1]
    size = f"{len(model.data.events):,} events, {len(model.data.places):,} places"
    rows = {
        "state CSV": lambda: export.state_csv_bytes(model, day),
        "events CSV": lambda: export.events_csv_bytes(model, day),
        "GeoJSON": lambda: export.geojson_bytes(model, day),
        "place_histories": lambda: model.place_histories(until=day),
    }
    if not args.no_baseline:
        rows["GeoJSON, per place (old)"] = lambda: per_place_geojson(model, day)
    for name, fn in rows.items():
        print(f"{size}  {name:<26} {seconds(fn, args.repeat):8.2f} s")


if __name__ == "__main__":
    main()
