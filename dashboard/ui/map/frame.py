"""The map section of the page: the map host, told the view as data, and what it reports.

The view's state (day, layers, map view, a clicked place) belongs to :mod:`dashboard.ui.view`;
this module only turns the map's reports into calls there and the view into the host's
payload (see :mod:`dashboard.ui.view` for how the two paths, browser and Python, meet).

The map page reaches the browser one of two ways (:func:`map_page`): published in the
served state folder (the bundled or configured data, when static files are served; any
replica sharing the folder serves it), or carried in the component (an upload's page,
private to its session and gone with it; every page when static files are off, then with
Leaflet inlined). A carried page's text is sent once per session, and again when the host
says it lacks it (the ``need`` report), which is also how a published page that did not
load is carried instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import dashboard.ui.map.built as built
from dashboard.core import budget
from dashboard.core.errors import DataError
from dashboard.core.io.story import StoryStep, read_story, story_payload
from dashboard.core.paths import LEAFLET_SUBDIR, MAPS_SUBDIR
from dashboard.ui import data, scene, view
from dashboard.ui.context import Context
from dashboard.ui.map.assets import ensure_leaflet_assets, page_digest, publish_page
from dashboard.ui.map.host import mount
from dashboard.ui.map.overlay import overlay
from dashboard.ui.text import problem_list

__all__ = ["MAP_HEIGHT", "cut_off_points", "day_overlay", "map_page", "show_map", "story_of"]

MAP_KEY = "fl_map"
MAP_HEIGHT = "max(420px, calc(100vh - 150px))"
"""The map takes most of the window's height (its date bar and legend included), at least
420 px; the title line above it and the day line below stay in view."""
FULL_WINDOW = "100vh"
SENT_KEY = "fl_map_sent"  # the carried page whose text this session was sent last
ASKED_KEY = "fl_map_asked"  # the last "need" report answered


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


def _on_need() -> None:
    """The host lacks the page's text: the run this report starts carries it (map_page)."""


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


def show_map(ctx: Context, static: Path | None = None, full_window: bool = False) -> None:
    """Mount (or update) the map for the view: day, layers, view and overlay as data.
    ``static`` is the folder served at /app/static/ (None: static files are off);
    ``full_window`` for the map alone (``?view=map``)."""
    problem = story_of(ctx.model)[1]
    if problem:
        st.error(f"The story (events/story.csv) is not shown:\n{problem}", icon="⚠️")
    shown = view.map_view()
    mount(
        map_page(ctx, static),
        day=ctx.day.isoformat(),
        seq=view.day_seq(),
        overlay=day_overlay(ctx),
        filter=scene.faction_filter(ctx.model, ctx.factions),
        layers=[x for x in ctx.layers if x != "places"],
        layers_seq=0,  # the layers are pushed once per mount (the link's); then the map owns them
        view={"zoom": shown[0], "lat": shown[1], "lon": shown[2]} if shown else None,
        view_seq=view.view_seq(),
        height=FULL_WINDOW if full_window else MAP_HEIGHT,
        key=MAP_KEY,
        callbacks={
            "day": _on_day,
            "click": _on_click,
            "view": _on_view,
            "layers": _on_layers,
            "need": _on_need,
        },
    )


@st.cache_data(show_spinner="Drawing the map…", max_entries=16)
def _map_html(
    key: tuple[Any, ...],
    inline: bool,
    lang: str = "en",
    published: Path | None = None,
) -> tuple[str, str, list[str]]:
    """The day-independent map page for one (dataset, language), built once for every
    faction filter (pushed to it as data, :func:`show_map`), its digest, and what it left
    out to fit the time budget in force (:mod:`dashboard.core.budget`);
    ``inline`` carries Leaflet inside it (for a page shown without static files). A page to be
    published in the served folder ``published`` is the one an earlier server published
    for the same data and code, when there is one (:mod:`dashboard.ui.map.built`)."""
    name = built.build_key(key, inline, lang)
    html = built.recall(published, MAPS_SUBDIR, name) if published is not None else None
    if html is not None:
        return html, page_digest(html), []
    from dashboard.ui.map.config import app_config  # folium: only when a page is built
    from dashboard.ui.map.page import timeline_page

    model, deadline = data.model_for(key), budget.current()
    factions = tuple(model.factions)  # all: the filter is pushed
    steps, _problem = story_of(model)
    names, notes = _names(key, lang)
    for note in notes:  # what placing the names left out, when it ran for another page
        budget.degrade(note)
    config = app_config(model, factions, lang, names)
    config = dataclasses.replace(config, story=tuple(story_payload(steps)))
    outline = functools.partial(data.outline_or_none, key)  # only a map with areas asks
    html = timeline_page(model, factions, outline, data.road_features(key), config, inline)
    notes = list(deadline.notes) if deadline else []
    if published is not None and not notes:
        built.record(published, name, html)
    return html, page_digest(html), notes


@st.cache_data(show_spinner=False, max_entries=16)
def _names(key: tuple[Any, ...], lang: str) -> tuple[dict[str, Any], list[str]]:
    """The town names of a dataset in ``lang`` and what placing them left out to fit the
    time budget in force: the same for a carried and a published page, so made once (at
    20,000 places they are most of a page's build)."""
    from dashboard.ui.map.config import names_config  # folium: only when a page is built

    deadline = budget.current()
    before = len(deadline.notes) if deadline else 0
    names = names_config(data.model_for(key), lang)
    return names, list(deadline.notes[before:]) if deadline else []


def map_page(ctx: Context, static: Path | None) -> dict[str, str | None]:
    """How the host gets the page: ``page`` (its digest), ``src`` (the URL of the published
    page, re-published on every run so a trimmed page comes back) and ``html`` (the text of a
    carried page, when this session has not been sent it or the host asked for it)."""
    public = static is not None and ctx.source.upload is None
    html, digest, notes = _map_html(ctx.key, static is None, ctx.lang, static if public else None)
    for note in notes:  # what the page left out to fit the time budget
        st.warning(note)
    src = None
    if static is not None and public:
        ensure_leaflet_assets(static / LEAFLET_SUBDIR)
        src = publish_page(html, static / MAPS_SUBDIR)
    send = _asked_for(digest) or (src is None and st.session_state.get(SENT_KEY) != digest)
    if send:
        st.session_state[SENT_KEY] = digest
    return {"page": digest, "src": src, "html": html if send else None}


def _asked_for(digest: str) -> bool:
    """True once per new "need" report of the host for this page (then it is answered)."""
    need = _reported().get("need")
    if not isinstance(need, dict) or need.get("page") != digest:
        return False
    if need.get("n") == st.session_state.get(ASKED_KEY):
        return False
    st.session_state[ASKED_KEY] = need.get("n")
    return True


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
