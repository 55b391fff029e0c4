"""Shaded relief for a map: the detailed relief of the dataset's region where one covers
its places, else a crop of the coarse world relief around them.

Relief files are written by ``tools/build_basemap.py`` into a ``geo/`` folder: a PNG
whose rows are evenly spaced in Web Mercator y (so ``L.imageOverlay`` with the bounds
draws each pixel in place) and a JSON with its bounds. ``relief-world.json`` (coarse,
``"coarse": true``) covers every inhabited land; a crop of it keeps that property, because
columns are linear in longitude and rows linear in Mercator y.
"""

from __future__ import annotations

__all__ = ["WORLD_RELIEF", "Relief", "crop_box", "relief_for"]

import functools
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from dashboard.core.geo.mercator import lonlat_to_image, lonlat_to_px, px_to_lonlat

WORLD_RELIEF = "relief-world.json"
MARGIN_DEG = 4.0  # the crop reaches this far beyond the places (the map opens padded)

Bbox = tuple[float, float, float, float]  # west, south, east, north (degrees)


@dataclass(frozen=True)
class Relief:
    """A relief image ready for the map: PNG bytes, Leaflet bounds and its credit."""

    png: bytes
    bounds: tuple[tuple[float, float], tuple[float, float]]  # ((S, W), (N, E))
    credit: str
    coarse: bool


def _read_meta(path: Path) -> tuple[Bbox, Path, dict[str, object]]:
    meta = json.loads(path.read_text(encoding="utf-8"))
    (south, west), (north, east) = meta["bounds"]
    return (west, south, east, north), path.with_name(meta["image"]), meta


def _covers(box: Bbox, places: Bbox) -> bool:
    return (
        box[0] <= places[0] and box[1] <= places[1] and places[2] <= box[2] and places[3] <= box[3]
    )


def relief_for(folders: list[Path], places: Bbox) -> Relief | None:
    """The relief for places within ``places``: the first detailed relief (any folder,
    in order) covering them all, else a crop of the first world relief, else None."""
    world: Path | None = None
    for folder in folders:
        for meta_path in sorted(folder.glob("relief-*.json")):
            box, image, meta = _read_meta(meta_path)
            if not image.exists():
                continue
            if meta.get("coarse"):
                world = world or meta_path
            elif _covers(box, places):
                credit = str(meta.get("attribution", ""))
                return Relief(
                    image.read_bytes(), ((box[1], box[0]), (box[3], box[2])), credit, False
                )
    if world is None:
        return None
    return _crop(world, world.stat().st_mtime_ns, _padded(places))


def _padded(places: Bbox) -> Bbox:
    """The places' box plus the margin, rounded out to whole degrees (a stable cache key)."""
    west, south, east, north = places
    return (
        float(np.floor(west - MARGIN_DEG)),
        float(np.floor(south - MARGIN_DEG)),
        float(np.ceil(east + MARGIN_DEG)),
        float(np.ceil(north + MARGIN_DEG)),
    )


def crop_box(size: tuple[int, int], bounds: Bbox, want: Bbox) -> tuple[int, int, int, int] | None:
    """Whole-pixel (left, top, right, bottom) of a Mercator image over ``bounds`` holding
    ``want`` (clipped to the image), or None when they do not meet."""
    width, height = size
    corners = lonlat_to_image(
        np.array([want[0], want[2]]), np.array([want[3], want[1]]), size, bounds
    )
    left, top = np.floor(corners[0]).astype(int)
    right, bottom = np.ceil(corners[1]).astype(int)
    left, top = max(int(left), 0), max(int(top), 0)
    right, bottom = min(int(right), width), min(int(bottom), height)
    return (left, top, right, bottom) if right > left and bottom > top else None


@functools.lru_cache(maxsize=16)
def _crop(meta_path: Path, _mtime: int, want: Bbox) -> Relief | None:
    bounds, image_path, meta = _read_meta(meta_path)
    with Image.open(image_path) as image:
        box = crop_box(image.size, bounds, want)
        if box is None:
            return None
        width, height = image.size
        part = image.crop(box)
        buffer = io.BytesIO()
        part.save(buffer, format="PNG", optimize=True)
    west, south, east, north = bounds
    lon = [west + box[0] / width * (east - west), west + box[2] / width * (east - west)]
    top, bottom = lonlat_to_px(west, north, 0)[1], lonlat_to_px(east, south, 0)[1]
    rows = np.array([box[1], box[3]]) / height * (bottom - top) + top
    lat = px_to_lonlat(0.0, rows, 0)[..., 1]
    credit = str(meta.get("attribution", ""))
    edges = (
        (round(float(lat[1]), 6), round(lon[0], 6)),
        (round(float(lat[0]), 6), round(lon[1], 6)),
    )
    return Relief(buffer.getvalue(), edges, credit, True)
