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

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from dashboard.core import budget
from dashboard.core.geo.grid import Box, Grid, boxes_near_points
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


def _marker_hits(
    labels: Sequence[Label],
    markers: Sequence[tuple[float, float]],
    levels: Sequence[int],
    offsets: Offsets | None,
    part: budget.Deadline,
) -> np.ndarray | None:
    """``hits[label, zoom, side]``: True where that text box comes within the marker
    radius of a marker not at the label's own point (None: ``part`` ran out). Markers
    stay put while names are placed, so each zoom's boxes are tested at once (numpy);
    points are projected as :func:`anchor` does, so the pixels are the same floats."""
    if part.expired():
        return None
    u, v = np.array([unit_pixel(*m) for m in markers], dtype=float).reshape(-1, 2).T
    lu, lv = np.array([unit_pixel(lb.lat, lb.lon) for lb in labels], dtype=float).reshape(-1, 2).T
    widths = np.array([text_width(lb) for lb in labels], dtype=float)
    heights = np.array([HEIGHT_PX.get(lb.kind, 14.0) for lb in labels], dtype=float)
    hits = np.zeros((len(labels), len(levels), len(SIDES)), dtype=bool)
    for j, zoom in enumerate(levels):
        if part.expired():
            return None
        scale = TILE_PX * 2**zoom
        moved = (offsets or {}).get(zoom, {})
        shift = np.array([moved.get(lb.marker, (0.0, 0.0)) for lb in labels]).reshape(-1, 2)
        ax, ay = lu * scale + shift[:, 0], lv * scale + shift[:, 1]
        points = np.column_stack([u * scale, v * scale])
        if moved:
            which = np.fromiter(moved, dtype=np.int64, count=len(moved))
            points[which] += np.array(list(moved.values()), dtype=float)
        boxes = np.concatenate(
            [np.column_stack(side_box(ax, ay, widths, heights, side)) for side in SIDES]  # type: ignore[arg-type]
        )
        own = np.tile(np.column_stack([ax, ay]), (len(SIDES), 1))
        near = boxes_near_points(boxes, points, MARKER_RADIUS_PX, own)
        hits[:, j, :] = near.reshape(len(SIDES), len(labels)).T
    return hits


def _side(label: Label, grid: Grid, zoom: int, offsets: Offsets | None, hits: np.ndarray) -> str:
    """The first side of ``label`` at ``zoom`` whose box is free ('-': none), and that box
    added to ``grid``: no marker near it (``hits``, per side) and no label placed before
    (each candidate box is tested against its neighbours in the grid only)."""
    x, y = anchor(label, zoom, offsets)
    width, height = text_width(label), HEIGHT_PX.get(label.kind, 14.0)
    for n, side in enumerate(SIDES):
        if hits[n]:
            continue
        box = side_box(x, y, width, height, side)
        if grid.overlaps(box):
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
    hits = _marker_hits(ordered, list(marker_points), levels, offsets, part)
    if hits is None:
        budget.degrade(_names_note(0, len(ordered)))
        return []
    grids = [Grid(GRID_CELL_PX) for _ in levels]
    placed = []
    for n, label in enumerate(ordered):
        if n % 16 == 0 and part.expired():
            budget.degrade(_names_note(n, len(ordered)))
            break
        sides = "".join(
            _side(label, grids[j], z, offsets, hits[n, j]) for j, z in enumerate(levels)
        )
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
    names = places["place"].tolist()
    busiest = heapq.nsmallest(
        MAX_DATASET_LABELS,
        ((-events_per_place.get(name, 0), name, k) for k, name in enumerate(names)),
    )
    rows = places.iloc[[k for _, _, k in busiest]]
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
        for k, r in enumerate(rows.itertuples())
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
