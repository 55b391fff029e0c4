"""Offline basemap files of a data folder: where they are, which countries to draw, and the
outline of the country a data set's places are in.

A data folder's own ``geo/`` files win over the bundled ones (``data/geo``). The detailed
layer (``land-detail.geojson``, ~50 m, the region of the folder's ``dataset.toml``) is
used where it covers a country whole; ``world.geojson`` (~5 km) everywhere else.
All geometry is WGS84 lon/lat degrees.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from dashboard.core.paths import bundled_data_dir

__all__ = [
    "Bbox",
    "BUNDLED_GEO",
    "Countries",
    "countries_in_bbox",
    "country_of_places",
    "country_outline",
    "DETAIL_FILE",
    "geo_path",
    "load_countries",
    "NEAR_DEG",
    "outline_of_places",
    "places_country",
    "RELIEF_GLOB",
    "relief_path",
    "select_features",
    "WORLD_FILE",
]

BUNDLED_GEO = bundled_data_dir() / "geo"
DETAIL_FILE = "land-detail.geojson"
WORLD_FILE = "world.geojson"
RELIEF_GLOB = "relief-*.json"
NEAR_DEG = 0.1  # a place this close to a country's coast (~10 km) counts as in it

Bbox = tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max (degrees)


@dataclass(frozen=True, eq=False)
class Countries:
    """Country polygons of one GeoJSON file, with their codes, names and boxes.

    Shapes are kept as read and repaired (``make_valid``) only when one is used: 32 of
    the world file's 250 countries need it, which takes ~0.9 s for all of them, while a
    data set needs one or two."""

    iso_a3: np.ndarray  # str, one per feature
    names: np.ndarray  # str
    shapes: np.ndarray  # shapely geometries as read (possibly invalid)
    features: tuple[dict[str, Any], ...]  # the file's features, unchanged
    _repaired: dict[int, BaseGeometry] = field(default_factory=dict, repr=False)

    @property
    def bounds(self) -> Bbox:
        """The box around every country, in degrees."""
        b = shapely.total_bounds(self.shapes)
        return float(b[0]), float(b[1]), float(b[2]), float(b[3])

    def polygon(self, k: int) -> BaseGeometry:
        """Country ``k``'s repaired (Multi)Polygon (repaired once, then kept)."""
        if k not in self._repaired:
            self._repaired[k] = _polygons(self.shapes[k])
        return self._repaired[k]

    @property
    def geoms(self) -> np.ndarray:
        """Every country's repaired (Multi)Polygon (repairs all: for tools and tests)."""
        return np.array([self.polygon(k) for k in range(len(self.shapes))], dtype=object)

    def geometry(self, iso_a3: str) -> BaseGeometry | None:
        """The polygon of country ``iso_a3`` (upper case), None when absent."""
        hits = np.flatnonzero(self.iso_a3 == iso_a3.upper())
        return self.polygon(int(hits[0])) if len(hits) else None

    def near(self, geom: Any) -> np.ndarray:
        """Indexes of the countries whose box meets ``geom`` (or each of an array)."""
        return _tree(self).query(geom)


def geo_path(data_dir: Path | None, name: str) -> Path | None:
    """``data_dir/geo/name`` if it exists, else the bundled ``data/geo/name``, else None."""
    for folder in ([Path(data_dir) / "geo"] if data_dir else []) + [BUNDLED_GEO]:
        if (folder / name).is_file():
            return folder / name
    return None


def relief_path(data_dir: Path | None) -> Path | None:
    """The relief description (``relief-<region>.json``) of the folder, else the bundled one."""
    for folder in ([Path(data_dir) / "geo"] if data_dir else []) + [BUNDLED_GEO]:
        found = sorted(folder.glob(RELIEF_GLOB)) if folder.is_dir() else []
        if found:
            return found[0]
    return None


def load_countries(path: Path) -> Countries:
    """The country features of a basemap GeoJSON file (cached per file and mtime)."""
    path = Path(path)
    return _load_countries(str(path.resolve()), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load_countries(path: str, _mtime: int) -> Countries:
    text = Path(path).read_text(encoding="utf-8")
    features = tuple(json.loads(text)["features"])
    shapes = _shapes(text, features)
    iso = np.array([str(f["properties"].get("iso_a3", "")).upper() for f in features])
    names = np.array([str(f["properties"].get("name", "")) for f in features])
    return Countries(iso, names, shapes, features)


def _shapes(text: str, features: Sequence[dict[str, Any]]) -> np.ndarray:
    """The features' geometries as read (not repaired): GEOS parses the whole file at
    once, three times faster than one ``shape`` per feature; a file with a feature
    without geometry is read feature by feature."""
    if all(f.get("geometry") for f in features):
        parts = shapely.get_parts(shapely.from_geojson(text))
        if len(parts) == len(features):
            return np.asarray(parts, dtype=object)
    return np.array([shape(f["geometry"]) for f in features], dtype=object)


@lru_cache(maxsize=8)
def _tree(countries: Countries) -> shapely.STRtree:
    """A box index over the countries' shapes as read."""
    return shapely.STRtree(countries.shapes)


def _polygons(geom: BaseGeometry) -> BaseGeometry:
    """The polygonal part of a repaired geometry, as a (Multi)Polygon."""
    geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.MultiPolygon()


def countries_in_bbox(countries: Countries, bbox: Bbox, margin_deg: float = 2.0) -> list[str]:
    """Codes (iso_a3, sorted) of the countries that intersect ``bbox`` grown by
    ``margin_deg`` degrees on every side."""
    west, south, east, north = bbox
    box = shapely.box(west - margin_deg, south - margin_deg, east + margin_deg, north + margin_deg)
    hits = [int(k) for k in countries.near(box) if countries.polygon(int(k)).intersects(box)]
    return sorted(str(c) for c in countries.iso_a3[hits])


def select_features(countries: Countries, codes: Sequence[str]) -> dict[str, Any]:
    """A FeatureCollection of the file's own features for ``codes`` (file order)."""
    wanted = {c.upper() for c in codes}
    chosen = [
        f for f, iso in zip(countries.features, countries.iso_a3, strict=True) if iso in wanted
    ]
    return {"type": "FeatureCollection", "features": chosen}


def country_of_places(countries: Countries, lon: np.ndarray, lat: np.ndarray) -> str | None:
    """Code of the country holding most of the places (lon/lat degrees), None if none.

    A place outside every polygon counts for the nearest country within ``NEAR_DEG``
    (a coastal town on a coarse coast). Ties go to the code first in alphabetical order.
    """
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    if len(lon) == 0 or len(countries.shapes) == 0:
        return None
    points = shapely.points(lon, lat)
    owner = np.full(len(points), -1)
    place, country = countries.near(points)
    order = np.lexsort((country, place))  # overlapping polygons: the first feature of the file
    place, country = place[order], country[order]
    inside = np.zeros(len(place), dtype=bool)
    for k in np.unique(country):  # each country's points at once (a prepared polygon)
        chosen = np.flatnonzero(country == k)
        polygon = countries.polygon(int(k))
        shapely.prepare(polygon)
        inside[chosen] = shapely.contains_xy(polygon, lon[place[chosen]], lat[place[chosen]])
    held_at, first = np.unique(place[inside], return_index=True)
    owner[held_at] = country[inside][first]
    loose = np.flatnonzero(owner < 0)
    if len(loose):
        pairs = _tree(countries).query_nearest(
            points[loose], max_distance=NEAR_DEG, all_matches=False
        )
        owner[loose[pairs[0]]] = pairs[1]
    held = owner[owner >= 0]
    if len(held) == 0:
        return None
    codes, counts = np.unique(countries.iso_a3[held], return_counts=True)
    return str(codes[np.lexsort((codes, -counts))[0]])


def country_outline(data_dir: Path | None, iso_a3: str) -> BaseGeometry | None:
    """The outline of country ``iso_a3``: the detailed layer's when that layer holds the
    country whole (not cut by its region's box), else the world file's; None if absent."""
    world_path = geo_path(data_dir, WORLD_FILE)
    world = load_countries(world_path).geometry(iso_a3) if world_path else None
    detail_path = geo_path(data_dir, DETAIL_FILE)
    if detail_path is not None:
        detail = load_countries(detail_path)
        found = detail.geometry(iso_a3)
        if found is not None and (world is None or _within_box(world, detail.bounds)):
            return found
    return world


def _within_box(geom: BaseGeometry, box: Bbox, slack_deg: float = 0.05) -> bool:
    """Whether ``geom``'s bounds lie inside ``box`` (give or take ``slack_deg``)."""
    west, south, east, north = geom.bounds
    return (
        west >= box[0] - slack_deg
        and south >= box[1] - slack_deg
        and east <= box[2] + slack_deg
        and north <= box[3] + slack_deg
    )


def places_country(
    data_dir: Path | None, lon: np.ndarray, lat: np.ndarray, focus: str | None = None
) -> str | None:
    """The country a data set is about: ``focus`` (its dataset.toml ``focus_country``),
    else the country of the world file holding most of its places (None if neither)."""
    if focus:
        return focus.strip().upper()
    world_path = geo_path(data_dir, WORLD_FILE)
    return country_of_places(load_countries(world_path), lon, lat) if world_path else None


def outline_of_places(
    data_dir: Path | None, lon: np.ndarray, lat: np.ndarray, focus: str | None = None
) -> BaseGeometry | None:
    """The outline of the country a data set is about (:func:`places_country`), None when
    there are no places or no basemap polygon for that country."""
    if len(np.asarray(lon)) == 0:
        return None
    country = places_country(data_dir, lon, lat, focus)
    return country_outline(data_dir, country) if country else None
