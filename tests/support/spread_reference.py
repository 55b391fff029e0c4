"""Marker spreading as of commit 0a07291 (np.add.at on 2-D arrays), kept as the reference
the faster spreading must equal to the last bit; since then each marker's shift limit is
its group's (:func:`dashboard.core.geo.spread.shift_limits`, tested on its own)."""

from __future__ import annotations

import numpy as np
import shapely

from dashboard.core.geo.labels import pixel
from dashboard.core.geo.spread import GAP_PX, MAX_ITERATIONS, MIN_OFFSET_PX, shift_limits

GOLDEN_ANGLE = np.pi * (3.0 - np.sqrt(5.0))


def clamped(true_px, shown, limit):
    moved = shown - true_px
    length = np.hypot(moved[:, 0], moved[:, 1])
    scale = np.where(length > limit, limit / np.maximum(length, 1e-9), 1.0)
    return true_px + moved * scale[:, None]


def spread_at(true_px):
    limit = shift_limits(true_px)
    tree = shapely.STRtree(shapely.points(true_px))
    found = tree.query(
        shapely.points(true_px), predicate="dwithin", distance=GAP_PX + 2 * limit.max()
    )
    first, second = found[0], found[1]
    gap = np.hypot(*(true_px[first] - true_px[second]).T)
    keep = (first < second) & (gap <= GAP_PX + limit[first] + limit[second])
    first, second = first[keep], second[keep]
    if len(first) == 0:
        return {}
    angle = np.arange(len(true_px)) * GOLDEN_ANGLE
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
        shown = clamped(true_px, shown + step, limit)
    moved = shown - true_px
    return {
        int(i): (round(float(moved[i, 0]), 1), round(float(moved[i, 1]), 1))
        for i in np.flatnonzero(np.hypot(moved[:, 0], moved[:, 1]) >= MIN_OFFSET_PX)
    }


def reference_spread(points, zooms):
    return {z: spread_at(np.array([pixel(lat, lon, z) for lat, lon in points])) for z in zooms}
