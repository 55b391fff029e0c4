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


def _rounded(geom: Any) -> dict[str, Any]:
    rounded = shapely.set_precision(geom, 10**-DIGITS)
    return shapely.geometry.mapping(rounded)


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
    features = []
    for cell, geom in enumerate(tess.clipped_wgs84):
        if owner[cell] < 0 or geom is None or geom.is_empty:
            continue
        props = {"fl": "cell", "i": int(owner[cell])}
        features.append({"type": "Feature", "geometry": _rounded(geom), "properties": props})
    return feature_collection(features)


def border_features(tess: Any, place_order: list[str]) -> dict[str, Any]:
    """GeoJSON lines of every border two cells share, tagged ``{"fl": "edge", "a", "b"}``."""
    owner = cell_place(tess, place_order)
    clipped = tess.clipped
    tree = shapely.STRtree(clipped)
    left, right = tree.query(clipped, predicate="intersects")
    pairs = [(a, b) for a, b in zip(left, right, strict=True) if a < b]
    features = []
    for a, b in pairs:
        shared = shapely.intersection(shapely.boundary(clipped[a]), shapely.boundary(clipped[b]))
        shared = shapely.line_merge(_only_lines(shared))
        if shared.is_empty or shared.length < 1.0 or owner[a] < 0 or owner[b] < 0:
            continue
        geom = tess.unproject(shared)
        props = {"fl": "edge", "a": int(owner[a]), "b": int(owner[b])}
        features.append({"type": "Feature", "geometry": _rounded(geom), "properties": props})
    return feature_collection(features)


def _only_lines(geom: Any) -> Any:
    parts = shapely.get_parts(shapely.get_parts(geom))
    lines = [g for g in parts if g.geom_type == "LineString"]
    return shapely.multilinestrings(lines) if lines else shapely.MultiLineString()
