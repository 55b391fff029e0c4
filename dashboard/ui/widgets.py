"""Sidebar and timeline controls. Each owns its session-state key and returns a plain value."""

from __future__ import annotations

import streamlit as st

from dashboard.core.geo.distance import distance_km
from dashboard.core.model import Model
from dashboard.ui import scene
from dashboard.ui.popups import md
from dashboard.ui.state import View
from dashboard.ui.text import hide_folder

NO_PLACE = "— none —"
LAYER_LABELS = {
    "places": "Places",
    "labels": "Town names",
    "relief": "Terrain (shaded relief)",
    "districts": "Districts (admin-1)",
    "recent": "Rings: changed in the last 7 days",
    "distances": "Distance lines",
    "areas": "Areas of control (approximate)",
    "front": "Front lines",
    "roads": "Roads (schematic)",
    "supply": "✕ Cut off from rear base",
}


def init_state(view: View) -> None:
    """Seed widget state from the URL view once per session."""
    if st.session_state.get("_seeded"):
        return
    st.session_state.update(
        {
            "date": view.day,
            "factions": list(view.factions),
            "place": view.place or NO_PLACE,
            "layers": list(view.layers),
            "_seeded": True,
        }
    )


def apply_pending() -> None:
    """Apply a date chosen by play or a click before the widgets are drawn."""
    if "_pending_date" in st.session_state:
        st.session_state["date"] = st.session_state.pop("_pending_date")
    if "_pending_place" in st.session_state:
        st.session_state["place"] = st.session_state.pop("_pending_place")


def fit_state_to(model: Model) -> None:
    """Drop widget values the current dataset cannot take (after switching data)."""
    start, end = model.span()
    if "date" in st.session_state:
        st.session_state["date"] = min(max(st.session_state["date"], start), end)
    if "factions" in st.session_state:
        kept = [f for f in st.session_state["factions"] if f in model.factions]
        st.session_state["factions"] = kept or list(model.factions)
    for key in ("pair_a", "pair_b", "front_target"):
        if key in st.session_state and st.session_state[key] not in set(model.data.places["place"]):
            del st.session_state[key]


def faction_filter(model: Model) -> tuple[str, ...]:
    """Multiselect of factions (default all); returns the chosen factions in model order."""
    names = scene.labels(model)
    chosen = st.sidebar.multiselect(
        "Factions", model.factions, key="factions", format_func=lambda f: names.get(f, f)
    )
    return tuple(f for f in model.factions if f in chosen)


def place_picker(model: Model) -> str | None:
    """Selectbox of places to measure distances from."""
    options = [NO_PLACE, *model.data.places["place"]]
    if st.session_state.get("place") not in options:
        st.session_state["place"] = NO_PLACE
    place = st.sidebar.selectbox(
        "Distances from (or click a place on the map)", options, key="place"
    )
    return None if place == NO_PLACE else place


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
    events = model.data.events
    st.sidebar.caption(
        f"Data: {md(model.title)} · {len(events)} events, "
        f"{len(model.index.runs)} control changes, {len(model.data.places)} places · "
        f"{model.span()[0]} – {model.span()[1]}"
    )
    if model.data.warnings:
        with st.sidebar.expander(f"{len(model.data.warnings)} data warning(s)"):
            folder = model.data.data_dir
            st.text("\n".join(hide_folder(w, folder) for w in model.data.warnings))
