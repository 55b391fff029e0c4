"""The one owner of the view's session state: day, factions, place, layers, the map's
zoom and centre, the map's language, and what Python pushes to the map. Nobody else reads or writes these keys.

The day (like the layers and the map view) changes in two ways, the latest action winning:
- in the browser (range, keys, Play, Prev/Next, the layer control, pan and zoom): the map
  reports the value when the user lets go (:func:`report_day`, :func:`report_layers`,
  :func:`report_view`). Nothing is pushed back: the map already shows it.
- in Python (a shared link, the place panel, Compare): :func:`set_day` / :func:`set_view`
  store it and bump a sequence number; the map is pushed a value only when that number
  changes, as data, without rebuilding the map.
A place clicked on the map waits (:func:`pick_place`) until the next run applies it
before the place picker is drawn (:func:`apply_pending`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import streamlit as st

from dashboard.core.model import Model
from dashboard.ui.link import View

__all__ = [
    "FACTIONS_KEY",
    "LANG_KEY",
    "NO_PLACE",
    "PLACE_KEY",
    "MapView",
    "apply_pending",
    "day",
    "day_seq",
    "fit_to",
    "lang",
    "layers",
    "map_view",
    "pick_place",
    "place",
    "report_day",
    "report_layers",
    "report_view",
    "seed",
    "seeded",
    "set_day",
    "set_view",
    "view_seq",
]

MapView = tuple[int, float, float]
"""The map's zoom, latitude and longitude."""

NO_PLACE = "— none —"
DAY_KEY = "date"
FACTIONS_KEY = "factions"  # the factions multiselect's widget key
PLACE_KEY = "place"  # the place picker's widget key
LAYERS_KEY = "layers"
LANG_KEY = "lang"  # the map language selector's widget key
DAY_SEQ = "_day_seq"
VIEW_KEY = "_map_view"
VIEW_SEQ = "_view_seq"
PENDING_PLACE = "_pending_place"
SEEDED = "_seeded"
OTHER_PLACE_KEYS = ("pair_a", "pair_b", "front_target")  # place pickers outside the view


def seeded() -> bool:
    """Whether this session's view has been seeded (from the link) already."""
    return bool(st.session_state.get(SEEDED))


def seed(view: View) -> None:
    """Seed the view from the link once per session (its map view is pushed to the map)."""
    if seeded():
        return
    st.session_state.update(
        {
            DAY_KEY: view.day,
            FACTIONS_KEY: list(view.factions),
            PLACE_KEY: view.place or NO_PLACE,
            LAYERS_KEY: list(view.layers),
            LANG_KEY: view.lang,
            SEEDED: True,
        }
    )
    if view.map_view:
        set_view(view.map_view)


def lang() -> str:
    """The language of the map's words (``en`` until chosen)."""
    return str(st.session_state.get(LANG_KEY, "en"))


def day() -> dt.date:
    """The day shown."""
    value: dt.date = st.session_state[DAY_KEY]
    return value


def set_day(value: dt.date) -> None:
    """Choose the day from Python: the map is told on this run, as data."""
    st.session_state[DAY_KEY] = value
    st.session_state[DAY_SEQ] = day_seq() + 1


def report_day(value: dt.date) -> None:
    """The day the map reports (the user let go of the range): stored, not pushed back."""
    st.session_state[DAY_KEY] = value


def day_seq() -> int:
    """How many times Python chose the day (the map takes a day when this changes)."""
    return int(st.session_state.get(DAY_SEQ, 0))


def layers() -> tuple[str, ...]:
    """The layers switched on ("places" always first)."""
    return tuple(st.session_state.get(LAYERS_KEY, ()))


def report_layers(keys: Iterable[str]) -> None:
    """The layers the map reports (its layer control); places are always shown."""
    st.session_state[LAYERS_KEY] = ["places", *[str(x) for x in keys if x != "places"]]


def map_view() -> MapView | None:
    """The map's zoom, lat, lon as last reported (or set from a link)."""
    value = st.session_state.get(VIEW_KEY)
    return (int(value[0]), float(value[1]), float(value[2])) if value else None


def set_view(value: MapView | None) -> None:
    """Choose the map's zoom and centre from Python (a shared link)."""
    st.session_state[VIEW_KEY] = value
    st.session_state[VIEW_SEQ] = view_seq() + 1


def report_view(value: MapView) -> None:
    """The zoom and centre the map reports after a pan or zoom: stored, not pushed back."""
    st.session_state[VIEW_KEY] = value


def view_seq() -> int:
    """How many times Python chose the map view."""
    return int(st.session_state.get(VIEW_SEQ, 0))


def place() -> str | None:
    """The selected place (None when none is)."""
    value = st.session_state.get(PLACE_KEY)
    return None if value in (None, NO_PLACE) else str(value)


def pick_place(name: str) -> None:
    """A place clicked on the map: applied on the next run, before the picker is drawn."""
    st.session_state[PENDING_PLACE] = name


def apply_pending() -> None:
    """Apply a place clicked on the map before the widgets are drawn."""
    if PENDING_PLACE in st.session_state:
        st.session_state[PLACE_KEY] = st.session_state.pop(PENDING_PLACE)


def fit_to(model: Model) -> None:
    """Drop values the current dataset cannot take (after switching data): the day is
    clamped to its span, unknown factions and places are forgotten."""
    start, end = model.span()
    state = st.session_state
    if DAY_KEY in state:
        state[DAY_KEY] = min(max(state[DAY_KEY], start), end)
    if FACTIONS_KEY in state:
        kept = [f for f in state[FACTIONS_KEY] if f in model.factions]
        state[FACTIONS_KEY] = kept or list(model.factions)
    places = set(model.data.places["place"])
    if PLACE_KEY in state and state[PLACE_KEY] not in places:
        state[PLACE_KEY] = NO_PLACE
    for key in OTHER_PLACE_KEYS:
        if key in state and state[key] not in places:
            del state[key]
