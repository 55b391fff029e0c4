"""Check the bundled data: places, factions, events and the Libya outline agree.

Usage::

    .venv/bin/python tools/check_data.py      # prints counts; exit 1 on any error
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.core.schema import (  # noqa: E402 - needs ROOT on sys.path
    EVENT_COLUMNS,
    SOURCE_KINDS,
)

EVENTS = ROOT / "data" / "events" / "libya-2019-2020.csv"
FACTIONS = ROOT / "data" / "events" / "factions.csv"
PLACES = ROOT / "data" / "geo" / "places.csv"
LIBYA = ROOT / "data" / "geo" / "libya.geojson"

EVENT_COLUMNS = list(EVENT_COLUMNS)  # the canonical columns, from the core
PLACE_COLUMNS = [
    "place", "alt_names", "lat", "lon", "kind", "country", "geonameid", "coord_source", "notes",
]  # fmt: skip
PRECISIONS = {"day", "week", "month"}
EVENT_TYPES = {"capture", "withdrawal", "handover", "alignment", "status", "claim", "clash",
               "airstrike", "ceasefire", "report"}  # fmt: skip
CONFIDENCES = {"confirmed", "claimed", "disputed"}
KINDS = {"town", "city", "airbase", "airport", "oil_terminal", "district", "village"}


def read(path: Path) -> pd.DataFrame:
    """Read a CSV as strings, empty cells as ''."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def check_places(places: pd.DataFrame, libya) -> list[str]:
    """Columns, unique names, kinds and coordinates inside Libya."""
    errors = []
    if list(places.columns) != PLACE_COLUMNS:
        errors.append(f"places.csv columns {list(places.columns)}")
    errors += [f"duplicate place {p}" for p in places["place"][places["place"].duplicated()]]
    errors += [f"bad kind {k}" for k in set(places["kind"]) - KINDS]
    for row in places.itertuples():
        if not libya.contains(Point(float(row.lon), float(row.lat))):
            errors.append(f"{row.place} lies outside data/geo/libya.geojson")
    return errors


def check_events(ev: pd.DataFrame, places: pd.DataFrame, factions: set[str]) -> list[str]:
    """Every rule the app's validator applies to the event table."""
    errors = []
    if list(ev.columns) != EVENT_COLUMNS:
        errors.append(f"event columns {list(ev.columns)}")
    errors += [f"duplicate event_id {i}" for i in ev["event_id"][ev["event_id"].duplicated()]]
    coords = places.set_index("place")[["lat", "lon"]]
    for r in ev.itertuples():
        if r.place not in coords.index:
            errors.append(f"{r.event_id}: unknown place {r.place}")
        elif (r.lat, r.lon) != tuple(coords.loc[r.place]):
            errors.append(f"{r.event_id}: lat/lon differ from places.csv")
        for col in ("controller", "previous_controller"):
            value = getattr(r, col)
            if value and value not in factions:
                errors.append(f"{r.event_id}: {col} {value!r} not in factions.csv")
        for col in ("date", "source_date"):
            value = getattr(r, col)
            if (value or col == "date") and pd.isna(
                pd.to_datetime(value, format="%Y-%m-%d", errors="coerce")
            ):
                errors.append(f"{r.event_id}: bad {col} {value!r}")
        if r.date_precision not in PRECISIONS:
            errors.append(f"{r.event_id}: bad date_precision {r.date_precision}")
        if r.event_type not in EVENT_TYPES:
            errors.append(f"{r.event_id}: bad event_type {r.event_type}")
        if r.confidence not in CONFIDENCES:
            errors.append(f"{r.event_id}: bad confidence {r.confidence}")
        if r.source_kind not in SOURCE_KINDS:
            errors.append(f"{r.event_id}: bad source_kind {r.source_kind!r}")
        if not r.source_title.strip():
            errors.append(f"{r.event_id}: missing source_title")
        if r.source_url and not r.source_url.startswith(("http://", "https://")):
            errors.append(f"{r.event_id}: bad url {r.source_url}")
    ctrl = ev[ev["controller"] != ""]
    for (place, date), grp in ctrl.groupby(["place", "date"]):
        if grp["controller"].nunique() > 1 and (grp["notes"].str.strip() == "").any():
            errors.append(f"{place} {date}: two controllers without notes")
    return errors


def main() -> int:
    places, factions, ev = read(PLACES), read(FACTIONS), read(EVENTS)
    libya = gpd.read_file(LIBYA).geometry.union_all()
    faction_names = set(factions["faction"])
    errors = [] if "unknown" not in faction_names else ["'unknown' is reserved"]
    errors += check_places(places, libya) + check_events(ev, places, faction_names)
    changes = ev[ev["controller"] != ""]
    print(f"places: {len(places)}  factions: {len(factions)}  event rows: {len(ev)}")
    print(f"rows with a controller: {len(changes)}  context rows: {len(ev) - len(changes)}")
    print(f"distinct events (place, date, controller): "
          f"{len(ev.drop_duplicates(['place', 'date', 'controller']))}")  # fmt: skip
    print(f"places used by events: {ev['place'].nunique()} of {len(places)}")
    for err in errors:
        print("ERROR", err, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
