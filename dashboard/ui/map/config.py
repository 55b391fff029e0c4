"""What the browser map is told besides the run table: names, colours, span, layers,
legend notes and town names, for one dataset, faction filter and language (its words
from :mod:`dashboard.core.words`). No Streamlit here."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.core import words
from dashboard.core.io.gazetteer import shown_names
from dashboard.core.model import Model
from dashboard.core.schema import UNKNOWN
from dashboard.core.timeline import RECENT_DAYS
from dashboard.ui import scene
from dashboard.ui.link import DEFAULT_LAYERS
from dashboard.ui.map.offline import OSM_TILES

__all__ = [
    "CANVAS_ABOVE",
    "LAYER_NOTES",
    "TimelineConfig",
    "app_config",
    "layer_labels",
    "legend_notes",
    "names_config",
    "place_names",
    "prefer_canvas",
    "timeline_config",
]

CANVAS_ABOVE = 5000
"""Above this many places markers are drawn on one canvas instead of as SVG elements."""
LAYER_NOTES = (
    ("recent", "recent"),
    ("claim", ""),
    ("area", "areas"),
    ("front", "front"),
    ("road", "roads"),
    ("cut", "supply"),
)
"""The legend's symbols of layers: (kind, the layer that shows it; '' for always); their
words are ``note_<kind>`` in the word table."""


def legend_notes(lang: str, spread: bool) -> tuple[dict[str, str], ...]:
    """The legend's symbols in ``lang``: marks of confidence and thin records, then each
    layer's (shown while the layer is on), and the spread markers' leader when any."""
    kinds = [("claimed", ""), ("disputed", ""), ("thin", ""), *LAYER_NOTES]
    if spread:
        kinds.append(("spread", ""))
    notes = []
    for kind, layer in kinds:
        note = {"kind": kind, "text": words.text(f"note_{kind}", lang, days=RECENT_DAYS)}
        notes.append({**note, "layer": layer} if layer else note)
    return tuple(notes)


def layer_labels(keys: tuple[str, ...] | list[str], lang: str = "en") -> dict[str, str]:
    """The layer control's label of each layer key, in ``lang``."""
    return {key: words.text(f"layer_{key}", lang, days=RECENT_DAYS) for key in keys}


def place_names(model: Model, lang: str) -> list[str] | None:
    """Each drawn place's name in ``lang`` (None in English: the places' own names)."""
    if lang == "en":
        return None
    return shown_names(model.data.geo_file("places.csv"), model.index.places["place"], lang)


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
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None  # opening view
    all_bounds: tuple[tuple[float, float], tuple[float, float]] | None = None  # every place
    follow_link: bool = False  # the page's address is a link to a day (#date=…&place=…)
    story: tuple[dict[str, Any], ...] = ()  # the author's steps (core.io.story)
    lang: str = "en"  # the language of the page's words (core.words)
    place_names: list[str] | None = None  # each place's name in ``lang`` (None: its own)
    area_layers: tuple[str, ...] = ()  # script names of the area layers made off the map


def prefer_canvas(n_places: int) -> bool:
    """Canvas for very many places, SVG (DOM elements, testable) otherwise."""
    return n_places > CANVAS_ABOVE


def timeline_config(
    model: Model,
    factions: tuple[str, ...],
    layer_labels: dict[str, str],
    layers: tuple[str, ...] = DEFAULT_LAYERS,
    open_on: dt.date | None = None,
    with_names: bool = True,
    lang: str = "en",
    names: dict[str, Any] | None = None,
) -> TimelineConfig:
    """Names, colours, span, layers and legend of the browser timeline in ``lang``
    (``with_names`` False: no town names and no spread markers, for benchmarks of the
    markers alone; ``names``: the :func:`names_config` of ``model`` and ``lang`` already
    made, as the app keeps it for a carried and a published page)."""
    start, end = model.span()
    if with_names and names is None:
        names = names_config(model, lang)
    elif not with_names:
        names = None
    notes = legend_notes(lang, bool(names and names.get("spread")))
    return TimelineConfig(
        labels=scene.labels(model, lang),
        colors=scene.colors(model),
        visible=tuple(factions),
        show_unknown=scene.shows_unknown(model, factions),
        start=start,
        end=end,
        open_on=open_on or model.data.info.open_on or (model.data.info.period or (start, end))[0],
        legend_order=(*model.factions, UNKNOWN),
        legend_notes=notes,
        layers=tuple(layers),
        layer_labels=dict(layer_labels),
        canvas=prefer_canvas(len(model.index.places)),
        period=model.data.info.period,
        names=names,
        lang=words.check_lang(lang),
        place_names=place_names(model, lang),
    )


def names_config(model: Model, lang: str = "en") -> dict[str, Any]:
    """Town names for the browser: text, point and side per zoom (collision-free), shown
    in ``lang`` first."""
    from dashboard.core.geo.labels import ZOOMS, dataset_labels, place_labels
    from dashboard.core.geo.spread import spread_offsets

    towns_path = model.data.geo_file("towns.csv")
    towns = (
        pd.read_csv(towns_path, dtype={"name_ar": str}, keep_default_na=False)
        if towns_path.exists()
        else None
    )
    counts = model.event_counts()
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
    marker_of = {name: k for k, name in enumerate(drawn["place"].tolist())}
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
        "lang": lang,
        "spread": spread,
    }


def app_config(
    model: Model, factions: tuple[str, ...], lang: str = "en", names: dict[str, Any] | None = None
) -> TimelineConfig:
    """The app's map in ``lang``: every layer of the link vocabulary in the map's control,
    and the online tiles as an optional, labelled extra (created only when switched on);
    ``names`` as :func:`timeline_config` takes them."""
    from dashboard.ui import widgets

    keys = [key for key in widgets.LAYER_LABELS if key != "places"]
    labels = layer_labels([*keys, "online"], lang)
    config = timeline_config(model, factions, labels, lang=lang, names=names)
    online = {"url": OSM_TILES, "attribution": words.text("credit_osm", lang)}
    return dataclasses.replace(config, online=online)
