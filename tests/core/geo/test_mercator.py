"""Web Mercator pixel math and the relief warp: points land where Leaflet draws them."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from PIL import Image

from dashboard.core.geo import basemap
from dashboard.core.geo.mercator import (
    fit_zoom,
    lonlat_to_image,
    lonlat_to_px,
    mercator_size,
    overlay_to_screen_px,
    px_to_lonlat,
    warp_to_mercator,
)
from tests.support.paths import BUNDLED

GHARYAN = (13.02028, 32.17222)  # lon, lat (data/geo/places.csv, GeoNames)
BBOX = (5.0, 18.0, 30.0, 38.0)
ARC_MIN = 1 / 30  # 2 arc-minutes, the source relief's pixel


def test_pixels_match_leaflets_spherical_mercator():
    assert lonlat_to_px(0.0, 0.0, 0) == pytest.approx([128.0, 128.0])
    assert lonlat_to_px(-180.0, 85.0511287798, 1) == pytest.approx([0.0, 0.0], abs=1e-6)
    # Leaflet: map.project([32.17222, 13.02028], 8) -> x = (lon+180)/360 * 65536
    x, y = lonlat_to_px(*GHARYAN, 8)
    assert x == pytest.approx((13.02028 + 180) / 360 * 65536)
    lat = np.radians(GHARYAN[1])  # the same y by the textbook formula with sec/tan
    assert y == pytest.approx((1 - np.log(np.tan(lat) + 1 / np.cos(lat)) / np.pi) / 2 * 65536)
    back = px_to_lonlat(x, y, 8)
    assert back == pytest.approx(GHARYAN, abs=1e-9)


def blob_image(bounds, points, sigma_px=1.0):
    """An equirectangular test image (2 arc-min pixels) with a Gaussian dot at each point."""
    west, south, east, north = bounds
    cols, rows = round((east - west) / ARC_MIN), round((north - south) / ARC_MIN)
    c = (np.arange(cols) + 0.5) * ARC_MIN + west
    r = north - (np.arange(rows) + 0.5) * ARC_MIN
    image = np.zeros((rows, cols))
    for lon, lat in points:
        dx, dy = (c - lon) / ARC_MIN, (r - lat) / ARC_MIN
        image += np.exp(-(dy[:, None] ** 2 + dx[None, :] ** 2) / (2 * sigma_px**2))
    return image


def centroid(image, near_col, near_row, radius=6):
    """Brightness-weighted (col, row) of the dot near a position, pixel edges at .0."""
    r0, c0 = int(near_row) - radius, int(near_col) - radius
    window = image[r0 : r0 + 2 * radius, c0 : c0 + 2 * radius]
    rows, cols = np.mgrid[0 : window.shape[0], 0 : window.shape[1]]
    total = window.sum()
    return c0 + (cols * window).sum() / total + 0.5, r0 + (rows * window).sum() / total + 0.5


def tripoli_coast_point():
    """A vertex of the detailed Libyan coast near Tripoli (lon, lat)."""
    libya = basemap.load_countries(BUNDLED / "geo" / basemap.DETAIL_FILE).geometry("LBY")
    coords = shapely.get_coordinates(libya.boundary)
    return tuple(coords[np.argmin(np.hypot(coords[:, 0] - 13.18733, coords[:, 1] - 32.90))])


@pytest.mark.parametrize("zoom", [8])
def test_warp_puts_known_places_within_one_pixel_of_leaflets_drawing(zoom):
    points = [GHARYAN, tripoli_coast_point()]
    source = blob_image(BBOX, points)
    size = mercator_size(BBOX, 6)
    warped = warp_to_mercator(source, BBOX, BBOX, size)
    for lon, lat in points:
        expected_col, expected_row = lonlat_to_image(lon, lat, size, BBOX)
        col, row = centroid(warped, expected_col, expected_row)
        drawn = overlay_to_screen_px(col, row, size, BBOX, zoom)
        true = lonlat_to_px(lon, lat, zoom)
        assert np.abs(drawn - true).max() <= 1.0
        # The unwarped image, stretched the same way, misses by many pixels.
        naive_row = (BBOX[3] - lat) / (BBOX[3] - BBOX[1]) * size[1]
        naive = overlay_to_screen_px(col, naive_row, size, BBOX, zoom)
        assert abs(naive[1] - true[1]) > 20


def test_fit_zoom_is_the_largest_that_fits():
    places = (11.87, 29.13, 18.57, 32.95)  # the bundled places' box
    zoom = fit_zoom(places, (1000, 600))
    w, h = mercator_size(places, zoom)
    assert w <= 960 and h <= 560
    w, h = mercator_size(places, zoom + 1)
    assert w > 960 or h > 560


def built_relief():
    meta = json.loads((BUNDLED / "geo" / "relief-lby.json").read_text(encoding="utf-8"))
    image = np.asarray(Image.open(BUNDLED / "geo" / meta["image"]).convert("RGBA"))
    (south, west), (north, east) = meta["bounds"]
    return image, (west, south, east, north), meta


def test_built_relief_matches_its_description():
    image, bounds, meta = built_relief()
    assert image.shape[:2] == (meta["height"], meta["width"])
    assert (meta["width"], meta["height"]) == mercator_size(bounds, meta["pixel_zoom"])
    alpha = image[..., 3]
    col, row = lonlat_to_image(*GHARYAN, (meta["width"], meta["height"]), bounds).astype(int)
    assert alpha[row, col] >= 250  # land: Gharyan (palette PNG: alpha to a few levels)
    col, row = lonlat_to_image(15.0, 34.0, (meta["width"], meta["height"]), bounds).astype(int)
    assert alpha[row, col] == 0  # sea: the Mediterranean north of Misrata


@pytest.mark.parametrize("lon", [12.9, 13.05, 13.18733, 13.3, 13.45])
def test_built_relief_coast_near_tripoli_is_within_one_pixel_at_zoom_8(lon):
    image, bounds, meta = built_relief()
    size = (meta["width"], meta["height"])
    col = lonlat_to_image(lon, 32.8, size, bounds)[0]
    alpha = image[:, int(col), 3].astype(float) / 255
    top = int(lonlat_to_image(lon, 33.3, size, bounds)[1])
    row = top + int(np.argmax(alpha[top:] >= 0.5))  # first land row south of the sea
    frac = (0.5 - alpha[row - 1]) / (alpha[row] - alpha[row - 1])  # 0.5 crossing between centres
    edge_row = row - 1 + frac + 0.5
    drawn = overlay_to_screen_px(int(col) + 0.5, edge_row, size, bounds, 8)
    libya = basemap.load_countries(BUNDLED / "geo" / basemap.DETAIL_FILE).geometry("LBY")
    near = libya.boundary.intersection(shapely.box(lon - 0.3, 32.5, lon + 0.3, 33.3))
    coast_px = shapely.transform(near, lambda xy: lonlat_to_px(xy[:, 0], xy[:, 1], 8))
    assert coast_px.distance(shapely.Point(drawn)) <= 1.0  # zoom-8 pixels
