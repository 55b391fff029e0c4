"""Spread overlapping place markers apart at low zoom, so each one can be seen and hovered.

At a zoom level where two markers of the dataset would overlap on screen (their centres
closer than :data:`GAP_PX`), both are pushed apart along the line between them, a little
at a time, until no pair overlaps or :data:`MAX_ITERATIONS` is reached.

How far a marker may move (:func:`shift_limits`): :data:`MAX_SHIFT_PX` from its true
point, unless it belongs to a crowded group -- markers that overlap one another in a
chain at that zoom, found once per zoom with union-find over the overlapping pairs. A
group of ``k`` markers needs a disc of radius about ``0.53 * GAP_PX * sqrt(k)`` to lie
packed a gap apart, so each of its markers may move ``PACKING * GAP_PX * sqrt(k)``,
at most :data:`MAX_GROUP_SHIFT_PX`: the dozen places round Tripoli part at zoom 6 (the
"Show all places" view) instead of staying stacked, while a pair or a lone marker keeps
the short limit; a very crowded group at a very low zoom may still touch (zoom in to
separate it). The browser draws a moved marker at its offset and a thin leader line
back to the true point, so a longer shift still shows where the place is. Computed here,
deterministically, in Web Mercator pixels per zoom; places far apart are never moved.

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

from dashboard.core import budget
from dashboard.core.geo.labels import Offsets, pixel

__all__ = [
    "GAP_PX",
    "GOLDEN_ANGLE",
    "MAX_GROUP_SHIFT_PX",
    "MAX_ITERATIONS",
    "MAX_PLACES",
    "MAX_SHIFT_PX",
    "MIN_OFFSET_PX",
    "PACKING",
    "shift_limits",
    "shown_pixels",
    "SPREAD_NOTE",
    "spread_offsets",
    "SPREAD_SHARE",
]

GAP_PX = 16.0
"""Centre distance below which two markers overlap (two 7-px radii and a 2-px gap)."""
MAX_SHIFT_PX = 22.0
"""How far a marker may move from its true point, unless its group is crowded."""
PACKING = 0.55
"""Radius of ``k`` discs packed a gap apart, in gaps per square root of ``k`` (hexagonal
packing gives about 0.53; a little more leaves room for the group's own extent)."""
MAX_GROUP_SHIFT_PX = 44.0
"""The most a marker of a crowded group may move (two marker spreads)."""
MAX_ITERATIONS = 60
MAX_PLACES = 500
"""Above this many places nothing is spread (the map is a density view there)."""
MIN_OFFSET_PX = 0.5
SPREAD_SHARE = 0.25
"""Share of the time left under a budget (:mod:`dashboard.core.budget`) spreading may take."""
SPREAD_NOTE = (
    "Markers only partly spread apart: spreading them fully would run past the time limit."
)
GOLDEN_ANGLE = np.pi * (3.0 - np.sqrt(5.0))


def spread_offsets(points: Sequence[tuple[float, float]], zooms: Iterable[int]) -> Offsets:
    """For each zoom, the pixel offset of every marker that has to move (lat, lon points,
    in the order the map draws them)."""
    levels = sorted(set(zooms))
    if len(points) < 2 or len(points) > MAX_PLACES:
        return {z: {} for z in levels}
    part = budget.share(SPREAD_SHARE)
    out = {
        z: _spread_at(np.array([pixel(lat, lon, z) for lat, lon in points]), part) for z in levels
    }
    if part.expired():
        budget.degrade(SPREAD_NOTE)
    return out


def _spread_at(true_px: np.ndarray, part: budget.Deadline) -> dict[int, tuple[float, float]]:
    """Offsets at one zoom, from the markers' true pixels.

    Only pairs within reach (found once with an STRtree) are ever compared, and each
    iteration works on x and y as flat arrays; a dense cluster still costs its number of
    close pairs per iteration (every one of them pushes). Stops early (markers partly
    spread) once ``part`` of a time budget is spent."""
    limit = shift_limits(true_px)
    first, second = _pairs_within(true_px, GAP_PX + limit + limit.max())
    reach = GAP_PX + limit[first] + limit[second]
    near = np.hypot(*(true_px[first] - true_px[second]).T) <= reach
    first, second = first[near], second[near]
    if len(first) == 0:
        return {}
    n = len(true_px)
    # Places on the very same point have no line between them: a fixed direction per index.
    angle = np.arange(n) * GOLDEN_ANGLE
    tie_x, tie_y = np.cos(angle), np.sin(angle)
    true_x, true_y = true_px[:, 0].copy(), true_px[:, 1].copy()
    x, y = true_x.copy(), true_y.copy()
    for _ in range(MAX_ITERATIONS):
        if part.expired():
            break
        dx, dy = x[first] - x[second], y[first] - y[second]
        close = np.flatnonzero(np.hypot(dx, dy) < GAP_PX)
        if len(close) == 0:
            break
        a, b, dx, dy = first[close], second[close], dx[close], dy[close]
        d = np.hypot(dx, dy)
        same, length, half = d < 1e-6, np.maximum(d, 1e-6), (GAP_PX - d) / 2.0
        push_x = (np.where(same, tie_x[a] - tie_x[b], dx / length) * half) * 0.6
        push_y = (np.where(same, tie_y[a] - tie_y[b], dy / length) * half) * 0.6
        index = np.concatenate([a, b])
        x = x + np.bincount(index, np.concatenate([push_x, -push_x]), minlength=n)
        y = y + np.bincount(index, np.concatenate([push_y, -push_y]), minlength=n)
        x, y = _clamped(true_x, true_y, x, y, limit)
    mx, my = x - true_x, y - true_y
    return {
        int(i): (round(float(mx[i]), 1), round(float(my[i]), 1))
        for i in np.flatnonzero(np.hypot(mx, my) >= MIN_OFFSET_PX)
    }


def shift_limits(true_px: np.ndarray) -> np.ndarray:
    """How far each marker may move at this zoom: :data:`MAX_SHIFT_PX`, or for a marker of
    a crowded group (markers that overlap one another in a chain) the radius the group
    needs to lie packed a full gap apart, ``PACKING * GAP_PX * sqrt(size)``, at most
    :data:`MAX_GROUP_SHIFT_PX`."""
    group = _groups(len(true_px), *_pairs_within(true_px, GAP_PX))
    wanted = PACKING * GAP_PX * np.sqrt(np.bincount(group)[group])
    return np.clip(wanted, MAX_SHIFT_PX, MAX_GROUP_SHIFT_PX)


def _groups(n: int, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Group number of each of ``n`` markers, pairs ``(first, second)`` joining groups
    (union-find, deterministic: a group is named by its lowest index)."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in zip(first.tolist(), second.tolist(), strict=True):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.array([root(i) for i in range(n)], dtype=np.int64)


def _pairs_within(px: np.ndarray, reach: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of points within ``reach`` pixels (one reach, or one per point,
    measured from the lower index): the only pairs that can ever touch while spreading."""
    tree = shapely.STRtree(shapely.points(px))
    found = tree.query(shapely.points(px), predicate="dwithin", distance=reach)
    keep = found[0] < found[1]
    return found[0][keep], found[1][keep]


def _clamped(
    true_x: np.ndarray, true_y: np.ndarray, x: np.ndarray, y: np.ndarray, limit: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) with every point at most its ``limit`` (:func:`shift_limits`) from its true
    pixel.

    Pushes are summed with ``bincount`` in pair order, as adding them one by one would."""
    mx, my = x - true_x, y - true_y
    length = np.hypot(mx, my)
    scale = np.where(length > limit, limit / np.maximum(length, 1e-9), 1.0)
    return true_x + mx * scale, true_y + my * scale


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
