"""Spread overlapping place markers apart at low zoom, so each one can be seen and hovered.

At a zoom level where two markers of the dataset would overlap on screen (their centres
closer than :data:`GAP_PX`), both are pushed apart along the line between them, a little
at a time, until no pair overlaps or :data:`MAX_ITERATIONS` is reached; no marker moves
more than :data:`MAX_SHIFT_PX` from its true point (so a dense cluster at a very low zoom
stays partly stacked: zoom in to separate it). The browser draws a moved marker at its
offset and a thin leader line back to the true point. Computed here, deterministically,
in Web Mercator pixels per zoom; places far apart are never moved.

Examples
--------
>>> offsets = spread_offsets([(32.80, 13.10), (32.80, 13.10), (30.0, 20.0)], zooms=[8])
>>> sorted(offsets[8])  # the two places on one point are pushed apart, the third stays
[0, 1]
>>> (dx0, dy0), (dx1, dy1) = offsets[8][0], offsets[8][1]
>>> round(((dx0 - dx1) ** 2 + (dy0 - dy1) ** 2) ** 0.5) >= GAP_PX - 1
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import shapely

from dashboard.core.geo.labels import Offsets, pixel

GAP_PX = 16.0
"""Centre distance below which two markers overlap (two 7-px radii and a 2-px gap)."""
MAX_SHIFT_PX = 22.0
MAX_ITERATIONS = 60
MAX_PLACES = 500
"""Above this many places nothing is spread (the map is a density view there)."""
MIN_OFFSET_PX = 0.5
GOLDEN_ANGLE = np.pi * (3.0 - np.sqrt(5.0))


def spread_offsets(points: Sequence[tuple[float, float]], zooms: Iterable[int]) -> Offsets:
    """For each zoom, the pixel offset of every marker that has to move (lat, lon points,
    in the order the map draws them)."""
    levels = sorted(set(zooms))
    if len(points) < 2 or len(points) > MAX_PLACES:
        return {z: {} for z in levels}
    return {z: _spread_at(np.array([pixel(lat, lon, z) for lat, lon in points])) for z in levels}


def _spread_at(true_px: np.ndarray) -> dict[int, tuple[float, float]]:
    """Offsets at one zoom, from the markers' true pixels."""
    first, second = _pairs_within(true_px, GAP_PX + 2 * MAX_SHIFT_PX)
    if len(first) == 0:
        return {}
    n = len(true_px)
    # Places on the very same point have no line between them: a fixed direction per index.
    angle = np.arange(n) * GOLDEN_ANGLE
    tie = np.column_stack([np.cos(angle), np.sin(angle)])
    shown = true_px.copy()
    for _ in range(MAX_ITERATIONS):
        delta = shown[first] - shown[second]
        dist = np.hypot(delta[:, 0], delta[:, 1])
        close = dist < GAP_PX
        if not close.any():
            break
        unit = np.where(
            (dist < 1e-6)[:, None],
            tie[first] - tie[second],
            delta / np.maximum(dist, 1e-6)[:, None],
        )
        push = (unit * (np.where(close, GAP_PX - dist, 0.0) / 2.0)[:, None]) * 0.6
        step = np.zeros_like(shown)
        np.add.at(step, first, push)
        np.add.at(step, second, -push)
        shown = _clamped(true_px, shown + step)
    moved = shown - true_px
    return {
        int(i): (round(float(moved[i, 0]), 1), round(float(moved[i, 1]), 1))
        for i in np.flatnonzero(np.hypot(moved[:, 0], moved[:, 1]) >= MIN_OFFSET_PX)
    }


def _pairs_within(px: np.ndarray, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of points closer than ``reach`` pixels: the only pairs that can
    ever touch while spreading."""
    tree = shapely.STRtree(shapely.points(px))
    found = tree.query(shapely.points(px), predicate="dwithin", distance=reach)
    keep = found[0] < found[1]
    return found[0][keep], found[1][keep]


def _clamped(true_px: np.ndarray, shown: np.ndarray) -> np.ndarray:
    """``shown`` with every point at most :data:`MAX_SHIFT_PX` from its true pixel."""
    moved = shown - true_px
    length = np.hypot(moved[:, 0], moved[:, 1])
    scale = np.where(length > MAX_SHIFT_PX, MAX_SHIFT_PX / np.maximum(length, 1e-9), 1.0)
    return true_px + moved * scale[:, None]


def shown_pixels(
    points: Sequence[tuple[float, float]], offsets: Offsets, zoom: int
) -> list[tuple[float, float]]:
    """Where each marker is drawn at ``zoom`` (its true pixel plus its offset)."""
    moved = offsets.get(zoom, {})
    out = []
    for i, (lat, lon) in enumerate(points):
        x, y = pixel(lat, lon, zoom)
        dx, dy = moved.get(i, (0.0, 0.0))
        out.append((x + dx, y + dy))
    return out
