"""Web Mercator pixel math as Leaflet does it, and the equirectangular-to-Mercator warp.

Leaflet's default CRS (``L.CRS.EPSG3857``) projects lon/lat onto a sphere of radius
6,378,137 m and scales the world to ``256 * 2**zoom`` pixels. An ``L.imageOverlay`` with
bounds ``[[south, west], [north, east]]`` is stretched *linearly in those pixels* between
its two projected corners, which Leaflet rounds to whole pixels. An image whose rows are
evenly spaced in latitude (equirectangular) is therefore drawn in the wrong place away
from its edges; :func:`warp_to_mercator` resamples its rows so that they are evenly
spaced in Mercator y instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "Bounds",
    "fit_zoom",
    "lonlat_to_image",
    "lonlat_to_px",
    "MAX_LATITUDE",
    "mercator_size",
    "overlay_corners_px",
    "overlay_to_screen_px",
    "px_to_lonlat",
    "TILE_PX",
    "warp_to_mercator",
    "world_px",
]

TILE_PX = 256
MAX_LATITUDE = 85.0511287798  # Leaflet's SphericalMercator clamp, degrees

Bounds = tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max (degrees)


def world_px(zoom: float) -> float:
    """Width of the whole world at ``zoom``, in pixels (``256 * 2**zoom``)."""
    return TILE_PX * 2.0**zoom


def lonlat_to_px(lon: np.ndarray | float, lat: np.ndarray | float, zoom: float) -> np.ndarray:
    """Global Web Mercator pixel (x right, y down) of lon/lat degrees at ``zoom``.

    Returns an array of shape ``(..., 2)``; (0, 0) is the world's north-west corner.
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.clip(np.asarray(lat, dtype=float), -MAX_LATITUDE, MAX_LATITUDE)
    size = world_px(zoom)
    x = (lon + 180.0) / 360.0 * size
    y = (0.5 - np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) / (2 * np.pi)) * size
    return np.stack(np.broadcast_arrays(x, y), axis=-1)


def px_to_lonlat(x: np.ndarray | float, y: np.ndarray | float, zoom: float) -> np.ndarray:
    """Lon/lat degrees of global Web Mercator pixels at ``zoom`` (inverse of
    :func:`lonlat_to_px`); shape ``(..., 2)`` as (lon, lat)."""
    size = world_px(zoom)
    lon = np.asarray(x, dtype=float) / size * 360.0 - 180.0
    merc = (0.5 - np.asarray(y, dtype=float) / size) * 2 * np.pi
    lat = np.degrees(2 * np.arctan(np.exp(merc)) - np.pi / 2)
    return np.stack(np.broadcast_arrays(lon, lat), axis=-1)


def overlay_corners_px(bounds: Bounds, zoom: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixels where Leaflet puts an image overlay's north-west and south-east corners.

    Leaflet rounds each projected corner to a whole pixel (``latLngToLayerPoint``).
    """
    west, south, east, north = bounds
    nw = np.round(lonlat_to_px(west, north, zoom))
    se = np.round(lonlat_to_px(east, south, zoom))
    return nw, se


def overlay_to_screen_px(
    col: np.ndarray | float,
    row: np.ndarray | float,
    size: tuple[int, int],
    bounds: Bounds,
    zoom: int,
) -> np.ndarray:
    """Global pixel at ``zoom`` where Leaflet draws image position (col, row).

    ``col``/``row`` are continuous image coordinates (0 = left/top edge, ``width`` =
    right edge; a pixel's centre is at +0.5); ``size`` is (width, height) of the image;
    ``bounds`` the overlay bounds. Returns shape ``(..., 2)``.
    """
    nw, se = overlay_corners_px(bounds, zoom)
    width, height = size
    x = nw[0] + np.asarray(col, dtype=float) / width * (se[0] - nw[0])
    y = nw[1] + np.asarray(row, dtype=float) / height * (se[1] - nw[1])
    return np.stack(np.broadcast_arrays(x, y), axis=-1)


def lonlat_to_image(
    lon: np.ndarray | float, lat: np.ndarray | float, size: tuple[int, int], bounds: Bounds
) -> np.ndarray:
    """Continuous (col, row) of lon/lat in a Mercator image spanning ``bounds``.

    Exact (no corner rounding): the position an image warped by :func:`warp_to_mercator`
    holds the point at. Shape ``(..., 2)``.
    """
    west, south, east, north = bounds
    width, height = size
    top_left = lonlat_to_px(west, north, 0)
    bottom_right = lonlat_to_px(east, south, 0)
    p = lonlat_to_px(lon, lat, 0)
    col = (p[..., 0] - top_left[0]) / (bottom_right[0] - top_left[0]) * width
    row = (p[..., 1] - top_left[1]) / (bottom_right[1] - top_left[1]) * height
    return np.stack(np.broadcast_arrays(col, row), axis=-1)


def mercator_size(bounds: Bounds, zoom: int) -> tuple[int, int]:
    """(width, height) in pixels that ``bounds`` spans at ``zoom`` (rounded)."""
    west, south, east, north = bounds
    span = lonlat_to_px(east, south, zoom) - lonlat_to_px(west, north, zoom)
    return int(round(span[0])), int(round(span[1]))


def warp_to_mercator(
    image: np.ndarray, image_bounds: Bounds, out_bounds: Bounds, out_size: tuple[int, int]
) -> np.ndarray:
    """Resample an equirectangular image to Web Mercator rows (bilinear).

    ``image`` has shape (rows, cols[, bands]); its pixels are areas evenly spaced in
    lon/lat over ``image_bounds`` (degrees). The result has shape (height, width[, bands])
    for ``out_size`` = (width, height), spans ``out_bounds`` and has rows evenly spaced
    in Mercator y, so Leaflet's ``L.imageOverlay`` with ``out_bounds`` draws every pixel
    at its true place. Output dtype is float64.
    """
    width, height = out_size
    west, south, east, north = out_bounds
    cols = (np.arange(width) + 0.5) / width
    rows = (np.arange(height) + 0.5) / height
    top, bottom = lonlat_to_px(west, north, 0)[1], lonlat_to_px(east, south, 0)[1]
    lats = px_to_lonlat(0.0, top + rows * (bottom - top), 0)[..., 1]
    lons = west + cols * (east - west)
    src_col, src_row = _source_index(image.shape, image_bounds, lons, lats)
    return _bilinear(image.astype(float), src_row, src_col)


def _source_index(
    shape: Sequence[int], bounds: Bounds, lons: np.ndarray, lats: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Fractional source column of each lon and row of each lat (pixel centres at .0)."""
    west, south, east, north = bounds
    n_rows, n_cols = shape[0], shape[1]
    col = (lons - west) / (east - west) * n_cols - 0.5
    row = (north - lats) / (north - south) * n_rows - 0.5
    return col, row


def _bilinear(image: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Sample ``image`` at every (row, col) pair of the two 1-D index arrays (clamped)."""
    r = np.clip(rows, 0, image.shape[0] - 1)
    c = np.clip(cols, 0, image.shape[1] - 1)
    r0 = np.clip(np.floor(r).astype(int), 0, max(image.shape[0] - 2, 0))
    c0 = np.clip(np.floor(c).astype(int), 0, max(image.shape[1] - 2, 0))
    fr, fc = (r - r0)[:, None], (c - c0)[None, :]
    if image.ndim == 3:
        fr, fc = fr[..., None], fc[..., None]
    r1 = np.minimum(r0 + 1, image.shape[0] - 1)
    c1 = np.minimum(c0 + 1, image.shape[1] - 1)
    top = image[r0][:, c0] * (1 - fc) + image[r0][:, c1] * fc
    bottom = image[r1][:, c0] * (1 - fc) + image[r1][:, c1] * fc
    return top * (1 - fr) + bottom * fr


def fit_zoom(
    bounds: Bounds, viewport: tuple[int, int], padding_px: int = 20, max_zoom: int = 18
) -> int:
    """Largest whole zoom at which ``bounds`` fits in ``viewport`` (width, height) px.

    Like Leaflet's ``fitBounds`` with ``padding`` of ``padding_px`` on every side.
    """
    width, height = viewport[0] - 2 * padding_px, viewport[1] - 2 * padding_px
    for zoom in range(max_zoom, -1, -1):
        w, h = mercator_size(bounds, zoom)
        if w <= width and h <= height:
            return zoom
    return 0
