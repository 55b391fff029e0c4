"""The offline basemap of a map page: land and coast, districts, relief, font, credits.

Each piece comes from the data folder's ``geo/`` (else the bundled one) and is left out
when its file is missing, so any dataset gets at least the world's countries:
- ``land-detail.geojson``: OSM-derived 10 m country polygons of the dataset's region,
  used when it covers every place; ``world.geojson`` (coarser, every country) is drawn
  under it, and alone elsewhere; the old ``countries.geojson`` is the last fallback;
- ``district-lines.geojson`` (admin-1 borders) and ``districts.geojson`` (names on hover);
- ``relief-*.json`` + its image: shaded relief already warped to Web Mercator (the
  region's detailed one where it covers the places, else a crop of ``relief-world``);
- ``fonts/*.woff2``: Noto Sans Arabic, so Arabic names render the same everywhere.
No Streamlit here (folium-free as well): plain data for :mod:`dashboard.ui.map.page`.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import shapely

from dashboard.core.geo import basemap as geo_basemap
from dashboard.core.geo.relief import relief_for

WORLD_MARGIN_DEG = 8.0
FONT_FILES = (
    (
        "noto-sans-arabic-arabic-400-normal.woff2",
        "U+0600-06FF,U+0750-077F,U+FB50-FDFF,U+FE70-FEFC,U+200C-200E",
    ),
    (
        "noto-sans-arabic-latin-400-normal.woff2",
        "U+0000-00FF,U+0131,U+0152-0153,U+2000-206F,U+20AC,U+2122",
    ),
)


def read_json(path: Path) -> dict[str, Any]:
    """A JSON file as a dict."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _inside(box: tuple[float, float, float, float], lat: Any, lon: Any) -> bool:
    return bool(
        (lon.min() >= box[0])
        and (lat.min() >= box[1])
        and (lon.max() <= box[2])
        and (lat.max() <= box[3])
    )


def countries_near(
    countries: geo_basemap.Countries, lat: Any, lon: Any, margin: float = WORLD_MARGIN_DEG
) -> dict[str, Any]:
    """The features of ``countries`` whose extent comes within ``margin`` degrees of the
    places (file order)."""
    box = shapely.box(
        float(lon.min()) - margin,
        float(lat.min()) - margin,
        float(lon.max()) + margin,
        float(lat.max()) + margin,
    )
    keep = sorted(int(k) for k in countries.near(box))
    return _collection(countries.features[k] for k in keep)


def _collection(features: Any) -> dict[str, Any]:
    """A FeatureCollection of shallow copies (folium may add an ``id`` to a feature; the
    cached features stay as read)."""
    return {"type": "FeatureCollection", "features": [dict(f) for f in features]}


def land_layers(data: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Land FeatureCollections to draw, bottom first, and their credits."""
    lat, lon = data.places["lat"], data.places["lon"]
    layers, credits = [], []
    world_path, detail_path = data.geo_file("world.geojson"), data.geo_file("land-detail.geojson")
    if world_path.exists() and len(lat):
        layers.append(countries_near(geo_basemap.load_countries(world_path), lat, lon))
        credits.append("© OpenStreetMap contributors (ODbL)")
    if detail_path.exists():
        detail = geo_basemap.load_countries(detail_path)
        if len(lat) and _inside(detail.bounds, lat, lon):
            layers.append(_collection(detail.features))
            credits.append("© OpenStreetMap contributors (ODbL)")
    if not layers:
        layers.append(read_json(data.geo_file("countries.geojson")))
        credits.append("Natural Earth")
    return layers, credits


def districts(data: Any) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(interior admin-1 lines, district polygons with names) or Nones."""
    lines, shapes = data.geo_file("district-lines.geojson"), data.geo_file("districts.geojson")
    return (
        read_json(lines) if lines.exists() else None,
        read_json(shapes) if shapes.exists() else None,
    )


def relief(data: Any) -> dict[str, Any] | None:
    """The relief image (a data URI), its bounds and credit: the dataset's own or the
    bundled detailed relief when it covers the places, else a crop of the coarse world
    relief around them (so a dataset of any country draws terrain)."""
    lat, lon = data.places["lat"], data.places["lon"]
    if not len(lat):
        return None
    folders = list(dict.fromkeys([Path(data.data_dir) / "geo", data.geo_file("places.csv").parent]))
    box = (float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max()))
    found = relief_for([f for f in folders if f.is_dir()], box)
    if found is None:
        return None
    uri = "data:image/png;base64," + base64.b64encode(found.png).decode()
    bounds = [list(found.bounds[0]), list(found.bounds[1])]
    return {"url": uri, "bounds": bounds, "credit": found.credit, "coarse": found.coarse}


def font_css(data: Any) -> str:
    """@font-face rules for the bundled Arabic font (data URIs), or ''."""
    rules = []
    for name, ranges in FONT_FILES:
        path = data.geo_file(f"fonts/{name}")
        if path.exists():
            uri = "data:font/woff2;base64," + base64.b64encode(path.read_bytes()).decode()
            rules.append(
                "@font-face{font-family:'Noto Sans Arabic';font-style:normal;font-weight:400;"
                f"font-display:block;src:url({uri}) format('woff2');unicode-range:{ranges};}}"
            )
    return "".join(rules)
