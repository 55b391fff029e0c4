"""The map section of the page: the map host, told the view as data, and what it reports.

The view's state (day, layers, map view, a clicked place) belongs to :mod:`dashboard.ui.view`;
this module only turns the map's reports into calls there and the view into the host's
payload (see :mod:`dashboard.ui.view` for how the two paths, browser and Python, meet).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.core.errors import DataError
from dashboard.core.io.story import StoryStep, read_story, story_payload
from dashboard.ui import data, view
from dashboard.ui.context import Context
from dashboard.ui.map.assets import publish_page
from dashboard.ui.map.config import app_config
from dashboard.ui.map.host import mount
from dashboard.ui.map.overlay import overlay
from dashboard.ui.map.page import timeline_page
from dashboard.ui.text import problem_list

__all__ = ["MAP_HEIGHT", "cut_off_points", "day_overlay", "map_page_url", "show_map", "story_of"]

MAP_KEY = "fl_map"
MAP_HEIGHT = "max(420px, calc(100vh - 150px))"
"""The map takes most of the window's height (its date bar and legend included), at least
420 px; the title line above it and the day line below stay in view."""
FULL_WINDOW = "100vh"


def _reported() -> dict[str, Any]:
    value = st.session_state.get(MAP_KEY)
    return dict(value) if value is not None else {}


def _on_day() -> None:
    value = _reported().get("day")
    iso = value.get("iso") if isinstance(value, dict) else value  # {iso, n}: n makes it new
    if isinstance(iso, str):
        try:
            view.report_day(dt.date.fromisoformat(iso))
        except ValueError:
            pass


def _on_click() -> None:
    click = _reported().get("click")
    if isinstance(click, dict) and isinstance(click.get("place"), str):
        view.pick_place(click["place"])


def _on_view() -> None:
    reported = _reported().get("view")
    if isinstance(reported, dict) and {"zoom", "lat", "lon"} <= set(reported):
        view.report_view((int(reported["zoom"]), float(reported["lat"]), float(reported["lon"])))


def _on_layers() -> None:
    layers = _reported().get("layers")
    if isinstance(layers, list):
        view.report_layers(layers)


def day_overlay(ctx: Context) -> dict[str, Any]:
    """What Python draws on the map for the day: distance lines and cut-off marks."""
    table = None
    if "distances" in ctx.layers and ctx.place and ctx.dist and ctx.dist["table"]:
        table = pd.DataFrame(ctx.dist["table"])
    cut = cut_off_points(ctx) if "supply" in ctx.layers else []
    return overlay(ctx.day, ctx.model.state(ctx.day), ctx.place, table, cut)


def story_of(model: Any) -> tuple[tuple[StoryStep, ...], str | None]:
    """The dataset's story, or none and the problems of a bad story.csv (the map still runs)."""
    places = set(model.index.places["place"])
    try:
        return read_story(model.data.data_dir, places, model.data.gazetteer.resolve), None
    except DataError as err:
        return (), problem_list(err.problems, 20, hide=str(model.data.data_dir))


def show_map(ctx: Context, full_window: bool = False) -> None:
    """Mount (or update) the map for the view: day, layers, view and overlay as data;
    ``full_window`` for the map alone (``?view=map``)."""
    problem = story_of(ctx.model)[1]
    if problem:
        st.error(f"The story (events/story.csv) is not shown:\n{problem}", icon="⚠️")
    shown = view.map_view()
    mount(
        map_page_url(ctx.key, ctx.factions),
        day=ctx.day.isoformat(),
        seq=view.day_seq(),
        overlay=day_overlay(ctx),
        layers=[x for x in ctx.layers if x != "places"],
        layers_seq=0,  # the layers are pushed once per mount (the link's); then the map owns them
        view={"zoom": shown[0], "lat": shown[1], "lon": shown[2]} if shown else None,
        view_seq=view.view_seq(),
        height=FULL_WINDOW if full_window else MAP_HEIGHT,
        key=MAP_KEY,
        callbacks={"day": _on_day, "click": _on_click, "view": _on_view, "layers": _on_layers},
    )


@st.cache_data(show_spinner="Drawing the map…", max_entries=16)
def _map_html(key: tuple[Any, ...], factions: tuple[str, ...]) -> str:
    """The day-independent map page for one (dataset, faction filter), built once."""
    model = data.model_for(key)
    steps, _problem = story_of(model)
    config = dataclasses.replace(app_config(model, factions), story=tuple(story_payload(steps)))
    return timeline_page(
        model, factions, data.outline_or_none(key), data.road_features(key), config
    )


def map_page_url(key: tuple[Any, ...], factions: tuple[str, ...]) -> str:
    """URL of the map page, served as a static file of the app (re-published on every
    run, so a page removed as unused comes back)."""
    return publish_page(_map_html(key, factions))


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
