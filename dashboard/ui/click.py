"""Map clicks: which place a click on the map hit, and selecting it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.core.geo.distance import distances_from_km
from dashboard.core.model import Model

HIT_KM = 2.0
"""A click within this many km (geodesic) of a place's point selects it."""


def place_at(places: pd.DataFrame, lat: float, lon: float, within_km: float = HIT_KM) -> str | None:
    """The place (place, lat, lon rows) nearest to a click at ``lat``, ``lon`` when it lies
    within ``within_km`` km, else None."""
    if places.empty:
        return None
    km = distances_from_km(lat, lon, places["lat"], places["lon"])
    best = int(np.argmin(km))
    return str(places["place"].iloc[best]) if km[best] < within_km else None


def handle_click(model: Model, out: dict[str, Any] | None) -> None:
    """Select the clicked place (once per click) and rerun with it."""
    click = (out or {}).get("last_object_clicked")
    if not click or click == st.session_state.get("_last_click"):
        return
    st.session_state["_last_click"] = click
    place = place_at(model.data.places, click["lat"], click["lng"])
    if place is not None and place != st.session_state.get("place"):
        st.session_state["_pending_place"] = place
        st.rerun()
