"""Town names on the map: which label shows at which zoom, and on which side of its point.

Placement is computed here, deterministically, per Web Mercator zoom level: labels are
taken in priority order (the dataset's places first, then context towns by population),
each tries the right, left, top and bottom of its point, and takes the first side where
its text box overlaps no label already placed and no place marker. A label that fits
nowhere is not shown at that zoom. The browser only shows the result.

Examples
--------
>>> items = [Label("Tripoli", "طرابلس", 32.89, 13.19, 0), Label("Tajura", "", 32.88, 13.35, 1)]
>>> placed = place_labels(items, marker_points=[(32.89, 13.19)], zooms=range(6, 9))
>>> [p.sides for p in placed]
['rrr', 'bbb']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from dashboard.core import budget
from dashboard.core.geo.grid import Box, Grid
from dashboard.core.words import arabic_name

__all__ = [
    "anchor", "arabic_name", "CHAR_PX", "dataset_labels", "GAP_PX", "GRID_CELL_PX", "HEIGHT_PX",
    "Label", "label_boxes", "MARKER_RADIUS_PX", "MAX_DATASET_LABELS", "MAX_TOWNS",
    "NAMES_SHARE", "Offsets", "pixel", "place_labels", "Placed", "SAME_TOWN_DEG", "side_box",
    "SIDES", "text_width", "TILE_PX", "unit_pixel", "ZOOMS"
]  # fmt: skip

TILE_PX = 256
MARKER_RADIUS_PX = 9.0
CHAR_PX = {"place": 7.0, "town": 6.2}
HEIGHT_PX = {"place": 15.0, "town": 13.0}
GAP_PX = 9.0
SIDES = ("r", "l", "t", "b")
GRID_CELL_PX = 32.0
"""Cell size of the spatial index used while placing (a few label heights)."""
NAMES_SHARE = 0.5
"""Share of the time left under a budget that placing town names may take."""


@dataclass(frozen=True)
class Label:
    """A name to show: English and Arabic text, WGS84 point, priority (0 = first), kind."""

    en: str
    ar: str
    lat: float
    lon: float
    priority: float
    kind: str = "place"  # "place" (a place of the dataset) or "town" (context)
    marker: int = -1  # index of the place's marker (it moves when spread), -1: none


@dataclass(frozen=True)
class Placed:
    """A label with its side at each zoom of the run (``-`` where it does not fit)."""

    label: Label
    zmin: int
    sides: str


def pixel(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel (x, y) of a point at ``zoom`` (256-px tiles, as Leaflet).

    >>> [round(v) for v in pixel(0.0, 0.0, 1)]
    [256, 256]
    """
    u, v = unit_pixel(lat, lon)
    scale = TILE_PX * 2**zoom
    return u * scale, v * scale


def unit_pixel(lat: float, lon: float) -> tuple[float, float]:
    """The point in Web Mercator units (0..1 across the world): times the world's width
    in pixels at a zoom, its pixel there (the same float, to the last bit, as :func:`pixel`)."""
    sin = math.sin(math.radians(max(-85.05, min(85.05, lat))))
    return (lon + 180.0) / 360.0, 0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)


def text_width(label: Label) -> float:
    """Pixels the longer of its two names takes (a conservative box for any language)."""
    chars = max(len(label.en), len(label.ar))
    return chars * CHAR_PX.get(label.kind, 7.0) + 4.0


def side_box(x: float, y: float, width: float, height: float, side: str) -> Box:
    """The text box of a label at pixel (x, y) on ``side`` of its point."""
    if side == "r":
        return (x + GAP_PX, y - height / 2, x + GAP_PX + width, y + height / 2)
    if side == "l":
        return (x - GAP_PX - width, y - height / 2, x - GAP_PX, y + height / 2)
    if side == "t":
        return (x - width / 2, y - GAP_PX - height, x + width / 2, y - GAP_PX)
    return (x - width / 2, y + GAP_PX, x + width / 2, y + GAP_PX + height)


Offsets = dict[int, dict[int, tuple[float, float]]]
"""zoom -> {marker index: (dx, dy) pixels}: markers spread apart (:mod:`.spread`)."""


def anchor(label: Label, zoom: int, offsets: Offsets | None = None) -> tuple[float, float]:
    """The pixel a label sits beside at ``zoom``: its point, or its marker where spread."""
    x, y = pixel(label.lat, label.lon, zoom)
    dx, dy = (offsets or {}).get(zoom, {}).get(label.marker, (0.0, 0.0))
    return x + dx, y + dy


def _hits_marker(box: Box, grid: Grid, own: tuple[float, float]) -> bool:
    """True when a marker other than the label's own lies within the marker radius of
    ``box`` (the grid offers the markers near the box; the test itself is exact)."""
    r = MARKER_RADIUS_PX
    for mx, my in grid.points_near(box, r):
        if (mx, my) == own:
            continue
        nx, ny = min(max(mx, box[0]), box[2]), min(max(my, box[1]), box[3])
        if (nx - mx) ** 2 + (ny - my) ** 2 < r * r:
            return True
    return False


def _marker_grids(
    markers: Sequence[tuple[float, float]],
    levels: Sequence[int],
    offsets: Offsets | None,
    part: budget.Deadline,
) -> list[Grid] | None:
    """Per zoom, a grid of the markers where the map draws them (None: ``part`` ran out).
    Each marker is projected once; its pixels at each zoom are a product (numpy)."""
    units = []
    for k, (lat, lon) in enumerate(markers):
        if k % 4096 == 0 and part.expired():
            return None
        units.append(unit_pixel(lat, lon))
    u, v = np.array(units, dtype=float).reshape(-1, 2).T
    grids = []
    for zoom in levels:
        if part.expired():
            return None
        scale = TILE_PX * 2**zoom
        xs, ys = u * scale, v * scale
        for k, (dx, dy) in (offsets or {}).get(zoom, {}).items():
            xs[k], ys[k] = xs[k] + dx, ys[k] + dy
        grid = Grid(GRID_CELL_PX)
        grid.add_points(xs, ys)
        grids.append(grid)
    return grids


def _side(label: Label, grid: Grid, zoom: int, offsets: Offsets | None) -> str:
    """The first side of ``label`` at ``zoom`` whose box is free ('-': none), and that box
    added to ``grid``. Each candidate box is tested against its neighbours in the grid
    only: time grows with labels and markers, not with their product."""
    x, y = anchor(label, zoom, offsets)
    width, height = text_width(label), HEIGHT_PX.get(label.kind, 14.0)
    for side in SIDES:
        box = side_box(x, y, width, height, side)
        if grid.overlaps(box) or _hits_marker(box, grid, (x, y)):
            continue
        grid.add_box(box)
        return side
    return "-"


def place_labels(
    labels: Iterable[Label],
    marker_points: Iterable[tuple[float, float]],
    zooms: Iterable[int],
    offsets: Offsets | None = None,
) -> list[Placed]:
    """Collision-free sides of every label at every zoom (in priority order, ties by
    name: the same labels in any order give the same result). Markers are where the map
    draws them: ``marker_points`` in the map's order, moved by ``offsets`` where spread.
    Labels never shown at any zoom are left out.

    Under a time budget (:mod:`dashboard.core.budget`) placement takes
    :data:`NAMES_SHARE` of the time left; when that is spent it stops and keeps the names
    placed so far (the first in priority order: the busiest places), with a note."""
    ordered = sorted(labels, key=lambda lb: (lb.priority, lb.en, lb.lat, lb.lon))
    levels = sorted(set(zooms))
    part = budget.share(NAMES_SHARE)
    grids = _marker_grids(list(marker_points), levels, offsets, part)
    if grids is None:
        budget.degrade(_names_note(0, len(ordered)))
        return []
    placed = []
    for n, label in enumerate(ordered):
        if n % 16 == 0 and part.expired():
            budget.degrade(_names_note(n, len(ordered)))
            break
        sides = "".join(_side(label, grids[j], z, offsets) for j, z in enumerate(levels))
        if sides.strip("-"):
            placed.append(Placed(label, levels[0], sides))
    return placed


def _names_note(done: int, total: int) -> str:
    return (
        f"Town names shown for the first {done:,} of {total:,} names only (the busiest "
        "places first): placing the rest would run past the time limit."
    )


def label_boxes(placed: Sequence[Placed], zoom: int, offsets: Offsets | None = None) -> list[Box]:
    """The text boxes shown at ``zoom`` (for tests and for checking a placement)."""
    boxes = []
    for p in placed:
        side = p.sides[zoom - p.zmin] if 0 <= zoom - p.zmin < len(p.sides) else "-"
        if side != "-":
            x, y = anchor(p.label, zoom, offsets)
            boxes.append(
                side_box(x, y, text_width(p.label), HEIGHT_PX.get(p.label.kind, 14.0), side)
            )
    return boxes


ZOOMS = range(5, 12)
MAX_DATASET_LABELS = 400
MAX_TOWNS = 120
SAME_TOWN_DEG = 0.03  # a context town this close to a place of the dataset is that place


def dataset_labels(
    places: Any,
    events_per_place: dict[str, int],
    towns: Any = None,
    marker_of: dict[str, int] | None = None,
) -> list[Label]:
    """Labels for the dataset's places (busiest first), then context towns from the
    gazetteer ``towns`` (name, name_ar, lat, lon, population) near them, most populous
    first, leaving out towns that are one of the places. ``marker_of`` gives each place's
    marker index (so its label follows the marker where markers are spread)."""
    rows = sorted(places.itertuples(), key=lambda r: (-events_per_place.get(r.place, 0), r.place))
    out = [
        Label(
            r.place,
            arabic_name(getattr(r, "alt_names", "")),
            float(r.lat),
            float(r.lon),
            k,
            "place",
            (marker_of or {}).get(r.place, -1),
        )
        for k, r in enumerate(rows[:MAX_DATASET_LABELS])
    ]
    if towns is None or len(towns) == 0 or len(places) == 0 or len(places) > MAX_DATASET_LABELS:
        return out
    lat, lon = places["lat"].astype(float), places["lon"].astype(float)
    near = towns[
        towns["lat"].between(lat.min() - 1.5, lat.max() + 1.5)
        & towns["lon"].between(lon.min() - 1.5, lon.max() + 1.5)
    ]
    chosen = 0
    for r in near.sort_values(["population", "name"], ascending=[False, True]).itertuples():
        same = ((lat - r.lat).abs() < SAME_TOWN_DEG) & ((lon - r.lon).abs() < SAME_TOWN_DEG)
        if same.any():
            continue
        out.append(
            Label(
                str(r.name),
                str(r.name_ar or ""),
                float(r.lat),
                float(r.lon),
                10_000 + chosen,
                "town",
            )
        )
        chosen += 1
        if chosen >= MAX_TOWNS:
            break
    return out
