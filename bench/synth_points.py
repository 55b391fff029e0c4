"""Where synthetic places lie: uniform random points inside the Libya outline, and each
place's nearest neighbours (the areas an offensive takes)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parents[1]
OUTLINE = ROOT / "data" / "geo" / "libya.geojson"
NEIGHBOURS = 32


def libya_points(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``n`` uniform random (lat, lon) inside the Libya outline (rejection sampling)."""
    data = json.loads(OUTLINE.read_text(encoding="utf-8"))
    outline = shapely.union_all([shape(f["geometry"]) for f in data["features"]])
    west, south, east, north = outline.bounds
    lats: list[np.ndarray] = []
    lons: list[np.ndarray] = []
    found = 0
    while found < n:
        lon = rng.uniform(west, east, 2 * (n - found) + 16)
        lat = rng.uniform(south, north, len(lon))
        inside = shapely.contains_xy(outline, lon, lat)
        lats.append(lat[inside])
        lons.append(lon[inside])
        found += int(inside.sum())
    return np.concatenate(lats)[:n].round(5), np.concatenate(lons)[:n].round(5)


def nearest_places(lat: np.ndarray, lon: np.ndarray, k: int = NEIGHBOURS) -> np.ndarray:
    """Indices of the ``k`` nearest places of each place (itself first), planar degrees."""
    k = min(k, len(lat))
    out = np.empty((len(lat), k), dtype=np.int64)
    scale = np.cos(np.radians(lat.mean()))
    for start in range(0, len(lat), 1000):
        stop = min(start + 1000, len(lat))
        d2 = (lat[start:stop, None] - lat[None, :]) ** 2
        d2 += ((lon[start:stop, None] - lon[None, :]) * scale) ** 2
        part = np.argpartition(d2, k - 1, axis=1)[:, :k]
        order = np.argsort(np.take_along_axis(d2, part, axis=1), axis=1)
        out[start:stop] = np.take_along_axis(part, order, axis=1)
    return out
