"""The sidebar's controls; each returns a plain value (the view's keys belong to :mod:`view`)."""

from __future__ import annotations

import streamlit as st

from dashboard.core.geo.distance import distance_km
from dashboard.core.model import Model
from dashboard.core.timeline import RECENT_DAYS
from dashboard.core.words import LANGS, text
from dashboard.ui import data, scene, view
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


PICKER_MAX = 500
"""Places the place picker lists; a larger data set lists its busiest and takes any other
typed by name (the browser builds an element per option: 2,000 took it 0.75 s to render
after an upload, 20,000 seconds)."""
UNKNOWN_TYPED = "_unknown_place"  # a typed name that is no place, for one warning


def place_picker(model: Model) -> str | None:
    """Selectbox of places to measure distances from."""
    places = model.data.places["place"]
    typed = len(places) > PICKER_MAX
    listed = _busiest(model, PICKER_MAX) if typed else list(places)
    chosen = view.place()
    if chosen and typed and chosen not in listed:
        listed.insert(0, chosen)
    place = st.sidebar.selectbox(
        "Distances from (or click a place on the map)",
        [view.NO_PLACE, *listed],
        key=view.PLACE_KEY,
        accept_new_options=typed,
        on_change=_resolve_typed if typed else None,
        args=(model,) if typed else None,
        help=f"The {PICKER_MAX:,} busiest places are listed; type any other place's name."
        if typed
        else None,
    )
    unknown = st.session_state.pop(UNKNOWN_TYPED, None)
    if unknown:
        st.sidebar.warning(f"No place is named {md(unknown)}.")
    return None if place in (None, view.NO_PLACE) else place


@st.cache_data(show_spinner=False, max_entries=8)
def _busiest_of(key: data.Key, n: int) -> list[str]:
    """The ``n`` places with the most events, busiest first (ties in the data's order);
    once per data set, not on every rerun."""
    model = data.model_for(key)
    counts = model.event_counts()
    places = list(model.data.places["place"])
    return sorted(places, key=lambda p: -counts.get(p, 0))[:n]


def _busiest(model: Model, n: int) -> list[str]:
    return list(_busiest_of(data.model_key(model), n))


def _resolve_typed(model: Model) -> None:
    """A name typed into the picker becomes its place (any spelling the gazetteer knows);
    one that is no place is dropped, with a warning."""
    typed = st.session_state.get(view.PLACE_KEY)
    if typed in (None, view.NO_PLACE) or typed in set(model.data.places["place"]):
        return
    found = model.data.gazetteer.resolve(str(typed))
    if found is not None and found in set(model.data.places["place"]):
        st.session_state[view.PLACE_KEY] = found
    else:
        st.session_state[view.PLACE_KEY] = view.NO_PLACE
        st.session_state[UNKNOWN_TYPED] = str(typed)


PAIR_KEYS = ("pair_a", "pair_b")


def pairwise(model: Model) -> None:
    """Sidebar calculator: geodesic km between two chosen places. Its two lists of every
    place are sent only while it is open (20,000 places in three lists took the browser
    seconds to render after an upload); the chosen pair is kept while it is closed."""
    box = st.sidebar.expander("Distance A → B", expanded=False, key="pair_open", on_change="rerun")
    if not box.open:
        for key in PAIR_KEYS:  # a widget not drawn in a run loses its value: keep it
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
        return
    with box:
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
