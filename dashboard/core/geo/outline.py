"""The outline a data folder's areas are clipped to: a GeoJSON file or a buffered hull."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from dashboard.core.dataset import read_info
from dashboard.core.geo import basemap
from dashboard.core.geo.extent import check_outline, projection_for
from dashboard.core.geo.shapes import polygonal
from dashboard.core.io.load import BUNDLED_DATA, Dataset

__all__ = ["HULL_BUFFER_KM", "hull_outline", "outline_for", "OWN_OUTLINE_FILE", "read_outline"]

OWN_OUTLINE_FILE = "outline.geojson"
HULL_BUFFER_KM = 50.0


def read_outline(path: Path) -> BaseGeometry:
    """The union of the polygon features of a GeoJSON file (WGS84)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    features = data.get("features", [data]) if data.get("type") == "FeatureCollection" else [data]
    geoms = [shape(f.get("geometry", f)) for f in features]
    return shapely.make_valid(polygonal(shapely.union_all(geoms)))


def hull_outline(places: pd.DataFrame, buffer_km: float = HULL_BUFFER_KM) -> BaseGeometry:
    """Convex hull of the places buffered by ``buffer_km`` km (WGS84); empty if no places."""
    if places.empty:
        return shapely.Polygon()
    lat, lon = places["lat"].to_numpy(float), places["lon"].to_numpy(float)
    proj = projection_for(lat, lon)  # TerritoryUnavailable for worldwide places
    x, y = proj.forward.transform(lon, lat)
    hull = shapely.multipoints(np.column_stack([x, y])).convex_hull.buffer(buffer_km * 1000.0)
    check_outline(proj, hull)  # TerritoryUnavailable around a pole
    return shapely.transform(hull, proj.to_lonlat())


def outline_for(data: Dataset) -> BaseGeometry:
    """The outline a data folder's zones are clipped to (WGS84).

    In order: the ``outline`` its dataset.toml names; else its own ``geo/outline.geojson``;
    else the outline of the country the data is about (its ``focus_country``, else the
    country holding most of its places, from the basemap: :mod:`dashboard.core.geo.basemap`);
    else the bundled dataset's outline when that contains at least half of the places;
    else the convex hull of the places buffered by 50 km (:func:`hull_outline`).
    """
    if data.info.outline is not None:
        return read_outline(data.info.outline)
    own = data.data_dir / "geo" / OWN_OUTLINE_FILE
    if own.exists():
        return read_outline(own)
    lon, lat = data.places["lon"].to_numpy(float), data.places["lat"].to_numpy(float)
    country = basemap.outline_of_places(data.data_dir, lon, lat, data.info.focus_country)
    if country is not None:
        return shapely.make_valid(polygonal(country))
    bundled = read_info(BUNDLED_DATA).outline
    if bundled is not None and bundled.exists() and len(data.places):
        outline = read_outline(bundled)
        if shapely.contains_xy(outline, lon, lat).mean() >= 0.5:
            return outline
    return hull_outline(data.places)
