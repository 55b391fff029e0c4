"""The map section of the page: the chosen layers for one view, drawn with st_folium."""

from __future__ import annotations

from typing import Any

from streamlit_folium import st_folium

from dashboard.ui import data, mapview, scene
from dashboard.ui.click import handle_click
from dashboard.ui.context import Context
from dashboard.ui.popups import esc

MAP_KEY = "control_map"
MAP_HEIGHT = 560


def _base_map(
    basemap_path: str,
    bounds: tuple[tuple[float, float], tuple[float, float]],
    focus_iso: str | None,
) -> Any:
    # Built anew each run: st_folium adds the date layers to the map object it is given.
    return mapview.base_map(bounds, data.basemap(basemap_path), focus_iso=focus_iso)


def _layers(ctx: Context, layer_data: dict[str, Any]) -> list[Any]:
    """The feature groups of the layers switched on, bottom first."""
    groups = []
    if "areas" in ctx.layers or "front" in ctx.layers:
        terr = data.territory_data(ctx.key, ctx.day, ctx.factions)
        if "areas" in ctx.layers:
            groups.append(mapview.areas_layer(terr["cells"]))
        if "front" in ctx.layers:
            groups.append(mapview.front_layer(terr["front"]))
    if "roads" in ctx.layers:
        groups.append(mapview.roads_layer(data.road_features(ctx.key)))
    dist = ctx.dist
    if "distances" in ctx.layers and dist and dist["lines"]:
        labels = [(a, b, esc(t)) for a, b, t in dist["labels"]]
        groups.append(mapview.distance_layer(dist["lines"], labels))
    if "recent" in ctx.layers:
        groups.append(mapview.recent_layer(layer_data["recent"]))
    if "supply" in ctx.layers:
        groups.append(mapview.cut_off_layer(cut_off_points(ctx)))
    if "places" in ctx.layers:
        groups.append(mapview.places_layer(layer_data["places"]))
    return groups


def show_map(ctx: Context, layer_data: dict[str, Any]) -> None:
    """Draw the map with the view's layers; a click on a place selects it."""
    model = ctx.model
    fmap = _base_map(
        str(model.data.geo_file("countries.geojson")),
        scene.bounds(model),
        model.data.info.focus_country,
    )
    out = st_folium(
        fmap,
        key=MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        feature_group_to_add=_layers(ctx, layer_data),
        returned_objects=["last_object_clicked"],
    )
    handle_click(model, out)


def cut_off_points(ctx: Context) -> list[tuple[float, float, str]]:
    """(lat, lon, escaped title) of every shown faction's place cut off from its rear base."""
    supply = data.supply_data(ctx.key, ctx.day)
    coords = ctx.model.data.places.set_index("place")
    points = []
    for faction in ctx.factions:
        info = supply.get(faction, {})
        for place in info.get("cut_off", []):
            base = info.get("base") or "(none held)"
            title = esc(f"{place}: cut off from {faction} rear base {base}")
            points.append((float(coords.at[place, "lat"]), float(coords.at[place, "lon"]), title))
    return points
