"""The map section of the page, and the one owner of "the current day".

The day lives in ``st.session_state["date"]`` and changes in two ways, resolved the same
way every time (the latest action wins):
- in the browser (range, keys, Play, Prev/Next on the map): the map reports the day when
  the user lets go; :func:`_on_day` stores it. Nothing is pushed back: the map shows it.
- in Python (a shared link, the place panel, Compare): :func:`set_day` stores it and
  bumps a sequence number; the host pushes a day to the map only when that number
  changes, as data, without rebuilding the map.
Layers and the map view (centre, zoom) follow the same two paths.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.ui import data, maphost, scene
from dashboard.ui.context import Context

MAP_KEY = "fl_map"
MAP_HEIGHT = 560
DAY_KEY = "date"
SEQ_KEY = "_day_seq"
LAYERS_KEY = "layers"
LAYERS_SEQ = "_layers_seq"
VIEW_KEY = "_map_view"
VIEW_SEQ = "_view_seq"
PENDING_PLACE = "_pending_place"


def set_day(day: dt.date) -> None:
    """Choose the day from Python: the map is told on this run, as data."""
    st.session_state[DAY_KEY] = day
    st.session_state[SEQ_KEY] = st.session_state.get(SEQ_KEY, 0) + 1


def set_view(view: tuple[int, float, float] | None) -> None:
    """Choose the map's zoom and centre from Python (a shared link)."""
    st.session_state[VIEW_KEY] = view
    st.session_state[VIEW_SEQ] = st.session_state.get(VIEW_SEQ, 0) + 1


def map_view() -> tuple[int, float, float] | None:
    """The map's current zoom, lat, lon as last reported (or set from a link)."""
    value = st.session_state.get(VIEW_KEY)
    return tuple(value) if value else None  # type: ignore[return-value]


def _reported() -> dict[str, Any]:
    value = st.session_state.get(MAP_KEY)
    return dict(value) if value is not None else {}


def _on_day() -> None:
    value = _reported().get("day")
    iso = value.get("iso") if isinstance(value, dict) else value  # {iso, n}: n makes it new
    if isinstance(iso, str):
        try:
            st.session_state[DAY_KEY] = dt.date.fromisoformat(iso)
        except ValueError:
            pass


def _on_click() -> None:
    click = _reported().get("click")
    if isinstance(click, dict) and isinstance(click.get("place"), str):
        st.session_state[PENDING_PLACE] = click["place"]


def _on_view() -> None:
    view = _reported().get("view")
    if isinstance(view, dict) and {"zoom", "lat", "lon"} <= set(view):
        st.session_state[VIEW_KEY] = (int(view["zoom"]), float(view["lat"]), float(view["lon"]))


def _on_layers() -> None:
    layers = _reported().get("layers")
    if isinstance(layers, list):
        st.session_state[LAYERS_KEY] = ["places", *[str(x) for x in layers if x != "places"]]


def overlay(ctx: Context) -> dict[str, Any]:
    """What Python draws on the map for the day: distance lines and cut-off marks."""
    table = None
    if "distances" in ctx.layers and ctx.place and ctx.dist and ctx.dist["table"]:
        table = pd.DataFrame(ctx.dist["table"])
    cut = cut_off_points(ctx) if "supply" in ctx.layers else []
    return scene.overlay(ctx.day, ctx.model.state(ctx.day), ctx.place, table, cut)


def show_map(ctx: Context) -> None:
    """Mount (or update) the map for the view: day, layers, view and overlay as data."""
    src = data.timeline_page(ctx.key, ctx.factions)
    view = map_view()
    maphost.show_map(
        src,
        day=ctx.day.isoformat(),
        seq=int(st.session_state.get(SEQ_KEY, 0)),
        overlay=overlay(ctx),
        layers=[x for x in ctx.layers if x != "places"],
        layers_seq=int(st.session_state.get(LAYERS_SEQ, 0)),
        view={"zoom": view[0], "lat": view[1], "lon": view[2]} if view else None,
        view_seq=int(st.session_state.get(VIEW_SEQ, 0)),
        height=MAP_HEIGHT,
        key=MAP_KEY,
        callbacks={"day": _on_day, "click": _on_click, "view": _on_view, "layers": _on_layers},
    )


def cut_off_points(ctx: Context) -> list[tuple[float, float, str]]:
    """(lat, lon, plain title) of every shown faction's place cut off from its rear base."""
    supply = data.supply_data(ctx.key, ctx.day)
    coords = ctx.model.data.places.set_index("place")
    points = []
    for faction in ctx.factions:
        info = supply.get(faction, {})
        for place in info.get("cut_off", []):
            base = info.get("base") or "(none held)"
            title = f"{place}: cut off from {faction} rear base {base}"
            points.append((float(coords.at[place, "lat"]), float(coords.at[place, "lon"]), title))
    return points
