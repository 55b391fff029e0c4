"""The Frontline page: the frame that arranges the sidebar, the map, the panel and the tabs.

What each part shows lives in its own module (widgets, mapframe, panel, tabs/); the data
comes through :mod:`dashboard.ui.data`, the only module with caches.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from dashboard.core.model import Model
from dashboard.ui import data, scene, upload, widgets
from dashboard.ui.assets import ensure_leaflet_assets
from dashboard.ui.context import Context
from dashboard.ui.mapframe import map_view, set_view, show_map
from dashboard.ui.panel import place_panel
from dashboard.ui.popups import esc, md
from dashboard.ui.state import View, parse_view, view_params
from dashboard.ui.tabs import TABS

COMPACT_CSS = """
<style>
.block-container { padding-top: 2.6rem; padding-bottom: 1rem; }
[data-testid="stMainBlockContainer"] h1, .fl-title { margin: 0; }
.fl-title { font: 600 1.15rem/1.6rem system-ui, sans-serif; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.fl-title small { font-weight: 400; color: #555; }
</style>
"""


def render() -> None:
    """Draw the whole page for the current session state."""
    st.set_page_config(page_title="Frontline", page_icon="🗺️", layout="wide")
    st.markdown(COMPACT_CSS, unsafe_allow_html=True)
    ensure_leaflet_assets()
    model = _model_or_fallback(upload.upload_panel())
    first_run = not st.session_state.get("_seeded")
    view = _view(model)
    widgets.init_state(view)
    if first_run and view.map_view:
        set_view(view.map_view)
    widgets.apply_pending()
    widgets.fit_state_to(model)
    factions = widgets.faction_filter(model)
    place = widgets.place_picker(model)
    layers = tuple(st.session_state.get("layers", ()))
    widgets.pairwise(model)
    widgets.data_info(model)
    _title(model)
    day = st.session_state["date"]
    key = data.model_key(model)
    dist = data.distance_data(key, day, factions, place) if place else None
    ctx = Context(model, key, day, factions, place, dist, layers)
    map_col, panel_col = st.columns([2.3, 1])
    with map_col:
        show_map(ctx)
    with panel_col:
        place_panel(ctx)
    _day_text(model, day, factions)
    _tabs(ctx)
    st.query_params.from_dict(
        view_params(View(day, factions, place, layers, map_view()), model.span(), model.factions)
    )


def _title(model: Model) -> None:
    title = model.data.info.title or "your data"
    st.markdown(
        f'<div class="fl-title">Frontline <small>· who controls what, and since when · '
        f"{esc(title)}</small></div>",
        unsafe_allow_html=True,
    )


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
        default_day=model.data.info.open_on,
    )
    if not st.session_state.get("_seeded"):
        for notice in notices:
            st.warning(notice)
    return view


def _day_text(model: Model, day: dt.date, factions: tuple[str, ...]) -> None:
    """The line under the map: the day the panel, tables and charts show (it follows the
    map when the user lets go of the range), what changed hands and the places shown."""
    moved, repeated = scene.day_summary(model, day)
    shown = len(scene.shown_state(model, day, factions))
    title = f"<b>{day:%A %d %B %Y}</b>"
    if moved:
        text = f"{title} — changed hands: " + "; ".join(esc(c) for c in moved)
    else:
        text = f"{title} — no change of control recorded on this day."
    if repeated:
        text += (
            "<br><small>Control re-reported: " + "; ".join(esc(c) for c in repeated) + "</small>"
        )
    st.markdown(
        f'<div data-testid="fl-day" data-day="{day.isoformat()}"><small>Panel, tables and '
        f"charts show {text} · showing {shown} of {len(model.data.places)} places</small></div>",
        unsafe_allow_html=True,
    )


def _tabs(ctx: Context) -> None:
    """The story tabs; only the open tab's content runs, except the cheap ones."""
    names = [tab.name for tab in TABS]
    opened = st.tabs(names, key="tab", on_change="rerun")
    for tab, container in zip(TABS, opened, strict=True):
        with container:
            if container.open is not False or tab.always:
                tab.render(ctx)
