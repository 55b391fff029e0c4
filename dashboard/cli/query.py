"""``validate``, ``state``, ``distance`` and ``changes``: questions asked of a data folder."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import numpy as np
import pandas as pd

from dashboard.cli.options import (
    data_option,
    faction_filter_option,
    iso_date,
    json_option,
    print_rows,
)
from dashboard.core.describe import claims_list
from dashboard.core.errors import UsageError
from dashboard.core.geo.distance import distance_km
from dashboard.core.io.load import load_dataset
from dashboard.core.model import Model


def register_validate(sub: Any) -> None:
    """``validate [--data DIR]``."""
    p = sub.add_parser("validate", help="check a data folder; exit 2 on any problem")
    data_option(p)
    p.set_defaults(handler=cmd_validate)


def register_state(sub: Any) -> None:
    """``state --date D [--faction F ...] [--json]``."""
    p = sub.add_parser("state", help="who controls each place on a date")
    p.add_argument("--date", type=iso_date, required=True)
    faction_filter_option(p)
    data_option(p)
    json_option(p)
    p.set_defaults(handler=cmd_state)


def register_distance(sub: Any) -> None:
    """``distance A B [--json]``."""
    p = sub.add_parser("distance", help="geodesic distance between two places, in km")
    p.add_argument("place_a")
    p.add_argument("place_b")
    data_option(p)
    json_option(p)
    p.set_defaults(handler=cmd_distance)


def register_changes(sub: Any) -> None:
    """``changes --from D --to D [--claims] [--json]``."""
    p = sub.add_parser(
        "changes", help="assessed changes of hands dated in (FROM, TO]; --claims: the claims"
    )
    p.add_argument("--from", dest="start", type=iso_date, required=True)
    p.add_argument("--to", dest="end", type=iso_date, required=True)
    p.add_argument(
        "--claims",
        action="store_true",
        help="list the claims in force against the holder instead (in force during the span)",
    )
    data_option(p)
    json_option(p)
    p.set_defaults(handler=cmd_changes)


def cmd_validate(args: argparse.Namespace) -> int:
    """Load and check the folder; print warnings to stderr and a one-line summary."""
    data = load_dataset(args.data)
    for warning in data.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    changes = int((data.events["controller"] != "").sum())
    print(f"ok: {len(data.events)} events ({changes} control rows), {len(data.places)} places")
    return 0


def cmd_state(args: argparse.Namespace) -> int:
    """Print who holds each place on the date (a table, or JSON sorted by place)."""
    model = Model.load(args.data)
    rows = state_rows(model.state(args.date, model.check_factions(args.faction)))
    if not args.json:
        for row in rows:
            row["claim"] = "; ".join(f"{c['faction']} since {c['since']}" for c in row["claims"])
    return print_rows(rows, ["place", "controller", "since", "confidence", "claim"], args.json)


def state_rows(state: pd.DataFrame) -> list[dict[str, Any]]:
    """One record per place of a state table: ISO since (None when unknown), coordinates to
    5 decimals, confidence (None when unknown) and the claims in force."""
    claimed = state["claim_faction"].to_numpy(dtype=object) != ""
    rows = np.flatnonzero(claimed).tolist()
    claims = dict(zip(rows, map(claims_list, state[claimed].itertuples()), strict=True))
    since = np.datetime_as_string(state["since"].to_numpy().astype("datetime64[D]"))
    columns = zip(
        state["place"].tolist(),
        state["controller"].tolist(),
        since.tolist(),
        state["lat"].tolist(),
        state["lon"].tolist(),
        state["confidence"].tolist(),
        strict=True,
    )
    return [
        {
            "place": place,
            "controller": controller,
            "since": None if day == "NaT" else day,
            "lat": round(float(lat), 5),
            "lon": round(float(lon), 5),
            "confidence": confidence or None,
            "claims": claims.get(i, []),
        }
        for i, (place, controller, day, lat, lon, confidence) in enumerate(columns)
    ]


def cmd_distance(args: argparse.Namespace) -> int:
    """Print the geodesic km between two places (names in any spelling)."""
    model = Model.load(args.data)
    a, b = model.resolve_place(args.place_a), model.resolve_place(args.place_b)
    coords = model.data.places.set_index("place")
    km = distance_km(
        coords.at[a, "lat"], coords.at[a, "lon"], coords.at[b, "lat"], coords.at[b, "lon"]
    )
    if args.json:
        print(json.dumps({"from": a, "to": b, "km": round(km, 2)}, ensure_ascii=False))
    else:
        print(f"{a} → {b}: {km:.1f} km (geodesic, WGS84)")
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    """Print the assessed changes of hands dated after FROM up to TO (a first record,
    unknown → X, is not one), or with --claims the claims in force during the span."""
    if args.end < args.start:
        raise UsageError("--to must not be before --from")
    model = Model.load(args.data)
    if args.claims:
        return _print_claims(model, args)
    runs = model.index.assessed_changes(args.start, args.end)
    rows = [
        {
            "date": str(r.start)[:10],
            "place": r.place,
            "from": r.previous,
            "to": r.controller,
            "confidence": r.confidence,
            "date_precision": r.date_precision,
            "event_ids": list(r.event_ids),
        }
        for r in runs.itertuples()
    ]
    return print_rows(rows, ["date", "place", "from", "to", "confidence"], args.json)


def _print_claims(model: Model, args: argparse.Namespace) -> int:
    """The claims in force during (FROM, TO]: since, place, faction, against, until, sources."""
    claims = model.index.claims(args.start, args.end)
    rows = [
        {
            "since": str(c.since)[:10],
            "place": c.place,
            "faction": c.faction,
            "against": c.against,
            "until": None if str(c.until) == "NaT" else str(c.until)[:10],
            "sources": [s for s in c.sources.split("; ") if s],
        }
        for c in claims.itertuples()
    ]
    return print_rows(rows, ["since", "place", "faction", "against", "until"], args.json)
