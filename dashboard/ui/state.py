"""The shareable view (date, factions, place) <-> URL query parameters, validated.

Pure functions: no Streamlit import, so they are tested directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from dashboard.ui.text import notice

MAX_PARAM = 200


@dataclass(frozen=True)
class View:
    """What the user looks at: a day, the factions shown and an optional selected place."""

    day: dt.date
    factions: tuple[str, ...]
    place: str | None = None
    layers: tuple[str, ...] = field(default=("places", "recent", "distances"))


def parse_view(
    params: Mapping[str, Sequence[str]],
    span: tuple[dt.date, dt.date],
    factions: Sequence[str],
    resolve_place: Callable[[str], str | None],
    layers: Sequence[str] = ("places", "recent", "areas", "front"),
    default_layers: Sequence[str] = ("places", "recent", "distances"),
) -> tuple[View, list[str]]:
    """Read ``?date=…&faction=…&place=…&layer=…``; bad values fall back with a notice each.

    Notices are Markdown with every link value rendered inert (:func:`dashboard.ui.text.notice`).
    """
    notices: list[str] = []
    day = _parse_day(_first(params, "date"), span, notices)
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
    return View(day, chosen, place, shown_layers), notices


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
    return params


def _first(params: Mapping[str, Sequence[str]], key: str) -> str | None:
    values = params.get(key)
    if not values:
        return None
    return values if isinstance(values, str) else values[0]


def _parse_day(raw: str | None, span: tuple[dt.date, dt.date], notices: list[str]) -> dt.date:
    if raw is None:
        return span[1]
    try:
        day = dt.date.fromisoformat(raw[:MAX_PARAM])
    except ValueError:
        notices.append(notice("Invalid date {} in the link; showing {}.", _quoted(raw), span[1]))
        return span[1]
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
