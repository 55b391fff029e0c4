"""The naive app the scrub and cold-start benchmarks compare against.

Every rerun rebuilds the whole folium map (basemap + one CircleMarker per place, with a
tooltip and a history popup) and hands it to ``st_folium`` without
``feature_group_to_add``, so a new date remounts the map iframe. Only the CSV read is
cached, as a typical first version would do. Leaflet is served offline like the real app
(from ``bench/static/``, generated, git-ignored).

    FRONTLINE_DATA_DIR=/path/to/folder streamlit run bench/naive_app.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from branca.element import MacroElement
from jinja2 import Template
from streamlit_folium import st_folium

from bench.naive import circle_marker_group, read_folder
from dashboard.ui.map.assets import LEAFLET_CSS, LEAFLET_JS, ensure_leaflet_assets

# folium.Popup builds its HTML with jQuery's $(`...`)[0]; jQuery is a CDN script, so offline
# a two-line stand-in is put first in the map script.
JQUERY_SHIM = """
{% macro script(this, kwargs) %}
window.$ = window.$ || function (html) {
  const t = document.createElement("template"); t.innerHTML = html.trim(); return [t.content.firstElementChild];
};
{% endmacro %}
"""
HERE = Path(__file__).resolve().parent
BUNDLED = HERE.parent / "data"


@st.cache_data(show_spinner="Reading CSV…")
def load(folder: str) -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    """Every event table of the folder with plain pandas, plus faction colours and labels."""
    return read_folder(Path(folder))


@st.cache_data
def basemap(folder: str) -> dict:
    """Country outlines (the same offline basemap as the real app)."""
    own = Path(folder, "geo", "countries.geojson")
    path = own if own.exists() else BUNDLED / "geo" / "countries.geojson"
    return json.loads(path.read_text(encoding="utf-8"))


def whole_map(
    events: pd.DataFrame,
    day: dt.date,
    colors: dict[str, str],
    labels: dict[str, str],
    outlines: dict,
) -> folium.Map:
    """A new folium Map with every layer, built from scratch."""
    fmap = folium.Map(
        tiles=None, location=[events["lat"].mean(), events["lon"].mean()], zoom_start=6
    )
    fmap.default_js = [("leaflet", LEAFLET_JS)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
    shim = MacroElement()
    shim._template = Template(JQUERY_SHIM)
    shim.add_to(fmap)
    folium.GeoJson(
        outlines,
        style_function=lambda _: {
            "fillColor": "#f4f1ea",
            "color": "#8c8c8c",
            "weight": 1,
            "fillOpacity": 1,
        },
        interactive=False,
    ).add_to(fmap)
    circle_marker_group(events, day, colors, labels).add_to(fmap)
    fmap.fit_bounds(
        [[events["lat"].min(), events["lon"].min()], [events["lat"].max(), events["lon"].max()]]
    )
    return fmap


def main() -> None:
    """The page: a date slider and the map."""
    st.set_page_config(page_title="Frontline (naive)", layout="wide")
    ensure_leaflet_assets(HERE / "static" / "vendor" / "leaflet")
    folder = os.environ.get("FRONTLINE_DATA_DIR") or str(BUNDLED)
    events, colors, labels = load(folder)
    start, end = events["date"].min().date(), events["date"].max().date()
    if "date" not in st.session_state:
        asked = st.query_params.get("date")
        st.session_state["date"] = dt.date.fromisoformat(asked) if asked else end
    day = st.slider(
        "Date",
        min_value=start,
        max_value=end,
        step=dt.timedelta(days=1),
        key="date",
        format="YYYY-MM-DD",
    )
    st_folium(
        whole_map(events, day, colors, labels, basemap(folder)),
        key="naive_map",
        height=560,
        use_container_width=True,
        returned_objects=[],
    )


main()
