"""Small geometry helpers: an equal-area projection and the polygon or line parts of a shape."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry.base import BaseGeometry


def laea_crs(lat: float, lon: float) -> CRS:
    """Lambert azimuthal equal-area CRS (metres) centred on ``lat``, ``lon``."""
    return CRS.from_proj4(f"+proj=laea +lat_0={lat:.6f} +lon_0={lon:.6f} +datum=WGS84 +units=m")


def xy_func(transformer: Transformer) -> Callable[[np.ndarray], np.ndarray]:
    def func(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return func


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygon parts of a geometry (drops stray lines or points from overlays)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def line_parts(geom: BaseGeometry) -> BaseGeometry:
    """The line parts of a geometry, merged into a LineString or MultiLineString."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("LineString", "MultiLineString")]
    if not parts:
        return shapely.LineString()
    return shapely.line_merge(shapely.union_all(parts))
