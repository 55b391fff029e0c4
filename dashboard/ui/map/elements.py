"""The day-independent folium map: every marker and cell drawn once, scrubbed in the browser.

The map carries the run table of :mod:`dashboard.core.timeline` and the script in ``js/``
(its parts joined by :func:`script_text`), which recolours markers, rings, claim marks,
cells, front lines, the legend and the "what changed" line on every input of its date
range. Nothing here depends on the day shown; ``open_on`` is only where the range starts.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import folium
from jinja2 import Template

from dashboard.core import words
from dashboard.core.timeline import run_table
from dashboard.ui.map.config import TimelineConfig
from dashboard.ui.map.plain import LaterGeoJson, PlainMacro, Text

__all__ = [
    "SCRIPT_PARTS",
    "TimelineScript",
    "add_area_layers",
    "build_page",
    "json_for_script",
    "script_text",
]

JS_DIR = Path(__file__).with_name("js")
MARKER_RADIUS = 7


SCRIPT_PARTS = (
    "runs",
    "days",
    "markers",
    "canvas",
    "labels",
    "layers",
    "tooltips",
    "controls",
    "legend",
    "overlay",
    "story",
    "link",
    "bridge",
)
"""The browser map's modules in ``js/``, in the order they are joined (``runs`` defines the
Timeline the others extend, ``canvas`` draws thousands of places as sprites; ``bridge`` starts it). No bundler: one script, one file."""


def script_text() -> str:
    """The browser-side timeline: the ``js/`` parts joined in :data:`SCRIPT_PARTS` order."""
    return "\n".join((JS_DIR / f"{name}.js").read_text(encoding="utf-8") for name in SCRIPT_PARTS)


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


class TimelineScript(PlainMacro):
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
            "bounds": [list(c) for c in config.bounds] if config.bounds else None,
            "all_bounds": [list(c) for c in config.all_bounds] if config.all_bounds else None,
            "canvas": config.canvas,
            "radius": MARKER_RADIUS,
            "follow_link": config.follow_link,
            "story": list(config.story),
            "lang": config.lang,
            "dir": words.DIRECTION[config.lang],
            "text": words.strings(config.lang),
            "place_names": config.place_names,
            "area_layers": list(config.area_layers),
        }
        self.payload = json_for_script(cfg)


def add_area_layers(
    fmap: folium.Map,
    cells: dict[str, Any] | None,
    edges: dict[str, Any] | None,
    roads: dict[str, Any] | None,
) -> list[str]:
    """Cells (recoloured per day), their shared borders (shown where hostile) and the
    schematic roads; the timeline's layer control shows or hides them. They are made off
    the map (none is shown on opening by default: thousands of SVG paths made and removed
    again cost seconds in the browser); returns their script names for the timeline."""
    styles = {
        "cell": {"fillOpacity": 0, "weight": 0},
        "edge": {"color": "#111111", "weight": 3, "dashArray": "8 4", "opacity": 0},
        "road": {"color": "#7a5c3a", "weight": 2, "opacity": 0.75, "dashArray": "6 3"},
    }
    names = []
    for kind, fc in (("cell", cells), ("edge", edges), ("road", roads)):
        if fc is None or not fc["features"]:
            continue
        for feature in fc["features"]:
            feature["properties"] = {**feature.get("properties", {}), "fl": kind}
        style = styles[kind]
        options: dict[str, Any] = {
            "name": kind,
            "interactive": False,
            "control": False,
            "show": False,
            "style_function": lambda _f, st=style: st,
        }
        # none is seen on opening unless switched on: their features come after the
        # map's first frame, as JSON (the timeline paints them for the day then)
        layer = LaterGeoJson(fc, kind=kind, **options).add_to(fmap)
        names.append(layer.get_name())
    return names


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
    areas = add_area_layers(fmap, cells, edges, roads)
    config = dataclasses.replace(config, area_layers=tuple(areas))
    table = run_table(model.index, list(model.factions))
    css = (JS_DIR / "map.css").read_text(encoding="utf-8")
    if config.story:  # a row more in the bar under the map, sized before the first fit
        css += "\n:root { --fl-bar-h: 140px; }"
    fmap.get_root().header.add_child(  # type: ignore[attr-defined]
        Text(f"<style>{css}</style>"), name="frontline_timeline_css"
    )
    fmap.get_root().header.add_child(  # type: ignore[attr-defined]
        Text(f"<script>{script_text()}</script>"), name="frontline_timeline_js"
    )
    fmap.add_child(TimelineScript(table, config))
    return fmap.get_root().render()
