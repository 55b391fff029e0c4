"""Territory: Voronoi control zones of the places, front lines between them, areas over time.

Each place gets the Voronoi cell of the land nearer to it than to any other place, clipped
to the outline of the country; each faction's zone is the union of its places' cells.
This is a *schematic* picture of control: nearest-town territory, not a traced front.

Geometry is computed in a Lambert azimuthal equal-area projection (LAEA) centred on the
places, so areas are equal-area (km²) and the Voronoi cells are those of distance on the
map within ~1 % over a few hundred km of the centre. Outputs are WGS84 (lon/lat), with
longitudes unwrapped around the centre; GeoJSON is cut at ±180°. Place sets that one
projection cannot hold (worldwide, around a pole) raise ``TerritoryUnavailable``
(see :mod:`dashboard.core.geo.extent`).

Rules
-----
- A place whose controller is ``unknown`` keeps its cell as ``unknown`` in
  :func:`control_cells`; that cell is neutral ground and is *excluded* from
  :func:`control_zones`, :func:`front_lines` and :func:`areas_over_time`.
- Places at the same point (lat/lon equal to 5 decimals, ≈1 m) share one cell, which goes
  to the known controller with the strongest confidence (confirmed > disputed > claimed),
  then the latest change, then the first place name in alphabetical order.
- Places outside the outline still shape the tessellation (a town across the border takes
  its nearest land); a cell that does not reach the outline is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from dashboard.core.control import CONFIDENCE_RANK, ControlIndex
from dashboard.core.errors import TerritoryUnavailable
from dashboard.core.geo.distance import WGS84, is_hostile
from dashboard.core.geo.extent import (
    Projection,
    check_outline,
    projection_at,
    projection_for,
)
from dashboard.core.geo.shapes import line_parts, polygonal, repaired
from dashboard.core.schema import UNKNOWN

__all__ = [
    "areas_over_time", "CELL_COLUMNS", "cell_winners", "control_cells", "control_zones",
    "DENSIFY_DEG", "FRONT_COLUMNS", "front_lines", "MIN_CELL_KM2", "SAME_POINT_DIGITS",
    "TerritoryUnavailable", "tessellate", "Tessellation", "ZONE_COLUMNS"
]  # fmt: skip

DENSIFY_DEG = 0.1
SAME_POINT_DIGITS = 5
MIN_CELL_KM2 = 1e-6
ZONE_COLUMNS = ["faction", "area_km2", "geometry"]
CELL_COLUMNS = ["place", "places", "controller", "confidence", "area_km2", "geometry"]
FRONT_COLUMNS = ["factions", "length_km", "geometry"]


@dataclass(frozen=True, eq=False)
class Tessellation:
    """Voronoi cells of a place set, clipped to an outline, in an equal-area projection.

    It depends only on where the places are, never on the date: a date only changes
    which controller each cell is assigned to.
    """

    places: np.ndarray  # place names, in input order
    cell_of: np.ndarray  # cell index of each place (places at one point share a cell)
    cells: np.ndarray  # unclipped Voronoi polygons (projected), one per distinct point
    clipped: np.ndarray  # cells ∩ outline (projected)
    area_km2: np.ndarray  # equal-area km² of each clipped cell
    clipped_wgs84: np.ndarray  # the clipped cells in lon/lat
    outline: BaseGeometry  # the outline (projected)
    projection: Projection

    @property
    def n_cells(self) -> int:
        """Number of distinct points (cells)."""
        return len(self.cells)

    def unproject(self, geoms: Any) -> Any:
        """Projected geometries back to WGS84 lon/lat."""
        return shapely.transform(geoms, self.projection.to_lonlat())


def tessellate(places: pd.DataFrame, outline: BaseGeometry) -> Tessellation:
    """Voronoi tessellation of ``places`` (place, lat, lon) within ``outline`` (cached).

    The result is cached per place set and outline, so repeated calls for other dates
    of the same data cost only the cache lookup.
    """
    places = places[["place", "lat", "lon"]].dropna()
    key = (
        tuple(places["place"].astype(str)),
        tuple(places["lat"].astype(float)),
        tuple(places["lon"].astype(float)),
        shapely.to_wkb(outline),
    )
    return _tessellate_cached(*key)


@lru_cache(maxsize=16)
def _tessellate_cached(
    names: tuple[str, ...], lats: tuple[float, ...], lons: tuple[float, ...], outline_wkb: bytes
) -> Tessellation:
    lat, lon = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    outline = shapely.from_wkb(outline_wkb)
    proj = projection_for(lat, lon) if len(lat) else projection_at(*_centre(outline))
    x, y = proj.forward.transform(lon, lat)
    cell_of, first = _merge_same_points(lat, lon)
    points = np.column_stack([np.asarray(x), np.asarray(y)])[first]
    outline_p = shapely.make_valid(shapely.transform(_densify(outline), proj.to_xy()))
    check_outline(proj, outline_p)
    cells = _voronoi(points, outline_p)
    clipped = shapely.intersection(cells, outline_p)
    area = shapely.area(clipped) / 1e6
    lonlat = repaired(shapely.transform(clipped, proj.to_lonlat()))
    names_array = np.asarray(names, dtype=object)
    return Tessellation(names_array, cell_of, cells, clipped, area, lonlat, outline_p, proj)


def _centre(outline: BaseGeometry) -> tuple[float, float]:
    point = outline.representative_point() if not outline.is_empty else shapely.Point(0, 0)
    return float(point.y), float(point.x)


def _densify(outline: BaseGeometry) -> BaseGeometry:
    """Outline with edges of at most 0.1°, so projecting it keeps its drawn shape."""
    return shapely.segmentize(outline, DENSIFY_DEG) if not outline.is_empty else outline


def _merge_same_points(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cell index of each place and the first place of each cell (same point to ≈1 m)."""
    keys = np.column_stack([lat.round(SAME_POINT_DIGITS), lon.round(SAME_POINT_DIGITS)])
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    _, first, cell_of = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first)  # number cells in order of first appearance
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[cell_of.ravel()], first[order]


def _voronoi(points: np.ndarray, outline: BaseGeometry) -> np.ndarray:
    """Voronoi polygons of distinct ``points`` (projected), in point order, covering outline."""
    if len(points) == 0:
        return np.empty(0, dtype=object)
    frame = shapely.union(shapely.envelope(outline), shapely.multipoints(points).envelope)
    frame = shapely.buffer(shapely.envelope(frame), 100_000.0 + 0.1 * np.sqrt(frame.area))
    if len(points) == 1:
        return np.array([frame], dtype=object)
    diagram = shapely.voronoi_polygons(shapely.multipoints(points), extend_to=frame, ordered=True)
    return np.asarray(shapely.get_parts(diagram), dtype=object)


def cell_winners(tess: Tessellation, state: pd.DataFrame) -> np.ndarray:
    """Row of ``state`` whose controller each cell gets (see the module's duplicate rule).

    ``state`` must list the tessellation's places in the same order.
    """
    if tess.n_cells == len(state):
        return np.argsort(tess.cell_of)
    known = (state["controller"].to_numpy() != UNKNOWN).astype(int)
    rank = state["confidence"].map(CONFIDENCE_RANK).fillna(-1).to_numpy()
    last = pd.to_datetime(state["last_change"]).to_numpy().astype("datetime64[D]").astype(np.int64)
    last = np.where(pd.isna(state["last_change"]).to_numpy(), -(2**62), last)  # NaT: oldest
    by_name = np.argsort(np.argsort(state["place"].to_numpy().astype(str)))
    order = np.lexsort((by_name, -last, -rank, -known, tess.cell_of))
    first = np.ones(len(order), dtype=bool)
    first[1:] = tess.cell_of[order][1:] != tess.cell_of[order][:-1]
    return order[first]


def _assign(state: pd.DataFrame, outline: BaseGeometry) -> tuple[Tessellation, pd.DataFrame]:
    """The tessellation and the winning state row of each cell (index = cell number)."""
    state = state.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    for col, default in (("confidence", ""), ("last_change", pd.NaT)):
        if col not in state.columns:
            state[col] = default
    tess = tessellate(state, outline)
    return tess, state.iloc[cell_winners(tess, state)].reset_index(drop=True)


def control_cells(state: pd.DataFrame, outline: BaseGeometry) -> gpd.GeoDataFrame:
    """Voronoi cell of each place with its controller and area in km² (WGS84).

    Columns: place (the cell's winner), places (every place at that point, '|'-joined),
    controller (``unknown`` kept), confidence, area_km2, geometry. Cells that do not
    reach the outline (under 1 m² inside it) are dropped.
    """
    if state.empty:
        return gpd.GeoDataFrame(columns=CELL_COLUMNS, geometry="geometry", crs="EPSG:4326")
    tess, winners = _assign(state, outline)
    frame = winners[["place", "controller", "confidence"]].assign(
        places=_names_per_cell(tess), area_km2=tess.area_km2
    )
    geometry = tess.clipped_wgs84
    keep = tess.area_km2 > MIN_CELL_KM2
    cells = gpd.GeoDataFrame(frame[keep], geometry=geometry[keep], crs="EPSG:4326")
    return cells[CELL_COLUMNS].reset_index(drop=True)


def _names_per_cell(tess: Tessellation) -> np.ndarray:
    """The '|'-joined sorted names of the places of each cell."""
    if tess.n_cells == len(tess.places):
        return tess.places[np.argsort(tess.cell_of)]
    together = pd.Series(tess.places).groupby(tess.cell_of).agg(lambda s: "|".join(sorted(s)))
    return together.sort_index().to_numpy()


def control_zones(state: pd.DataFrame, outline: BaseGeometry) -> gpd.GeoDataFrame:
    """One (Multi)Polygon per faction: its places' cells dissolved, area in equal-area km².

    ``unknown`` cells are left out (neutral ground). Columns: faction, area_km2, geometry
    (WGS84), sorted by faction; factions whose cells all miss the outline are dropped.
    """
    if state.empty:
        return gpd.GeoDataFrame(columns=ZONE_COLUMNS, geometry="geometry", crs="EPSG:4326")
    tess, winners = _assign(state, outline)
    controller = winners["controller"].to_numpy()
    rows = []
    for faction in sorted(set(controller) - {UNKNOWN}):
        zone = _dissolve(tess, controller == faction)
        if shapely.area(zone) / 1e6 > MIN_CELL_KM2:
            rows.append((faction, shapely.area(zone) / 1e6, tess.unproject(zone)))
    return gpd.GeoDataFrame(rows, columns=ZONE_COLUMNS, geometry="geometry", crs="EPSG:4326")


def _dissolve(tess: Tessellation, mask: np.ndarray) -> BaseGeometry:
    """Union of the selected cells, clipped to the outline (projected)."""
    union = shapely.coverage_union_all(tess.cells[mask])
    if not union.is_valid:  # not an exact coverage: fall back to the robust overlay
        union = shapely.union_all(tess.cells[mask])
    zone = shapely.intersection(union, tess.outline)
    return polygonal(zone)


def front_lines(zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Shared boundaries between hostile factions' zones, with geodesic length in km.

    Boundaries with the outline (sea, border) are not fronts, nor are boundaries with
    ``unknown`` or ``neutral`` ground. Columns: factions ("A|B", sorted), length_km,
    geometry (LineString or MultiLineString, WGS84).
    """
    rows = []
    for (_, a), (_, b) in combinations(zones.iterrows(), 2):
        if not is_hostile(a["faction"], b["faction"]):
            continue
        line = line_parts(shapely.intersection(a.geometry.boundary, b.geometry.boundary))
        if not line.is_empty:
            pair = "|".join(sorted((a["faction"], b["faction"])))
            rows.append((pair, WGS84.geometry_length(line) / 1000.0, line))
    rows.sort(key=lambda r: r[0])
    return gpd.GeoDataFrame(rows, columns=FRONT_COLUMNS, geometry="geometry", crs="EPSG:4326")


def areas_over_time(index: ControlIndex, outline: BaseGeometry) -> pd.DataFrame:
    """Area of each faction's zone after each change day, in equal-area km².

    Long format: day (Timestamp), faction, area_km2; every faction on every day (0 when
    it holds nothing). The tessellation is built once; each day is a sum of cell areas.
    """
    days = index.change_days()
    if len(index.places) == 0 or len(days) == 0:
        return pd.DataFrame(columns=["day", "faction", "area_km2"])
    tess = tessellate(index.places, outline)
    area = pd.Series(tess.area_km2)
    rows = []
    for day in days:
        controller = _controllers(index, tess, str(day))
        totals = area.groupby(controller).sum().drop(UNKNOWN, errors="ignore")
        rows.append(totals.rename(pd.Timestamp(day)))
    wide = pd.DataFrame(rows).fillna(0.0).sort_index(axis=1).rename_axis("day").reset_index()
    long = wide.melt(id_vars="day", var_name="faction", value_name="area_km2")
    return long.sort_values(["day", "faction"]).reset_index(drop=True)


def _controllers(index: ControlIndex, tess: Tessellation, day: str) -> np.ndarray:
    """Controller of each cell on ``day`` (fast path without a state frame when no two
    places share a point)."""
    if tess.n_cells != len(index.places):
        state = index.state(day)
        return state["controller"].to_numpy()[cell_winners(tess, state)]
    pos = index.positions(day)
    held = index.changes["controller"].to_numpy()[np.maximum(pos, 0)] if len(pos) else pos
    return np.where(pos >= 0, held, UNKNOWN)[np.argsort(tess.cell_of)]
