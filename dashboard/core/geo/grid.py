"""A uniform grid of square cells over screen pixels: the points and boxes near a box.

Label placement asks, for each candidate text box, "does it overlap a box already placed
or come near a marker?". Scanning every box and marker makes that quadratic; bucketing
them by cell makes each question look only at the few cells the box covers. The grid
returns *candidates* (a superset of the true hits); the caller applies its exact test,
so results are identical to a full scan.

Examples
--------
>>> grid = Grid(32.0)
>>> grid.add_point(10.0, 10.0)
>>> grid.add_point(500.0, 500.0)
>>> list(grid.points_near((0.0, 0.0, 20.0, 20.0), margin=5.0))
[(10.0, 10.0)]
>>> grid.add_box((0.0, 0.0, 40.0, 10.0))
>>> grid.overlaps((30.0, 5.0, 60.0, 20.0)), grid.overlaps((41.0, 0.0, 60.0, 10.0))
(True, False)
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

__all__ = ["Box", "boxes_overlap", "Cell", "Grid"]


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels
Cell = tuple[int, int]


def boxes_overlap(a: Box, b: Box) -> bool:
    """True when the open boxes ``a`` and ``b`` share any area (touching edges do not)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class Grid:
    """Points and boxes bucketed by cells of ``cell`` pixels (a box in every cell it covers)."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self._points: dict[Cell, list[tuple[float, float]]] = {}
        self._boxes: dict[Cell, list[Box]] = {}

    def _cells(self, x0: float, y0: float, x1: float, y1: float) -> Iterator[Cell]:
        c = self.cell
        for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                yield i, j

    def add_point(self, x: float, y: float) -> None:
        """Remember a point (a marker's pixel)."""
        key = (math.floor(x / self.cell), math.floor(y / self.cell))
        self._points.setdefault(key, []).append((x, y))

    def add_points(self, xs: np.ndarray, ys: np.ndarray) -> None:
        """Remember many points at once (the same cells as :meth:`add_point` one by one;
        within a cell they keep their order)."""
        if len(xs) == 0:
            return
        kx = np.floor(xs / self.cell).astype(np.int64)
        ky = np.floor(ys / self.cell).astype(np.int64)
        order = np.lexsort((ky, kx))  # stable: by cell, then input order
        kx, ky = kx[order], ky[order]
        points = list(zip(xs[order].tolist(), ys[order].tolist(), strict=True))
        new = np.ones(len(order), dtype=bool)
        new[1:] = (kx[1:] != kx[:-1]) | (ky[1:] != ky[:-1])
        starts = np.flatnonzero(new)
        ends = [*starts[1:].tolist(), len(order)]
        keys = zip(kx[starts].tolist(), ky[starts].tolist(), strict=True)
        for key, a, b in zip(keys, starts.tolist(), ends, strict=True):
            self._points.setdefault(key, []).extend(points[a:b])

    def add_box(self, box: Box) -> None:
        """Remember a box (a placed label's text box)."""
        for key in self._cells(*box):
            self._boxes.setdefault(key, []).append(box)

    def points_near(self, box: Box, margin: float) -> Iterator[tuple[float, float]]:
        """Every point within ``margin`` pixels of ``box`` (and possibly a few farther)."""
        x0, y0, x1, y1 = box
        for key in self._cells(x0 - margin, y0 - margin, x1 + margin, y1 + margin):
            yield from self._points.get(key, ())

    def overlaps(self, box: Box) -> bool:
        """True when ``box`` overlaps a box added before (exactly: :func:`boxes_overlap`)."""
        for key in self._cells(*box):
            for other in self._boxes.get(key, ()):
                if boxes_overlap(box, other):
                    return True
        return False
