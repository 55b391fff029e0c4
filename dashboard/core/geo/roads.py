"""Main roads between places (``geo/roads.csv``) and which held places a road can supply.

The road network is a graph whose nodes are places and whose edges are road links, each
weighted by the geodesic km of a straight segment between its two places
(``geometry_source = schematic``): a lower bound of the real road distance.

A faction's place is *supplied* when a road path leads from it to the faction's rear base
through places the faction holds; every other place it holds is *cut off*. Places held by
nobody (``unknown``), by a neutral party or by the enemy block the path.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import networkx as nx
import pandas as pd
import shapely

from dashboard.core.errors import DataError, Problem
from dashboard.core.geo.distance import distance_km
from dashboard.core.io.csvread import read_csv_file
from dashboard.core.io.gazetteer import Gazetteer
from dashboard.core.io.load import BUNDLED_DATA, Dataset
from dashboard.core.schema import PLACES_FILE

__all__ = [
    "default_base",
    "GEOMETRY_SOURCES",
    "held_places",
    "load_road_graph",
    "read_roads",
    "ROAD_COLUMNS",
    "road_graph",
    "ROAD_KINDS",
    "road_km",
    "road_lines",
    "ROADS_FILE",
    "roads_path",
    "supply",
]

ROADS_FILE = "roads.csv"
ROAD_COLUMNS: tuple[str, ...] = (
    "road_id",
    "name",
    "from_place",
    "to_place",
    "kind",
    "geometry_source",
    "notes",
)
ROAD_KINDS: tuple[str, ...] = ("coastal", "highway", "road")
GEOMETRY_SOURCES: tuple[str, ...] = ("schematic",)


def read_roads(path: Path, gazetteer: Gazetteer) -> pd.DataFrame:
    """Validated road table with canonical place names; DataError lists every problem."""
    frame = read_csv_file(path)
    missing = [c for c in ROAD_COLUMNS if c not in frame.columns and c != "notes"]
    if missing:
        raise DataError.single(str(path), 1, f"missing column(s): {', '.join(missing)}")
    if "notes" not in frame.columns:
        frame["notes"] = ""
    frame = frame.apply(lambda c: c.str.strip() if c.name != "_line" else c)
    problems = [p for row in frame.to_dict("records") for p in _row_problems(row, path, gazetteer)]
    dup = frame[frame["road_id"].duplicated() & (frame["road_id"] != "")]
    problems += [
        Problem(str(path), int(n), f"duplicate road_id {r!r}")
        for r, n in zip(dup["road_id"], dup["_line"], strict=True)
    ]
    if problems:
        raise DataError(problems)
    for col in ("from_place", "to_place"):
        frame[col] = [gazetteer.resolve(name) for name in frame[col]]
    return frame[[*ROAD_COLUMNS, "_line"]].reset_index(drop=True)


def _row_problems(row: dict[str, str], path: Path, gazetteer: Gazetteer) -> list[Problem]:
    """Problems of one road row: empty id, unknown places, a loop, bad kind or source."""
    line, found = int(row["_line"]), []
    if not row["road_id"]:
        found.append("empty road_id")
    for col in ("from_place", "to_place"):
        if gazetteer.resolve(row[col]) is None:
            close = gazetteer.candidates(row[col])
            hint = f" (closest: {', '.join(close)})" if close else ""
            found.append(f"{col}: unknown place {row[col]!r}{hint}")
    ends = {gazetteer.resolve(row["from_place"]), gazetteer.resolve(row["to_place"])}
    if len(ends) == 1 and None not in ends:
        found.append("a road must join two different places")
    if row["kind"] not in ROAD_KINDS:
        found.append(f"kind {row['kind']!r} not one of {', '.join(ROAD_KINDS)}")
    if row["geometry_source"] not in GEOMETRY_SOURCES:
        allowed = ", ".join(GEOMETRY_SOURCES)
        found.append(f"geometry_source {row['geometry_source']!r} not one of {allowed}")
    return [Problem(str(path), line, message) for message in found]


def road_graph(roads: pd.DataFrame, gazetteer: Gazetteer) -> nx.Graph:
    """Undirected graph of places joined by roads; edge ``weight`` = geodesic km.

    Nodes carry ``lat`` and ``lon``; edges ``road_id``, ``name``, ``kind``. When two rows
    join the same places the shorter one is kept (equal for schematic segments).
    """
    graph = nx.Graph()
    for row in roads.to_dict("records"):
        a, b = str(row["from_place"]), str(row["to_place"])
        (lat1, lon1), (lat2, lon2) = gazetteer.coords[a], gazetteer.coords[b]
        graph.add_node(a, lat=lat1, lon=lon1)
        graph.add_node(b, lat=lat2, lon=lon2)
        km = distance_km(lat1, lon1, lat2, lon2)
        old = graph.get_edge_data(a, b)
        if old is None or km < old["weight"]:
            attrs = {"weight": km, "road_id": row["road_id"], "name": row["name"]}
            graph.add_edge(a, b, kind=row["kind"], **attrs)
    return graph


def roads_path(data: Dataset) -> Path | None:
    """The road table of a data folder: its own ``geo/roads.csv``, else the bundled one
    when the folder also uses the bundled gazetteer, else None (no roads)."""
    own = data.data_dir / "geo" / ROADS_FILE
    if own.exists():
        return own
    bundled = BUNDLED_DATA / "geo" / ROADS_FILE
    uses_bundled_places = data.geo_file(PLACES_FILE) == BUNDLED_DATA / "geo" / PLACES_FILE
    return bundled if uses_bundled_places and bundled.exists() else None


def load_road_graph(data: Dataset) -> nx.Graph:
    """The validated road graph of a data folder (empty when it has no roads)."""
    path = roads_path(data)
    if path is None:
        return nx.Graph()
    return road_graph(read_roads(path, data.gazetteer), data.gazetteer)


def held_places(state: pd.DataFrame, faction: str) -> set[str]:
    """Places ``faction`` controls in ``state``."""
    return set(state.loc[state["controller"] == faction, "place"])


def default_base(
    state: pd.DataFrame, graph: nx.Graph, faction: str, bases: Iterable[str] = ()
) -> str | None:
    """Rear base of ``faction``: the first held place of ``bases`` (the dataset's
    ``rear_bases``), else its held place with the most road links (ties: alphabetical);
    None if it holds no place on a road."""
    held = held_places(state, faction)
    for place in bases:
        if place in held:
            return place
    on_roads = sorted((-graph.degree(p), p) for p in held if p in graph)
    return on_roads[0][1] if on_roads else None


def supply(
    state: pd.DataFrame,
    graph: nx.Graph,
    faction: str,
    base: str | None = None,
    passable: Iterable[str] = (),
) -> dict[str, list[str]]:
    """Held places connected to the rear base by roads through held places, and the rest.

    Returns ``{"connected": [...], "cut_off": [...]}``, names sorted; the base itself is
    connected. ``base`` defaults to :func:`default_base`. When the base is not held by
    ``faction`` (or there is none), every place it holds is cut off. Places held by a
    controller in ``passable`` (e.g. ``{"neutral"}``) let roads through without being
    listed; by default only the faction's own places do.
    """
    held = held_places(state, faction)
    transit = set(state.loc[state["controller"].isin(list(passable)), "place"]) | held
    base = base if base is not None else default_base(state, graph, faction)
    reach: set[str] = set()
    if base in held:
        own = graph.subgraph(transit & set(graph.nodes))
        reach = set(nx.node_connected_component(own, base)) & held if base in own else {base}
    return {"connected": sorted(reach), "cut_off": sorted(held - reach)}


def road_km(graph: nx.Graph, a: str, b: str) -> float | None:
    """Shortest road distance between two places, in km (None if no road joins them)."""
    if a not in graph or b not in graph:
        return None
    try:
        return float(nx.shortest_path_length(graph, a, b, weight="weight"))
    except nx.NetworkXNoPath:
        return None


def road_lines(graph: nx.Graph) -> gpd.GeoDataFrame:
    """Road links as straight lon/lat segments: road_id, name, kind, km, geometry (WGS84)."""
    rows = [
        (d["road_id"], d["name"], d["kind"], d["weight"], _segment(graph, a, b))
        for a, b, d in graph.edges(data=True)
    ]
    columns = ["road_id", "name", "kind", "km", "geometry"]
    frame = gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")
    return frame.sort_values("road_id").reset_index(drop=True)


def _segment(graph: nx.Graph, a: str, b: str) -> shapely.LineString:
    ends = [graph.nodes[p] for p in (a, b)]
    return shapely.LineString([(n["lon"], n["lat"]) for n in ends])
