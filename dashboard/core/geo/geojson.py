"""The one GeoJSON serialiser (RFC 7946: [lon, lat]): points, lines, control states and
any GeoDataFrame (areas, fronts, roads)."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from dashboard.core.geo.extent import split_antimeridian

__all__ = [
    "Feature",
    "feature_collection",
    "FeatureCollection",
    "iso",
    "line",
    "point",
    "to_feature_collection",
]

Feature = dict[str, Any]
FeatureCollection = dict[str, Any]


def feature_collection(features: list[Feature]) -> FeatureCollection:
    """Wrap features in a FeatureCollection."""
    return {"type": "FeatureCollection", "features": features}


def point(lat: float, lon: float, properties: dict[str, Any]) -> Feature:
    """A Point feature; coordinates in [lon, lat] order, 5 decimals (about 1 m)."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(float(lon), 5), round(float(lat), 5)]},
        "properties": properties,
    }


def line(a: tuple[float, float], b: tuple[float, float], properties: dict[str, Any]) -> Feature:
    """A two-point LineString from (lat, lon) ``a`` to ``b``."""
    coords = [
        [round(float(a[1]), 5), round(float(a[0]), 5)],
        [round(float(b[1]), 5), round(float(b[0]), 5)],
    ]
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": properties,
    }


def iso(value: Any) -> str | None:
    """ISO date string of a date-like value, None for NaT/None."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or pd.isna(value):
        return None
    return str(pd.Timestamp(value).date())


def to_feature_collection(frame: gpd.GeoDataFrame, digits: int = 5) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection (lon/lat, right-hand rings, rounded coordinates).

    Coordinates are snapped to a 10**-digits degree grid (repeated points removed) and
    rounded, so ``digits=5`` gives about 1 m.
    """
    geoms = split_antimeridian(frame.geometry.to_numpy())  # RFC 7946: cut at ±180°
    geoms = shapely.set_precision(geoms, 10.0**-digits)
    geoms = shapely.orient_polygons(geoms, exterior_cw=False)
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, digits) + 0.0)
    props = frame.drop(columns=frame.geometry.name)
    features = [
        {"type": "Feature", "properties": _plain(row), "geometry": mapping(geom)}
        for row, geom in zip(props.to_dict("records"), geoms, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """JSON-safe properties (numpy scalars to Python, km values to 3 decimals)."""
    out = {}
    for key, value in row.items():
        value = value.item() if isinstance(value, np.generic) else value
        out[key] = round(value, 3) if isinstance(value, float) else value
    return out
