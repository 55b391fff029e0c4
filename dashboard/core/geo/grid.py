"""Spatial indexes over screen pixels: the boxes near a box, the points near many boxes.

Label placement asks, for each candidate text box, "does it overlap a box already placed
or come near a marker?". Scanning every box and marker makes that quadratic. Placed boxes
are bucketed in a :class:`Grid`, so each question looks only at the few cells the box
covers; markers do not move while names are placed, so :func:`boxes_near_points` answers
the marker question for every candidate box of a zoom at once (numpy, markers sorted in
bands). Both narrow the candidates, then apply the exact test: results are identical to
a full scan.

Examples
--------
>>> grid = Grid(32.0)
>>> grid.add_box((0.0, 0.0, 40.0, 10.0))
>>> grid.overlaps((30.0, 5.0, 60.0, 20.0)), grid.overlaps((41.0, 0.0, 60.0, 10.0))
(True, False)
>>> boxes = np.array([[0.0, 0.0, 20.0, 20.0], [100.0, 100.0, 120.0, 110.0]])
>>> points = np.array([[25.0, 10.0], [300.0, 300.0]])
>>> boxes_near_points(boxes, points, 6.0, own=np.array([[99.0, 99.0], [99.0, 99.0]])).tolist()
[True, False]
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

__all__ = ["Box", "boxes_near_points", "boxes_overlap", "Cell", "Grid"]


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels
Cell = tuple[int, int]


def boxes_overlap(a: Box, b: Box) -> bool:
    """True when the open boxes ``a`` and ``b`` share any area (touching edges do not)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class Grid:
    """Boxes bucketed by cells of ``cell`` pixels (a box in every cell it covers)."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self._boxes: dict[Cell, list[Box]] = {}

    def _cells(self, x0: float, y0: float, x1: float, y1: float) -> Iterator[Cell]:
        c = self.cell
        for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                yield i, j

    def add_box(self, box: Box) -> None:
        """Remember a box (a placed label's text box)."""
        for key in self._cells(*box):
            self._boxes.setdefault(key, []).append(box)

    def overlaps(self, box: Box) -> bool:
        """True when ``box`` overlaps a box added before (exactly: :func:`boxes_overlap`)."""
        for key in self._cells(*box):
            for other in self._boxes.get(key, ()):
                if boxes_overlap(box, other):
                    return True
        return False


BAND_PX = 32.0
"""Height of the horizontal bands :func:`boxes_near_points` sorts the points into."""
CHUNK = 256
"""Boxes tested together (bounds the candidate pairs held at once)."""


def boxes_near_points(
    boxes: np.ndarray, points: np.ndarray, radius: float, own: np.ndarray
) -> np.ndarray:
    """For each box (rows of x0, y0, x1, y1), True when a point (rows of x, y) lies less
    than ``radius`` from it: the squared distance from the point to its nearest point of
    the box is below ``radius``². A point exactly at the box's ``own`` pixel (its row of
    ``own``: a label's own marker) does not count.

    The points are sorted by band of :data:`BAND_PX` rows and by x, so the candidates of
    a box are one slice per band it reaches; the exact test then runs on those only."""
    out = np.zeros(len(boxes), dtype=bool)
    if len(boxes) == 0 or len(points) == 0:
        return out
    xs, ys = points[:, 0], points[:, 1]
    band = np.floor(ys / BAND_PX).astype(np.int64)
    order = np.lexsort((xs, band))
    west = float(xs.min()) - 1.0
    span = float(xs.max()) - west + 4.0  # each band's keys stay below the next band's
    keys = band[order] * span + (xs[order] - west)
    for first in range(0, len(boxes), CHUNK):
        part = slice(first, first + CHUNK)
        out[part] = _near(boxes[part], own[part], xs[order], ys[order], keys, span, west, radius)
    return out


def _near(
    boxes: np.ndarray,
    own: np.ndarray,
    xs: np.ndarray,
    ys: np.ndarray,
    keys: np.ndarray,
    span: float,
    west: float,
    radius: float,
) -> np.ndarray:
    x0, y0, x1, y1 = boxes.T
    low = np.floor((y0 - radius) / BAND_PX).astype(np.int64)
    high = np.floor((y1 + radius) / BAND_PX).astype(np.int64)
    rows = high - low + 1
    box = np.repeat(np.arange(len(boxes)), rows)
    band = np.repeat(low, rows) + _ranks(rows)
    left = np.clip(x0[box] - radius - west - 1.0, -1.0, span - 2.0)
    right = np.clip(x1[box] + radius - west + 1.0, -1.0, span - 2.0)
    start = np.searchsorted(keys, band * span + left, side="left")
    stop = np.searchsorted(keys, band * span + right, side="right")
    counts = np.maximum(stop - start, 0)
    pair_box = np.repeat(box, counts)
    point = np.repeat(start, counts) + _ranks(counts)
    mx, my = xs[point], ys[point]
    nx = np.minimum(np.maximum(mx, x0[pair_box]), x1[pair_box])
    ny = np.minimum(np.maximum(my, y0[pair_box]), y1[pair_box])
    close = (nx - mx) ** 2 + (ny - my) ** 2 < radius * radius
    close &= (mx != own[pair_box, 0]) | (my != own[pair_box, 1])
    return np.bincount(pair_box[close], minlength=len(boxes)) > 0


def _ranks(counts: np.ndarray) -> np.ndarray:
    """0, 1, …, c-1 for each count c, concatenated."""
    total = int(counts.sum())
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(total, dtype=np.int64) - starts
