"""Small geometry helpers: an equal-area projection, the polygon or line parts of a shape, and
shapes repaired after a change of coordinates."""

from __future__ import annotations

import numpy as np
import shapely
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

__all__ = ["laea_crs", "line_parts", "polygonal", "repaired"]


def laea_crs(lat: float, lon: float) -> CRS:
    """Lambert azimuthal equal-area CRS (metres) centred on ``lat``, ``lon``."""
    return CRS.from_proj4(f"+proj=laea +lat_0={lat:.6f} +lon_0={lon:.6f} +datum=WGS84 +units=m")


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


def repaired(shapes: np.ndarray) -> np.ndarray:
    """Polygons, each made valid where it is not (polygon parts kept); valid ones as given.

    A cell valid in a projection can self-intersect once brought back to lon/lat where
    the outline's coast runs close to itself (six towns of Luhansk oblast clipped to
    Ukraine did), and GEOS then refuses to round or overlay it."""
    bad = ~shapely.is_valid(shapes)
    if not bad.any():
        return shapes
    out = shapes.copy()
    out[bad] = shapely.make_valid(shapes[bad], method="structure", keep_collapsed=False)
    return out
