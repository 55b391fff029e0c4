"""Decluttering in screen pixels: spread overlapping markers, and test boxes for overlaps.

Used by :mod:`dashboard.core.geo.labels` at each zoom; deterministic.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

CELL_PX = 64.0
CLEAR_PX = 0.1  # offsets are written to 0.1 px: keep that much clearance on each side


def spread_markers(
    xy: np.ndarray, keys: Sequence[str], radius_px: float, rounds: int = 6
) -> np.ndarray:
    """Pixel offsets that pull overlapping marker circles apart (shape (n, 2)).

    Groups of markers closer than two radii plus 1 px are laid on a ring around the
    group's centre, in the order of each marker's bearing from it (ties by key), with
    neighbours on the ring one diameter plus 1 px apart; repeated while groups merge.
    """
    pos = np.asarray(xy, dtype=float).copy()
    min_d = 2 * radius_px + 1.0
    for _ in range(rounds):
        groups = _touching_groups(pos, min_d)
        if all(len(g) == 1 for g in groups):
            break
        for group in groups:
            if len(group) > 1:
                pos[group] = _ring(
                    np.asarray(xy, dtype=float)[group], pos[group], [keys[i] for i in group], min_d
                )
    return pos - np.asarray(xy, dtype=float)


def _touching_groups(pos: np.ndarray, min_d: float) -> list[list[int]]:
    """Connected groups of points closer than ``min_d`` (each sorted, in index order)."""
    parent = list(range(len(pos)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(pos)):
        close = np.flatnonzero(np.hypot(*(pos[i + 1 :] - pos[i]).T) < min_d - 1e-9) + i + 1
        for j in close:
            parent[root(int(j))] = root(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(pos)):
        groups[root(i)].append(i)
    return sorted(groups.values())


def _ring(true_xy: np.ndarray, pos: np.ndarray, keys: list[str], min_d: float) -> np.ndarray:
    """Positions on a ring around the group's centre, in bearing order."""
    centre = pos.mean(axis=0)
    d = true_xy - true_xy.mean(axis=0)
    bearing = np.where(
        np.hypot(d[:, 0], d[:, 1]) < 1e-9, -math.pi / 2, np.arctan2(d[:, 1], d[:, 0])
    )
    order = sorted(range(len(keys)), key=lambda i: (round(float(bearing[i]), 9), keys[i]))
    n = len(keys)
    ring_r = max(min_d / (2 * math.sin(math.pi / n)), min_d / 2)
    start = float(bearing[order[0]])
    out = np.empty_like(pos)
    for k, i in enumerate(order):
        angle = start + 2 * math.pi * k / n
        out[i] = centre + ring_r * np.array([math.cos(angle), math.sin(angle)])
    return out


class OverlapGrid:
    """Boxes and circles in a hash of ``CELL_PX`` cells, to test overlaps fast."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[str, tuple[float, ...]]]] = defaultdict(list)

    @staticmethod
    def _span(x0: float, y0: float, x1: float, y1: float) -> Iterable[tuple[int, int]]:
        for cx in range(math.floor(x0 / CELL_PX), math.floor(x1 / CELL_PX) + 1):
            for cy in range(math.floor(y0 / CELL_PX), math.floor(y1 / CELL_PX) + 1):
                yield cx, cy

    def add_box(self, box: tuple[float, float, float, float]) -> None:
        for cell in self._span(*box):
            self.cells[cell].append(("box", box))

    def add_circle(self, x: float, y: float, r: float) -> None:
        for cell in self._span(x - r, y - r, x + r, y + r):
            self.cells[cell].append(("circle", (x, y, r)))

    def box_is_free(self, box: tuple[float, float, float, float]) -> bool:
        """No stored box or circle within ``CLEAR_PX`` of ``box`` (room for rounding)."""
        x0, y0, x1, y1 = box[0] - CLEAR_PX, box[1] - CLEAR_PX, box[2] + CLEAR_PX, box[3] + CLEAR_PX
        box = (x0, y0, x1, y1)
        for cell in self._span(*box):
            for kind, shape in self.cells.get(cell, ()):
                if kind == "box":
                    if x0 < shape[2] and shape[0] < x1 and y0 < shape[3] and shape[1] < y1:
                        return False
                elif _circle_hits_box(shape, box):
                    return False
        return True

    def circle_is_free(self, x: float, y: float, r: float) -> bool:
        for cell in self._span(x - r, y - r, x + r, y + r):
            for kind, shape in self.cells.get(cell, ()):
                if kind == "box" and _circle_hits_box((x, y, r), shape):
                    return False
        return True


def _circle_hits_box(circle: tuple[float, ...], box: tuple[float, ...]) -> bool:
    """Whether a circle (x, y, r) and a box (x0, y0, x1, y1) overlap (touching is not)."""
    x, y, r = circle
    nearest_x = min(max(x, box[0]), box[2])
    nearest_y = min(max(y, box[1]), box[3])
    return (x - nearest_x) ** 2 + (y - nearest_y) ** 2 < r * r - 1e-9
