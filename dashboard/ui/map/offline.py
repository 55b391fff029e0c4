"""The folium map that needs no network: app-served or inlined Leaflet, and the country basemap.

No Streamlit here. Leaflet is served by the app (see :mod:`dashboard.ui.map.assets`); the basemap is the
Natural Earth outline from data/geo, so the map renders with zero external requests.
"""

from __future__ import annotations

import base64
import re
from typing import Any

import folium

from dashboard.core.colors import FOCUS_LAND, LAND, SEA  # faction colours are checked against them
from dashboard.ui.map.assets import LEAFLET_CSS, LEAFLET_JS, inline_leaflet, leaflet_source_dir
from dashboard.ui.map.plain import PlainGeoJson, Text

__all__ = ["MAP_CSS", "OSM_TILES", "basemap_layer", "inlined_map", "offline_map"]

BORDER = "#8c8c8c"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
MAP_CSS = f"""
<style>
.leaflet-container {{ background: {SEA}; }}
</style>
"""


def offline_map(**kwargs: Any) -> folium.Map:
    """A folium Map whose only script and stylesheet are the app-served Leaflet."""
    fmap = folium.Map(tiles=None, control_scale=True, **kwargs)
    fmap.default_js = [("leaflet", LEAFLET_JS)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
    fmap.get_root().header.add_child(folium.Element(MAP_CSS), name="frontline_css")  # type: ignore[attr-defined]
    return fmap


def basemap_layer(basemap: dict[str, Any], focus_iso: str | None) -> PlainGeoJson:
    """Country outlines (offline basemap), not interactive."""

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        focus = feature["properties"].get("iso_a3") == focus_iso
        return {
            "fillColor": FOCUS_LAND if focus else LAND,
            "color": BORDER,
            "weight": 1,
            "fillOpacity": 1,
        }

    return PlainGeoJson(
        basemap,
        name="Basemap (Natural Earth)",
        style_function=style,
        interactive=False,
        control=False,
    )


def inlined_map(**kwargs: Any) -> folium.Map:
    """A folium Map carrying Leaflet's JS and CSS inline (images as data URIs): one
    self-contained HTML file that makes no request at all."""
    fmap = folium.Map(tiles=None, control_scale=True, **kwargs)
    fmap.default_js, fmap.default_css = [], []
    script, css = inline_leaflet()
    css = re.sub(r"url\((images/[^)]+)\)", lambda m: f"url({_data_uri(m.group(1))})", css)
    root = fmap.get_root().header  # type: ignore[attr-defined]
    root.add_child(Text(f"<style>{css}</style>"), name="leaflet_css_inline")
    root.add_child(Text(f"<script>{script}</script>"), name="leaflet_js_inline")
    root.add_child(folium.Element(MAP_CSS), name="frontline_css")
    return fmap


def _data_uri(relative: str) -> str:
    path = leaflet_source_dir() / relative
    mime = "image/svg+xml" if path.suffix == ".svg" else f"image/{path.suffix.lstrip('.')}"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"
