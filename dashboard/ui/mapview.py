"""The folium map: an identical offline base map every run, plus date-dependent layers.

No Streamlit here. Leaflet is served by the app (see assets.py); the basemap is the
Natural Earth outline from data/geo, so the map renders with zero external requests.
"""

from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path
from typing import Any

import folium
import pandas as pd

from dashboard.ui.assets import LEAFLET_CSS, LEAFLET_JS, inline_leaflet, leaflet_source_dir

SEA = "#dbe8f3"
LAND = "#f4f1ea"
FOCUS_LAND = "#fbfaf6"
BORDER = "#8c8c8c"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
MAP_CSS = f"""
<style>
.leaflet-container {{ background: {SEA}; }}
.fl-km {{ font: 600 11px sans-serif; color: #222; background: rgba(255,255,255,.85);
          border-radius: 3px; padding: 0 3px; white-space: nowrap; width: auto !important; }}
.fl-cut {{ font: 700 16px sans-serif; color: #b00020; text-shadow: 0 0 2px #fff; }}
</style>
"""


def offline_map(**kwargs: Any) -> folium.Map:
    """A folium Map whose only script and stylesheet are the app-served Leaflet."""
    fmap = folium.Map(tiles=None, control_scale=True, **kwargs)
    fmap.default_js = [("leaflet", LEAFLET_JS)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
    fmap.get_root().header.add_child(folium.Element(MAP_CSS), name="frontline_css")  # type: ignore[attr-defined]
    return fmap


def base_map(
    bounds: tuple[tuple[float, float], tuple[float, float]],
    basemap: dict[str, Any],
    focus_iso: str | None = None,
    online_tiles: bool = True,
    fmap: folium.Map | None = None,
) -> folium.Map:
    """The static part of the map (same output for the same inputs on every run).

    ``bounds`` is ((south, west), (north, east)); ``basemap`` a FeatureCollection of
    country outlines; ``focus_iso`` (ISO3 code) is drawn a shade lighter.
    """
    (south, west), (north, east) = bounds
    if fmap is None:
        fmap = offline_map(location=[(south + north) / 2, (west + east) / 2], zoom_start=7)
    basemap_layer(basemap, focus_iso).add_to(fmap)
    if online_tiles:
        _online_tiles(fmap)
        folium.LayerControl(collapsed=True).add_to(fmap)
    fmap.fit_bounds([[south, west], [north, east]], padding=(20, 20))
    return fmap


def _online_tiles(fmap: folium.Map) -> None:
    """An optional OpenStreetMap layer, off by default (blank offline)."""
    folium.TileLayer(
        OSM_TILES,
        name="Online tiles (OpenStreetMap; needs internet)",
        attr="&copy; OpenStreetMap contributors",
        overlay=True,
        show=False,
        opacity=0.6,
    ).add_to(fmap)


def basemap_layer(basemap: dict[str, Any], focus_iso: str | None) -> folium.GeoJson:
    """Country outlines (offline basemap), not interactive."""

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        focus = feature["properties"].get("iso_a3") == focus_iso
        return {
            "fillColor": FOCUS_LAND if focus else LAND,
            "color": BORDER,
            "weight": 1,
            "fillOpacity": 1,
        }

    return folium.GeoJson(
        basemap,
        name="Basemap (Natural Earth)",
        style_function=style,
        interactive=False,
        control=False,
    )


def place_style(feature: dict[str, Any]) -> dict[str, Any]:
    """Marker style: faction colour; claimed = dashed, disputed = dotted, unknown = hollow grey."""
    props = feature["properties"]
    confidence = props.get("confidence")
    unknown = props.get("controller") == "unknown"
    return {
        "fill": True,
        "fillColor": props.get("color", "#bbbbbb"),
        "color": "#555555" if unknown else "#222222",
        "weight": 2 if confidence in ("claimed", "disputed") else 1,
        "dashArray": {"claimed": "4 3", "disputed": "1 3"}.get(confidence or "", None),
        "fillOpacity": 0.25
        if unknown
        else (0.55 if confidence in ("claimed", "disputed") else 0.95),
        "radius": 8,
    }


def places_layer(features: dict[str, Any], popup: bool = False) -> folium.FeatureGroup:
    """One GeoJSON layer of place markers with a tooltip (place, holder, since).

    Feature properties must already hold escaped ``tip_*`` strings. The history is shown
    beside the map (a popup would close when the click re-runs the page).
    """
    group = folium.FeatureGroup(name="Places")
    folium.GeoJson(
        features,
        name="places",
        marker=folium.CircleMarker(radius=8, fill=True),
        style_function=place_style,
        tooltip=folium.GeoJsonTooltip(
            fields=["tip_place", "tip_controller", "tip_since"],
            aliases=["Place", "Held by", "Since"],
            sticky=False,
        ),
        highlight_function=lambda _: {"weight": 3, "color": "#000000"},
        popup=folium.GeoJsonPopup(fields=["popup"], labels=False, max_width=460) if popup else None,
    ).add_to(group)
    return group


def recent_layer(features: dict[str, Any]) -> folium.FeatureGroup:
    """Rings around places whose control changed recently."""
    group = folium.FeatureGroup(name="Recent changes")
    folium.GeoJson(
        features,
        name="recent",
        marker=folium.CircleMarker(radius=14),
        style_function=lambda _: {
            "fill": False,
            "color": "#000000",
            "weight": 3,
            "radius": 14,
            "interactive": False,
        },
        interactive=False,
    ).add_to(group)
    return group


def distance_layer(
    lines: dict[str, Any], labels: list[tuple[float, float, str]]
) -> folium.FeatureGroup:
    """Geodesic distance lines from a chosen place, with km labels at their midpoints."""
    group = folium.FeatureGroup(name="Distances")
    folium.GeoJson(
        lines,
        name="distance-lines",
        style_function=lambda f: {
            "color": "#333333",
            "weight": 2 if f["properties"].get("hostile") else 1,
            "dashArray": None if f["properties"].get("hostile") else "5 5",
            "opacity": 0.8,
        },
        interactive=False,
    ).add_to(group)
    for lat, lon, text in labels:
        folium.Marker(
            [lat, lon],
            icon=folium.DivIcon(html=f'<span class="fl-km">{text}</span>', icon_size=(60, 16)),
        ).add_to(group)
    return group


def area_style(feature: dict[str, Any]) -> dict[str, Any]:
    """Area cells: faction colour; claimed/disputed cells lighter with a dashed edge."""
    props = feature["properties"]
    weak = props.get("confidence") in ("claimed", "disputed")
    return {
        "fillColor": props.get("color", "#bbbbbb"),
        "fillOpacity": 0.12 if weak else 0.3,
        "color": props.get("color", "#bbbbbb"),
        "weight": 1 if weak else 0,
        "dashArray": "3 4" if weak else None,
    }


def areas_layer(cells: dict[str, Any]) -> folium.FeatureGroup:
    """Approximate areas of control (Voronoi cells of the places), one GeoJSON layer."""
    group = folium.FeatureGroup(name="Areas")
    folium.GeoJson(cells, name="areas", style_function=area_style, interactive=False).add_to(group)
    return group


def front_layer(front: dict[str, Any]) -> folium.FeatureGroup:
    """Front lines: boundaries between hostile factions' areas."""
    style = {"color": "#000000", "weight": 3, "dashArray": "8 4", "opacity": 0.9}
    return _line_layer("Front lines", front, style)


def roads_layer(lines: dict[str, Any]) -> folium.FeatureGroup:
    """Schematic road links (straight segments between places)."""
    return _line_layer("Roads", lines, {"color": "#7a5c3a", "weight": 2, "opacity": 0.7})


def _line_layer(name: str, lines: dict[str, Any], style: dict[str, Any]) -> folium.FeatureGroup:
    """A non-interactive GeoJSON layer of lines drawn in one style."""
    group = folium.FeatureGroup(name=name)
    folium.GeoJson(
        lines, name=name.lower(), style_function=lambda _: style, interactive=False
    ).add_to(group)
    return group


def cut_off_layer(points: list[tuple[float, float, str]]) -> folium.FeatureGroup:
    """A ✕ over every place cut off from its faction's rear base (text pre-escaped)."""
    group = folium.FeatureGroup(name="Cut off")
    for lat, lon, title in points:
        folium.Marker(
            [lat, lon],
            icon=folium.DivIcon(
                html=f'<span class="fl-cut" title="{title}">✕</span>',
                icon_size=(16, 16),
                icon_anchor=(8, 8),
            ),
        ).add_to(group)
    return group


def inlined_map(**kwargs: Any) -> folium.Map:
    """A folium Map carrying Leaflet's JS and CSS inline (images as data URIs): one
    self-contained HTML file that makes no request at all."""
    fmap = folium.Map(tiles=None, control_scale=True, **kwargs)
    fmap.default_js, fmap.default_css = [], []
    script, css = inline_leaflet()
    css = re.sub(r"url\((images/[^)]+)\)", lambda m: f"url({_data_uri(m.group(1))})", css)
    root = fmap.get_root().header  # type: ignore[attr-defined]
    root.add_child(folium.Element(f"<style>{css}</style>"), name="leaflet_css_inline")
    root.add_child(folium.Element(f"<script>{script}</script>"), name="leaflet_js_inline")
    root.add_child(folium.Element(MAP_CSS), name="frontline_css")
    return fmap


def _data_uri(relative: str) -> str:
    path = leaflet_source_dir() / relative
    mime = "image/svg+xml" if path.suffix == ".svg" else f"image/{path.suffix.lstrip('.')}"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def standalone_html(model: Any, day: Any, factions: list[str] | None = None) -> str:
    """One offline HTML page: the control map on ``day`` (places with history popups,
    recent-change rings, a legend), for embedding or e-mailing."""
    from dashboard.ui import scene  # local: scene is pure, but only this export needs it

    day = pd.Timestamp(day).date()
    chosen = tuple(factions or model.factions)
    state = scene.shown_state(model, day, chosen)
    fc = scene.place_features(model, state, day, popups=True)
    fmap = base_map(
        scene.bounds(model),
        _read_json(model.data.geo_file("countries.geojson")),
        model.data.info.focus_country,
        online_tiles=False,
        fmap=inlined_map(),
    )
    recent_layer(scene.recent_features(fc)).add_to(fmap)
    places_layer(fc, popup=True).add_to(fmap)
    legend = scene.legend(model, state, chosen)
    fmap.get_root().html.add_child(folium.Element(_legend_box(day, legend, len(state))))  # type: ignore[attr-defined]
    return fmap.get_root().render()


def _legend_box(day: Any, legend: list[dict[str, Any]], shown: int) -> str:
    rows = "".join(
        f'<div><span style="display:inline-block;width:10px;height:10px;border-radius:5px;'
        f'background:{html.escape(r["color"])};border:1px solid #333"></span> '
        f"{html.escape(r['label'])}: {r['places']}</div>"
        for r in legend
    )
    return (
        '<div style="position:fixed;bottom:24px;left:12px;z-index:1000;background:#fff;'
        'padding:6px 8px;border:1px solid #888;font:12px sans-serif">'
        f"<b>Control on {html.escape(str(day))}</b> ({shown} places){rows}"
        "<div style='color:#555'>Frontline · sources in each place's popup</div></div>"
    )


def _read_json(path: Any) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))
