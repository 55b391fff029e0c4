"""The sidebar's controls; each returns a plain value (the view's keys belong to :mod:`view`)."""

from __future__ import annotations

import streamlit as st

from dashboard.core.geo.distance import distance_km
from dashboard.core.model import Model
from dashboard.core.timeline import RECENT_DAYS
from dashboard.core.words import LANGS, text
from dashboard.ui import scene, view
from dashboard.ui.text import hide_folder, md

LAYER_KEYS = (
    "places", "labels", "relief", "districts", "recent", "distances", "areas", "front",
    "roads", "supply",
)  # fmt: skip
"""The layers of the app's map (the link's ``layer=`` vocabulary)."""
LAYER_LABELS = {key: text(f"layer_{key}", days=RECENT_DAYS) for key in LAYER_KEYS}
"""Each layer's label in English (the map's word table, :mod:`dashboard.core.words`)."""


def map_language() -> str:
    """Selector of the map's language: its controls, legend, tooltips and place names in
    English or Arabic (right to left); each option named in its own language."""
    chosen = st.sidebar.selectbox(
        "Map language · لغة الخريطة",
        LANGS,
        key=view.LANG_KEY,
        format_func=lambda lang: text("language_name", lang),
    )
    return str(chosen)


def faction_filter(model: Model) -> tuple[str, ...]:
    """Multiselect of factions (default all); returns the chosen factions in model order."""
    names = scene.labels(model)
    chosen = st.sidebar.multiselect(
        "Factions", model.factions, key=view.FACTIONS_KEY, format_func=lambda f: names.get(f, f)
    )
    return tuple(f for f in model.factions if f in chosen)


def place_picker(model: Model) -> str | None:
    """Selectbox of places to measure distances from."""
    options = [view.NO_PLACE, *model.data.places["place"]]
    place = st.sidebar.selectbox(
        "Distances from (or click a place on the map)", options, key=view.PLACE_KEY
    )
    return None if place == view.NO_PLACE else place


def pairwise(model: Model) -> None:
    """Sidebar calculator: geodesic km between two chosen places."""
    with st.sidebar.expander("Distance A → B", expanded=False):
        names = list(model.data.places["place"])
        a = st.selectbox("From", names, key="pair_a")
        b = st.selectbox("To", names, index=min(1, len(names) - 1), key="pair_b")
        coords = model.data.places.set_index("place")
        km = distance_km(
            coords.at[a, "lat"], coords.at[a, "lon"], coords.at[b, "lat"], coords.at[b, "lon"]
        )
        st.markdown(f"**{md(a)} → {md(b)}: {km:.1f} km** (geodesic, WGS84)")


def data_info(model: Model) -> None:
    """Sidebar caption: the dataset's name (never its server path), size, span, warnings."""
    st.sidebar.caption(
        f"Data: {md(model.title)} · {model.event_count()} events, "
        f"{len(model.index.runs)} control changes, {len(model.data.places)} places · "
        f"{model.span()[0]} – {model.span()[1]}"
    )
    if model.data.warnings:
        with st.sidebar.expander(f"{len(model.data.warnings)} data warning(s)"):
            folder = model.data.data_dir
            st.text("\n".join(hide_folder(w, folder) for w in model.data.warnings))
