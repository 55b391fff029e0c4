"""The Frontline page: the frame that arranges the sidebar, the map, the panel and the tabs.

What each part shows lives in its own module (widgets, map/, panel, tabs/); the view's
state belongs to :mod:`dashboard.ui.view`; the data comes through :mod:`dashboard.ui.data`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.core import budget
from dashboard.core.ingest.upload import MAX_SECONDS
from dashboard.core.io.load import resolve_data_dir
from dashboard.core.model import Model
from dashboard.ui import data, headline, upload, view, widgets
from dashboard.ui.context import Context, DataSource
from dashboard.ui.link import View, parse_view, view_params
from dashboard.ui.map import show_map
from dashboard.ui.panel import place_panel
from dashboard.ui.tabs import TABS
from dashboard.ui.text import md, problem_list

ALONE_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
.fl-title { display: none !important; }
.block-container { padding: 0 !important; }
.st-key-fl_map { position: fixed !important; inset: 0; z-index: 999990; }
</style>"""


def render(static: Path | None = None) -> None:
    """Draw the whole page for the current session state, within one time budget: from an
    upload's bytes to its drawn map, or a new language's map (what does not fit is
    refused or left out with a note; :mod:`dashboard.core.budget`). ``static`` is the folder
    Streamlit serves at /app/static/ (the launcher's state folder script passes it); without
    it, or with static serving off, the map page is carried in its component."""
    with budget.within(budget.Deadline(MAX_SECONDS)):
        _render(static)


def _render(static: Path | None) -> None:
    st.set_page_config(page_title="Frontline", page_icon="🗺️", layout="wide")
    served = static if static is not None and st.get_option("server.enableStaticServing") else None
    model, source = _model_or_fallback(upload.upload_panel())
    first_run = not view.seeded()
    view.seed(_view(model))
    view.apply_pending()
    view.fit_to(model)
    lang = widgets.map_language()
    factions = widgets.faction_filter(model)
    place = widgets.place_picker(model)
    layers = view.layers()
    widgets.pairwise(model)
    widgets.data_info(model)
    headline.title(model)
    day = view.day()
    key = data.model_key(model)
    dist = data.distance_data(key, day, factions, place) if place else None
    ctx = Context(model, key, day, factions, place, dist, layers, source, lang)
    alone = map_alone()
    show_map(ctx, served, full_window=alone)  # the map first
    if not alone:
        headline.day_line(model, day, factions)
        place_panel(ctx)
        _tabs(ctx, first_run)
    params = view_params(
        View(day, factions, place, layers, view.map_view(), lang), model.span(), model.factions
    )
    st.query_params.from_dict({**params, **({"view": "map"} if alone else {})})


def map_alone() -> bool:
    """``?view=map``: the map alone in the whole window (presenting, embedding); the
    sidebar, title, panel and tabs are hidden, the link keeps working."""
    if st.query_params.get("view") != "map":
        return False
    st.markdown(ALONE_CSS, unsafe_allow_html=True)
    return True


def _model_or_fallback(upload_dir: Path | None) -> tuple[Model, DataSource]:
    model, problems, stale = data.get_model(upload_dir)
    if upload_dir is not None and model is not None:
        st.info(
            "Exploring the uploaded file (the bundled data is untouched). Switch it off in the sidebar."
        )
    if problems:
        # an upload's problems name files from inside its private folder, whose path is
        # the server's; a data folder's from its name on
        hide = upload_dir if upload_dir is not None else Path(resolve_data_dir()).parent
        listed = problem_list(problems, 50, hide=str(hide))
        st.error(f"The data folder has problems ({len(problems)}):\n{listed}")
        if stale:
            st.warning(
                "The last valid version of this data is still shown until the problems are fixed."
            )
    source = DataSource(upload_dir, stale, fallback=model is None)
    if model is None:
        model = data.bundled_model()
        st.info(f"Showing the bundled dataset ({md(model.data.info.title)}) instead.")
    return model, source


def _view(model: Model) -> View:
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}  # noqa: SIM118
    link, notices = parse_view(
        params,
        model.span(),
        model.factions,
        model.data.gazetteer.resolve,
        layers=list(widgets.LAYER_LABELS),
        default_day=model.data.info.open_on,
    )
    if not view.seeded():
        for notice in notices:
            st.warning(notice)
    return link


def _tabs(ctx: Context, first_run: bool = False) -> None:
    """The story tabs; only the open tab's content runs, except the cheap ones, which keep
    their widgets' values that way. A session's first run has no such values yet: it draws
    the open tab only, so the browser draws the map without also drawing hidden tabs (a
    code block's highlighter, date fields); any later run draws them."""
    names = [tab.name for tab in TABS]
    opened = st.tabs(names, key="tab", on_change="rerun")
    for tab, container in zip(TABS, opened, strict=True):
        with container:
            if container.open is not False or (tab.always and not first_run):
                tab.render(ctx)
