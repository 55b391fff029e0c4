"""The map page of a dataset: its offline basemap, every marker and cell, and the
self-contained HTML export. :mod:`dashboard.ui.map.config` decides what the browser is
told; :mod:`dashboard.ui.map.elements` holds the folium elements. No Streamlit here."""

from __future__ import annotations

import dataclasses
from typing import Any

import folium
import pandas as pd

import dashboard.ui.map.basemap as basemap
import dashboard.ui.map.offline as offline
from dashboard.core import words
from dashboard.core.errors import UsageError
from dashboard.core.geo import cellmap, territory
from dashboard.core.geo.outline import outline_for
from dashboard.core.io.story import read_story, story_payload
from dashboard.core.model import Model
from dashboard.core.timeline import histories
from dashboard.ui.map.config import CANVAS_ABOVE, TimelineConfig, layer_labels, timeline_config
from dashboard.ui.map.elements import build_page
from dashboard.ui.map.plain import LaterGeoJson, PlainGeoJson, Text

__all__ = ["EXPORT_LAYERS", "bounds", "opening_bounds", "standalone_html", "timeline_page"]

EXPORT_LAYERS = ("recent", "areas", "front", "labels", "relief", "districts")
"""The layers the HTML export's layer control offers (their words: ``layer_<key>``)."""


def bounds(model: Model) -> tuple[tuple[float, float], tuple[float, float]]:
    """The box holding every place, padded a little: the map opens showing them all."""
    lat, lon = model.data.places["lat"], model.data.places["lon"]
    south, north, west, east = (
        float(lat.min()),
        float(lat.max()),
        float(lon.min()),
        float(lon.max()),
    )
    pad_lat, pad_lon = max(0.1, (north - south) * 0.04), max(0.1, (east - west) * 0.04)
    return (south - pad_lat, west - pad_lon), (north + pad_lat, east + pad_lon)


def opening_bounds(model: Model) -> tuple[tuple[float, float], tuple[float, float]]:
    """The view the map opens on: the dataset's ``open_view`` if it names one, else every
    place (:func:`bounds`). A link's ``map=zoom/lat/lon`` is pushed after and wins."""
    view = model.data.info.open_view
    if view is None:
        return bounds(model)
    west, south, east, north = view
    return (south, west), (north, east)


def _base(model: Model, inline: bool, lang: str = "en") -> tuple[folium.Map, list[str]]:
    """The map with its offline basemap drawn (land, districts), and the credits."""
    (south, west), (north, east) = bounds(model)
    fmap = (
        offline.inlined_map()
        if inline
        else offline.offline_map(location=[(south + north) / 2, (west + east) / 2], zoom_start=7)
    )
    lands, credits = basemap.land_layers(model.data)
    for fc in lands:
        offline.basemap_layer(fc, model.data.info.focus_country).add_to(fmap)
    lines, shapes = basemap.districts(model.data)
    if shapes is not None:
        for feature in shapes["features"]:
            feature["properties"] = {
                "fl": "district",
                "name": feature["properties"].get("name", ""),
            }
        LaterGeoJson(  # hover targets only, invisible: added after the first frame
            shapes,
            kind="district",
            name="district",
            control=False,
            style_function=lambda _f: {"fillOpacity": 0, "opacity": 0, "weight": 0},
        ).add_to(fmap)
        credits.append(words.text("credit_districts", lang))
    if lines is not None:
        for feature in lines["features"]:
            feature["properties"] = {"fl": "district-line"}
        PlainGeoJson(
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
    inlined, no online layer). ``outline`` (the areas' territory) may be a function giving
    it, called only when the map has areas (not on a canvas map of very many places)."""
    fmap, credits = _base(model, inline, config.lang)
    relief = basemap.relief(model.data)
    if relief:
        relief.pop("credit", None)
        credits.append(words.text("credit_relief", config.lang))
    if config.names and config.names.get("items"):
        credits.append(words.text("credit_names", config.lang))
    config = dataclasses.replace(
        config,
        relief=relief,
        credits=tuple(dict.fromkeys(credits)),
        bounds=opening_bounds(model),
        all_bounds=bounds(model),
    )
    fonts = basemap.font_css(model.data)
    if fonts:
        header = fmap.get_root().header  # type: ignore[attr-defined]
        header.add_child(Text(f"<style>{fonts}</style>"), name="frontline_fonts")
    cells = edges = None
    if len(model.index.places) <= CANVAS_ABOVE and callable(outline):
        outline = outline()  # only a map that draws areas needs it (one upload: ~1 s)
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
    model: Any,
    day: Any,
    factions: list[str] | None = None,
    canvas: bool | None = None,
    lang: str = "en",
) -> str:
    """One self-contained offline HTML page with the whole timeline (range, play, legend,
    tooltips, areas and fronts), opening on ``day``, its words in ``lang`` (Arabic: right
    to left, Arabic place names): publishable on any static host. ``canvas`` forces the
    renderer (default: canvas above 5,000 places)."""
    chosen = tuple(factions or model.factions)
    labels = layer_labels(EXPORT_LAYERS, words.check_lang(lang))
    shown = ("places", "labels", "relief", "districts", "recent")
    config = timeline_config(model, chosen, labels, shown, pd.Timestamp(day).date(), lang=lang)
    order = list(model.index.places["place"])
    steps = read_story(model.data.data_dir, set(order), model.data.gazetteer.resolve)
    config = dataclasses.replace(
        config,
        histories=histories(model.all_events(), order),
        follow_link=True,
        story=tuple(story_payload(steps)),
    )
    if canvas is not None:
        config = dataclasses.replace(config, canvas=canvas)
    outline = outline_for(model.data)
    return timeline_page(model, chosen, outline, None, config, inline=True)
