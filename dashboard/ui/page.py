"""The Frontline page: the frame that arranges the sidebar, the map, the panel and the tabs.

What each part shows lives in its own module (widgets, mapframe, panel, tabs/); the data
comes through :mod:`dashboard.ui.data`, the only module with caches.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import streamlit as st

from dashboard.core.model import Model
from dashboard.ui import data, headline, upload, widgets
from dashboard.ui.assets import ensure_leaflet_assets
from dashboard.ui.context import Context
from dashboard.ui.mapframe import show_map
from dashboard.ui.panel import place_panel
from dashboard.ui.popups import md
from dashboard.ui.state import View, parse_view, view_params
from dashboard.ui.tabs import TABS, editor

PLAY_SECONDS = 1.5


def render() -> None:
    """Draw the whole page for the current session state."""
    st.set_page_config(page_title="Frontline", page_icon="🗺️", layout="wide")
    ensure_leaflet_assets()
    model = _model_or_fallback(upload.upload_panel())
    view = _view(model)
    widgets.init_state(view)
    widgets.apply_pending()
    widgets.fit_state_to(model)
    factions = widgets.faction_filter(model)
    place = widgets.place_picker(model)
    layers = widgets.layer_picker()
    widgets.pairwise(model)
    widgets.data_info(model)
    st.markdown("## Frontline: who controls what, and since when")
    day, playing = widgets.timeline(model)
    headline.day_line(model, day)
    key = data.model_key(model)
    layer_data = data.place_layer_data(key, day, factions)
    headline.legend(layer_data)
    if place:
        headline.place_line(model, day, place)
    dist = data.distance_data(key, day, factions, place) if place else None
    ctx = Context(model, key, day, factions, place, dist, layers)
    map_col, panel_col = st.columns([2.3, 1])
    with map_col:
        show_map(ctx, layer_data)
    with panel_col:
        place_panel(ctx)
    _tabs(ctx)
    st.query_params.from_dict(
        view_params(View(day, factions, place, layers), model.span(), model.factions)
    )
    if playing:
        _advance(model, day)


def _model_or_fallback(upload_dir: Path | None) -> Model:
    model, problems, stale = data.get_model(upload_dir)
    if upload_dir is not None and model is not None:
        st.info(
            "Exploring the uploaded file (the bundled data is untouched). Switch it off in the sidebar."
        )
    if problems:
        shown = "\n".join(f"- `{p}`" for p in problems[:50])
        more = f"\n- … and {len(problems) - 50} more" if len(problems) > 50 else ""
        st.error(f"The data folder has problems ({len(problems)}):\n{shown}{more}")
        if stale:
            st.warning(
                "The last valid version of this data is still shown until the problems are fixed."
            )
    editor.note_data_source(upload_dir, stale, fallback=model is None)
    if model is None:
        model = data.bundled_model()
        st.info(f"Showing the bundled dataset ({md(model.data.info.title)}) instead.")
    return model


def _view(model: Model) -> View:
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}  # noqa: SIM118
    view, notices = parse_view(
        params,
        model.span(),
        model.factions,
        model.data.gazetteer.resolve,
        layers=list(widgets.LAYER_LABELS),
    )
    if not st.session_state.get("_seeded"):
        for notice in notices:
            st.warning(notice)
    return view


def _tabs(ctx: Context) -> None:
    """The story tabs; only the open tab's content runs, except the cheap ones."""
    names = [tab.name for tab in TABS]
    opened = st.tabs(names, key="tab", on_change="rerun")
    for tab, container in zip(TABS, opened, strict=True):
        with container:
            if container.open is not False or tab.always:
                tab.render(ctx)


def _advance(model: Model, day: dt.date) -> None:
    nxt = widgets.next_change(model, day)
    if nxt is None:
        st.session_state["playing"] = False
        return
    time.sleep(PLAY_SECONDS)
    st.session_state["_pending_date"] = nxt
    st.rerun()
