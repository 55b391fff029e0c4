"""Map labels with spread markers and leader lines: which names show at each zoom, where.

Deterministic and collision-free per zoom (default zooms 5-11): dataset places first
(always labelled when they fit), then context towns by population. Positions are Web
Mercator pixels (Leaflet's, :mod:`dashboard.core.geo.mercator`); text boxes are estimated
from the number of characters (Latin and Arabic widths apart) at ``font_px``.

Rules
-----
- A label shown at zoom z is shown at every higher zoom (placed from the highest zoom
  down; a lower zoom only keeps labels of the zoom above).
- No shown label box overlaps another, any place marker (after spreading) or the dot of
  a shown town, at any zoom.
- Place markers whose circles would overlap at a zoom are *spread*: each such group is
  laid on a small ring around its centre (in the order of the true bearings), and the
  result gives each marker a pixel offset at that zoom (``spread``). Labels sit at the
  spread positions.
- Candidate positions: right, left, above, below of the marker, then (places only) the
  four diagonals and the same eight directions 12 to 60 px further out (``leader_px``:
  draw a line from the marker to the label).
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.core.geo.mercator import lonlat_to_px
from dashboard.core.geo.spread import OverlapGrid, spread_markers

ZOOMS = tuple(range(5, 12))
LANGUAGES = ("en", "ar", "both")
SIDES = ("r", "l", "t", "b", "tr", "tl", "br", "bl")
LEADER_STEPS_PX = (0.0, 12.0, 24.0, 36.0, 48.0, 60.0)


@dataclass(frozen=True)
class LabelStyle:
    """Sizes in CSS pixels used to estimate label boxes and marker circles."""

    font_px: float = 12.0
    latin_em: float = 0.56  # mean advance of a Latin character, in em
    arabic_em: float = 0.46  # mean advance of an Arabic character (joined), in em
    line_em: float = 1.25
    marker_px: float = 6.0  # radius of a dataset place's marker
    town_px: float = 2.5  # radius of a context town's dot
    gap_px: float = 3.0


@dataclass(frozen=True)
class _Item:
    key: str
    lines: tuple[str, ...]
    lon: float
    lat: float
    is_place: bool


def text_lines(name_en: str, name_ar: str, language: str) -> tuple[str, ...]:
    """The label's lines for ``language`` ('en', 'ar' or 'both'; Arabic falls back to
    English where there is no Arabic name)."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    if language == "en" or not name_ar:
        return (name_en,)
    return (name_ar,) if language == "ar" else (name_en, name_ar)


def text_size(lines: Sequence[str], style: LabelStyle) -> tuple[float, float]:
    """Estimated (width, height) in pixels of a label's text lines."""

    def width(line: str) -> float:
        arabic = sum(1 for ch in line if "\u0600" <= ch <= "\u06ff")
        marks = sum(1 for ch in line if unicodedata.combining(ch))
        latin = len(line) - arabic - marks
        return (latin * style.latin_em + arabic * style.arabic_em) * style.font_px

    return max(width(line) for line in lines) + 2.0, len(lines) * style.line_em * style.font_px


def _items(places: pd.DataFrame, towns: pd.DataFrame, language: str) -> list[_Item]:
    """Places (by name, ignoring case) then towns (by population, then GeoNames id)."""
    items = []
    place_rows = places.assign(_order=places["place"].astype(str).str.casefold())
    place_rows = place_rows.sort_values(["_order", "place", "lat", "lon"])
    for row in place_rows.itertuples():
        name_ar = str(getattr(row, "name_ar", "") or "")
        items.append(
            _Item(
                str(row.place),
                text_lines(str(row.place), name_ar, language),
                float(row.lon),
                float(row.lat),
                True,
            )
        )
    town_rows = towns.sort_values(["population", "geonameid"], ascending=[False, True])
    for row in town_rows.itertuples():
        name_ar = "" if pd.isna(row.name_ar) else str(row.name_ar)
        items.append(
            _Item(
                f"geonames:{int(row.geonameid)}",
                text_lines(str(row.name), name_ar, language),
                float(row.lon),
                float(row.lat),
                False,
            )
        )
    return items


def _box(
    side: str, step: float, x: float, y: float, w: float, h: float, r: float, gap: float
) -> tuple[float, float, float, float]:
    """The text box of a label on ``side`` of a marker at (x, y), ``step`` px further out."""
    d = r + gap + step
    diag = d / math.sqrt(2)
    left = {
        "r": x + d,
        "l": x - d - w,
        "t": x - w / 2,
        "b": x - w / 2,
        "tr": x + diag,
        "br": x + diag,
        "tl": x - diag - w,
        "bl": x - diag - w,
    }[side]
    top = {
        "r": y - h / 2,
        "l": y - h / 2,
        "t": y - d - h,
        "b": y + d,
        "tr": y - diag - h,
        "tl": y - diag - h,
        "br": y + diag,
        "bl": y + diag,
    }[side]
    return (left, top, left + w, top + h)


def context_towns(
    towns: pd.DataFrame, places: pd.DataFrame, exclude_km: float = 2.0
) -> pd.DataFrame:
    """Towns that are not one of the places: other GeoNames id, over ``exclude_km`` km away."""
    if towns.empty or places.empty:
        return towns
    keep = np.ones(len(towns), dtype=bool)
    if "geonameid" in places.columns:
        ids = pd.to_numeric(places["geonameid"], errors="coerce").dropna().astype(int)
        keep &= ~towns["geonameid"].astype(int).isin(set(ids)).to_numpy()
    tlat, tlon = np.radians(towns["lat"].to_numpy(float)), np.radians(towns["lon"].to_numpy(float))
    for plat, plon in zip(
        np.radians(places["lat"].to_numpy(float)),
        np.radians(places["lon"].to_numpy(float)),
        strict=True,
    ):
        dx = (tlon - plon) * np.cos((tlat + plat) / 2)
        keep &= np.hypot(dx, tlat - plat) * 6371.0 > exclude_km
    return towns[keep]


def place_labels(
    places: pd.DataFrame,
    towns: pd.DataFrame,
    language: str = "en",
    zooms: Sequence[int] = ZOOMS,
    style: LabelStyle = LabelStyle(),
) -> dict[str, Any]:
    """Label layout for every zoom: which labels show, where, and marker spreads.

    ``places``: place, lat, lon (degrees), optional name_ar and geonameid. ``towns``:
    name, name_ar, lat, lon, population, geonameid (data/geo/towns.csv); towns that are
    one of the places are left out. Returns a JSON-ready dict::

        {"zooms": [5, ..., 11], "language": "en", "font_px": 12.0,
         "labels": [{"key", "kind": "place"|"town", "lines": [...], "lat", "lon",
                     "min_zoom": z, "at": {"z": [side, dx, dy, leader_px], ...}}, ...],
         "spread": {"z": {place: [dx, dy], ...}, ...}}

    ``at`` holds, for each zoom from ``min_zoom`` up, the side (r, l, t, b, tr, tl, br,
    bl), the offset in px of the text box's top-left corner from the point's true pixel
    (spread included) and how far the box was moved out (``leader_px``; over 0: draw a
    line from the marker to the label). ``spread`` holds the pixel
    offset to draw each overlapping place marker at. Labels never shown are omitted.
    """
    items = _items(places, context_towns(towns, places), language)
    sizes = [text_size(item.lines, style) for item in items]
    lon = np.array([item.lon for item in items], dtype=float)
    lat = np.array([item.lat for item in items], dtype=float)
    marks = [i for i, item in enumerate(items) if item.is_place]
    at: dict[int, dict[int, list[Any]]] = defaultdict(dict)
    spread: dict[str, dict[str, list[float]]] = {}
    shown = list(range(len(items)))
    for zoom in sorted(zooms, reverse=True):
        pos = lonlat_to_px(lon, lat, zoom).reshape(-1, 2)
        offsets = spread_markers(pos[marks], [items[i].key for i in marks], style.marker_px)
        pos[marks] += offsets
        spread[str(zoom)] = {
            items[i].key: [round(float(dx), 1), round(float(dy), 1)]
            for i, (dx, dy) in zip(marks, offsets, strict=True)
            if abs(dx) + abs(dy) >= 0.05
        }
        grid = OverlapGrid()
        for i in marks:
            grid.add_circle(pos[i][0], pos[i][1], style.marker_px)
        shown = [
            i
            for i in shown
            if _place_one(items[i], sizes[i], pos[i], grid, style, at[i], zoom, spread[str(zoom)])
        ]
    labels = []
    for i, item in enumerate(items):
        if at.get(i):
            labels.append(
                {
                    "key": item.key,
                    "kind": "place" if item.is_place else "town",
                    "lines": list(item.lines),
                    "lat": item.lat,
                    "lon": item.lon,
                    "min_zoom": min(at[i]),
                    "at": {str(z): at[i][z] for z in sorted(at[i])},
                }
            )
    return {
        "zooms": sorted(zooms),
        "language": language,
        "font_px": style.font_px,
        "labels": labels,
        "spread": {z: spread[z] for z in sorted(spread, key=int)},
    }


def _place_one(
    item: _Item,
    size: tuple[float, float],
    pos: np.ndarray,
    grid: OverlapGrid,
    style: LabelStyle,
    at: dict[int, list[Any]],
    zoom: int,
    spread: dict[str, list[float]],
) -> bool:
    """Place one label at ``zoom`` if a free position exists; record it in ``at``."""
    x, y = float(pos[0]), float(pos[1])
    radius = style.marker_px if item.is_place else style.town_px
    if not item.is_place and not grid.circle_is_free(x, y, radius + 1.0):
        return False
    steps = LEADER_STEPS_PX if item.is_place else (0.0,)
    sides = SIDES if item.is_place else SIDES[:4]
    options = [(side, step) for step in steps for side in sides]
    if zoom + 1 in at:  # keep the side used one zoom up when it still fits
        previous = (at[zoom + 1][0], at[zoom + 1][3])
        options = [previous] + [o for o in options if o != previous]
    for side, step in options:
        box = _box(side, step, x, y, size[0], size[1], radius, style.gap_px)
        if grid.box_is_free(box):
            grid.add_box(box)
            if not item.is_place:
                grid.add_circle(x, y, radius + 1.0)
            dx0, dy0 = spread.get(item.key, [0.0, 0.0])
            at[zoom] = [side, round(box[0] - x + dx0, 1), round(box[1] - y + dy0, 1), step]
            return True
    return False
