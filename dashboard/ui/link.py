"""The shareable link: the view (date, factions, place, layers, map, language) <-> URL
query parameters.

Pure functions: no Streamlit import, so they are tested directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from dashboard.core.words import LANGS
from dashboard.ui.text import notice

DEFAULT_LAYERS = ("places", "labels", "relief", "districts", "recent", "distances")
"""The layers a map opens with when the link names none (the app's and the export's)."""

MAX_PARAM = 200


@dataclass(frozen=True)
class View:
    """What the user looks at: a day, the factions shown and an optional selected place."""

    day: dt.date
    factions: tuple[str, ...]
    place: str | None = None
    layers: tuple[str, ...] = field(
        default=("places", "labels", "relief", "districts", "recent", "distances")
    )
    map_view: tuple[int, float, float] | None = None  # zoom, lat, lon of the map
    lang: str = LANGS[0]  # the language of the map's words (core.words)


def parse_map_view(raw: str | None, notices: list[str]) -> tuple[int, float, float] | None:
    """``map=ZOOM/LAT/LON`` (as on openstreetmap.org) or None; a bad value gets a notice.

    >>> parse_map_view("8/32.5/13.2", [])
    (8, 32.5, 13.2)
    >>> notes = []; parse_map_view("99/0/0", notes), len(notes)
    (None, 1)
    """
    if not raw:
        return None
    try:
        zoom_text, lat_text, lon_text = raw[:MAX_PARAM].split("/")
        zoom, lat, lon = int(zoom_text), float(lat_text), float(lon_text)
    except ValueError:
        zoom, lat, lon = -1, 0.0, 0.0
    if not (0 <= zoom <= 18 and -85 <= lat <= 85 and -180 <= lon <= 180):
        notices.append(
            "Invalid map view in the link (expected map=ZOOM/LAT/LON); showing the whole area."
        )
        return None
    return zoom, round(lat, 4), round(lon, 4)


def parse_view(
    params: Mapping[str, Sequence[str]],
    span: tuple[dt.date, dt.date],
    factions: Sequence[str],
    resolve_place: Callable[[str], str | None],
    layers: Sequence[str] = ("places", "recent", "areas", "front"),
    default_layers: Sequence[str] = DEFAULT_LAYERS,
    default_day: dt.date | None = None,
) -> tuple[View, list[str]]:
    """Read ``?date=…&faction=…&place=…&layer=…&map=Z/LAT/LON&lang=ar``; bad values fall back
    with a notice each. Without a date, the view opens on ``default_day`` (else the end).

    Notices are Markdown with every link value rendered inert (:func:`dashboard.ui.text.notice`).
    """
    notices: list[str] = []
    day = _parse_day(_first(params, "date"), span, notices, default_day)
    chosen = _parse_many(params, "faction", factions, notices) or tuple(factions)
    # No valid layer in the link (e.g. ?layer=<junk>) falls back to the default layers.
    shown_layers = _parse_many(params, "layer", layers, notices) or tuple(default_layers)
    place = None
    raw_place = _first(params, "place")
    if raw_place:
        place = resolve_place(raw_place[:MAX_PARAM])
        if place is None:
            notices.append(
                notice("Unknown place {} in the link; no place selected.", _quoted(raw_place))
            )
    map_view = parse_map_view(_first(params, "map"), notices)
    lang = parse_lang(_first(params, "lang"), notices)
    return View(day, chosen, place, shown_layers, map_view, lang), notices


def parse_lang(raw: str | None, notices: list[str]) -> str:
    """``lang=ar`` (or ``en``); another value gets a notice and English.

    >>> parse_lang("ar", []), parse_lang(None, [])
    ('ar', 'en')
    >>> notes = []; parse_lang("xx", notes), len(notes)
    ('en', 1)
    """
    if raw is None or raw in LANGS:
        return raw or LANGS[0]
    notices.append(notice("Unknown language {} in the link; showing English.", _quoted(raw)))
    return LANGS[0]


def view_params(
    view: View, span: tuple[dt.date, dt.date], all_factions: Sequence[str]
) -> dict[str, list[str] | str]:
    """Query parameters for a view (defaults left out to keep links short)."""
    params: dict[str, list[str] | str] = {"date": view.day.isoformat()}
    if set(view.factions) != set(all_factions):
        params["faction"] = list(view.factions)
    if view.place:
        params["place"] = view.place
    params["layer"] = list(view.layers)
    if view.map_view is not None:
        zoom, lat, lon = view.map_view
        params["map"] = f"{zoom}/{lat:.4f}/{lon:.4f}"
    if view.lang != LANGS[0]:
        params["lang"] = view.lang
    return params


def _first(params: Mapping[str, Sequence[str]], key: str) -> str | None:
    values = params.get(key)
    if not values:
        return None
    return values if isinstance(values, str) else values[0]


def _parse_day(
    raw: str | None,
    span: tuple[dt.date, dt.date],
    notices: list[str],
    default: dt.date | None = None,
) -> dt.date:
    fallback = min(max(default, span[0]), span[1]) if default else span[1]
    if raw is None:
        return fallback
    try:
        day = dt.date.fromisoformat(raw[:MAX_PARAM])
    except ValueError:
        notices.append(notice("Invalid date {} in the link; showing {}.", _quoted(raw), fallback))
        return fallback
    if not span[0] <= day <= span[1]:
        clamped = min(max(day, span[0]), span[1])
        notices.append(
            notice("Date {} is outside the data ({} – {}); showing {}.", day, *span, clamped)
        )
        return clamped
    return day


def _parse_many(
    params: Mapping[str, Sequence[str]], key: str, allowed: Sequence[str], notices: list[str]
) -> tuple[str, ...]:
    raw = params.get(key) or []
    values = [raw] if isinstance(raw, str) else list(raw)
    good = tuple(dict.fromkeys(v for v in values if v in allowed))
    bad = [_quoted(v) for v in values if v not in allowed]
    if bad:
        notices.append(notice("Unknown {} value(s) {} in the link; ignored.", key, ", ".join(bad)))
    return good


def _quoted(value: str, limit: int = 60) -> str:
    """A link value shortened to ``limit`` characters, in quotes (escaped later, as data)."""
    return repr(value[:limit])
