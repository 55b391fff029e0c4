"""Where a dataset's places are on the globe: one projection centre, its limits, the antimeridian.

Territory is computed in one Lambert azimuthal equal-area projection (LAEA) per dataset,
centred on the places. That works for a regional war and nowhere else, so this module
decides, before any geometry is built, whether a place set fits:

- The centre is the mean of the places as 3-D unit vectors, so places on both sides of
  the antimeridian (lon 179.9 and -179.9) centre near 180°, not near 0°.
- Every place must be within :data:`MAX_RADIUS_KM` of the centre. At 2,500 km from its
  centre LAEA stretches distances by at most about 2.4 % (the radial scale is
  cos(c/2) at angular distance c), so cell boundaries stay within a few percent of the
  true nearest-town boundaries. A worldwide place set is refused.
- The clip outline must not contain a pole: a polygon around a pole has no lon/lat
  ring, and the Web Mercator map cannot draw beyond ±85.05°.

Results go back to lon/lat with longitudes unwrapped around the centre (a cell may run
from 179.5 to 180.4), so polygons stay valid; :func:`split_antimeridian` cuts them at
±180° for RFC 7946 GeoJSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from dashboard.core.errors import TerritoryUnavailable
from dashboard.core.geo.distance import distances_from_km
from dashboard.core.geo.shapes import laea_crs

__all__ = [
    "centre_of",
    "check_outline",
    "MAX_RADIUS_KM",
    "MERCATOR_LAT",
    "Projection",
    "projection_at",
    "projection_for",
    "split_antimeridian",
    "unwrap_lon",
]

MAX_RADIUS_KM = 2500.0
"""Farthest a place may be from the projection centre for areas and front lines, in km."""
MERCATOR_LAT = 85.05
"""Latitude (degrees) beyond which the web map cannot draw."""


@dataclass(frozen=True)
class Projection:
    """The LAEA projection of one place set: centre (degrees) and transformers both ways."""

    lat: float
    lon: float
    forward: Transformer  # lon/lat -> metres
    back: Transformer  # metres -> lon/lat

    def to_xy(self) -> Callable[[np.ndarray], np.ndarray]:
        """A shapely.transform function from lon/lat to projected metres."""

        def func(xy: np.ndarray) -> np.ndarray:
            x, y = self.forward.transform(xy[:, 0], xy[:, 1])
            return np.column_stack([x, y])

        return func

    def to_lonlat(self) -> Callable[[np.ndarray], np.ndarray]:
        """A shapely.transform function from metres to lon/lat, lon unwrapped around the centre."""

        def func(xy: np.ndarray) -> np.ndarray:
            lon, lat = self.back.transform(xy[:, 0], xy[:, 1])
            return np.column_stack([unwrap_lon(np.asarray(lon), self.lon), lat])

        return func


def projection_at(lat: float, lon: float) -> Projection:
    """The LAEA projection centred on ``lat``, ``lon`` (degrees)."""
    crs = laea_crs(lat, lon)
    return Projection(
        lat,
        lon,
        Transformer.from_crs(4326, crs, always_xy=True),
        Transformer.from_crs(crs, 4326, always_xy=True),
    )


def centre_of(lat: np.ndarray, lon: np.ndarray) -> tuple[float, float]:
    """Mean position (lat, lon in degrees) of points as 3-D unit vectors; (0, 0) if none.

    Examples
    --------
    >>> [round(v, 6) + 0 for v in centre_of(np.array([0.0, 0.0]), np.array([179.0, -179.0]))]
    [0.0, 180.0]
    """
    if len(lat) == 0:
        return 0.0, 0.0
    phi, lam = np.radians(lat), np.radians(lon)
    x, y, z = (
        (np.cos(phi) * np.cos(lam)).mean(),
        (np.cos(phi) * np.sin(lam)).mean(),
        np.sin(phi).mean(),
    )
    if np.hypot(np.hypot(x, y), z) < 1e-9:
        return 0.0, 0.0  # points spread evenly round the globe: no centre (refused later)
    return float(np.degrees(np.arctan2(z, np.hypot(x, y)))), float(np.degrees(np.arctan2(y, x)))


def unwrap_lon(lon: np.ndarray, centre: float) -> np.ndarray:
    """Longitudes moved by whole turns into [centre - 180, centre + 180)."""
    return (lon - centre + 180.0) % 360.0 - 180.0 + centre


def projection_for(lat: np.ndarray, lon: np.ndarray) -> Projection:
    """The projection for a place set, or TerritoryUnavailable when the places do not fit."""
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    centre = centre_of(lat, lon)
    if len(lat):
        far = float(distances_from_km(*centre, lat, lon).max())
        if far > MAX_RADIUS_KM:
            raise TerritoryUnavailable(
                f"areas and front lines need every place within {MAX_RADIUS_KM:,.0f} km of one "
                f"centre (one equal-area projection); these places reach {far:,.0f} km"
            )
    return projection_at(*centre)


def check_outline(projection: Projection, outline_xy: BaseGeometry) -> None:
    """TerritoryUnavailable when the projected clip outline contains a pole."""
    for pole_lat in (90.0, -90.0):
        x, y = projection.forward.transform(projection.lon, pole_lat)
        if np.isfinite([x, y]).all() and outline_xy.covers(shapely.Point(x, y)):
            raise TerritoryUnavailable(
                f"areas and front lines are not available around a pole (the map ends at "
                f"±{MERCATOR_LAT}°; the outline contains the {'north' if pole_lat > 0 else 'south'} pole)"
            )


def split_antimeridian(geoms: np.ndarray) -> np.ndarray:
    """Geometries with unwrapped longitudes cut at ±180° and moved back into [-180, 180]."""
    out = np.asarray(geoms, dtype=object).copy()
    for i, geom in enumerate(out):
        if geom is None or geom.is_empty:
            continue
        minx, _, maxx, _ = geom.bounds
        if minx >= -180.0 and maxx <= 180.0:
            continue
        pieces = []
        for turn in range(int(np.floor((minx + 180) / 360)), int(np.floor((maxx + 180) / 360)) + 1):
            shift = 360.0 * turn
            part = shapely.clip_by_rect(geom, shift - 180.0, -90.0, shift + 180.0, 90.0)
            if not part.is_empty:
                pieces.extend(
                    shapely.get_parts(shapely.transform(part, lambda xy, s=shift: xy - [s, 0]))
                )
        out[i] = _collect(pieces, geom)
    return out


def _collect(pieces: list[BaseGeometry], like: BaseGeometry) -> BaseGeometry:
    """One multi-geometry of the pieces, of the same dimension as ``like``."""
    dim = shapely.get_dimensions(like)
    kept = [p for p in pieces if shapely.get_dimensions(p) == dim and not p.is_empty]
    if dim == 2:
        return shapely.MultiPolygon([q for p in kept for q in shapely.get_parts(p)])
    if dim == 1:
        return shapely.MultiLineString([q for p in kept for q in shapely.get_parts(p)])
    return shapely.GeometryCollection(kept)
