"""Day-independent territory geometry for the browser: one cell per place, shared borders.

The browser colours each cell by its place's holder and shows a border as front line
when the holders on its two sides are hostile, so both are drawn once, here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from dashboard.core.geo.geojson import feature_collection

__all__ = ["border_features", "cell_features", "cell_place", "DIGITS"]

DIGITS = 4


def _features(geoms: np.ndarray, props: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """GeoJSON features of ``geoms`` rounded to :data:`DIGITS` decimals (one GEOS call)."""
    rounded = shapely.set_precision(geoms, 10**-DIGITS)
    return [
        {"type": "Feature", "geometry": shapely.geometry.mapping(g), "properties": p}
        for g, p in zip(rounded, props, strict=True)
    ]


def cell_place(tess: Any, place_order: list[str]) -> np.ndarray:
    """Index (in ``place_order``) of the place each cell is coloured by: its first place."""
    position = {name: k for k, name in enumerate(place_order)}
    owner = np.full(tess.n_cells, -1, dtype=np.int64)
    for k, cell in enumerate(tess.cell_of):
        idx = position.get(str(tess.places[k]), -1)
        if owner[cell] < 0 or (0 <= idx < owner[cell]):
            owner[cell] = idx
    return owner


def cell_features(tess: Any, place_order: list[str]) -> dict[str, Any]:
    """GeoJSON polygons of the clipped cells, each tagged ``{"fl": "cell", "i": place}``."""
    owner = cell_place(tess, place_order)
    geoms = np.asarray(tess.clipped_wgs84, dtype=object)
    shown = (owner >= 0) & ~shapely.is_missing(geoms)
    shown[shown] = ~shapely.is_empty(geoms[shown])
    props = [{"fl": "cell", "i": int(i)} for i in owner[shown]]
    return feature_collection(_features(geoms[shown], props))


def border_features(tess: Any, place_order: list[str]) -> dict[str, Any]:
    """GeoJSON lines of every border two cells share, tagged ``{"fl": "edge", "a", "b"}``.

    Each GEOS step runs once over all pairs of touching cells (not once per pair)."""
    owner = cell_place(tess, place_order)
    clipped = tess.clipped
    left, right = shapely.STRtree(clipped).query(clipped, predicate="intersects")
    a, b = left[left < right], right[left < right]
    edges = shapely.boundary(clipped)
    shared = shapely.line_merge(_only_lines(shapely.intersection(edges[a], edges[b])))
    keep = ~shapely.is_empty(shared) & (shapely.length(shared) >= 1.0)
    keep &= (owner[a] >= 0) & (owner[b] >= 0)
    props = [
        {"fl": "edge", "a": int(i), "b": int(j)}
        for i, j in zip(owner[a][keep], owner[b][keep], strict=True)
    ]
    return feature_collection(_features(tess.unproject(shared[keep]), props))


def _only_lines(geoms: np.ndarray) -> np.ndarray:
    """The line parts of each geometry (collections flattened) as a MultiLineString."""
    parts, index = shapely.get_parts(geoms, return_index=True)
    parts, inner = shapely.get_parts(parts, return_index=True)
    index = index[inner]
    lines = shapely.get_type_id(parts) == shapely.GeometryType.LINESTRING
    out = np.array([shapely.MultiLineString() for _ in range(len(geoms))], dtype=object)
    if lines.any():
        shapely.multilinestrings(parts[lines], indices=index[lines], out=out)
    return out
