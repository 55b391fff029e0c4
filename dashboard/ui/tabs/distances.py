"""Tab *Distances*: every shown place by km from the selected one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.ui.context import Context
from dashboard.ui.panel import nearest_text
from dashboard.ui.popups import md


def render(ctx: Context) -> None:
    """The distance table of the selected place (or how to select one)."""
    place, dist = ctx.place, ctx.dist
    if not place or not dist:
        st.info("Pick a place in the sidebar or click one on the map to see its distances.")
        return
    table = pd.DataFrame(dist["table"])
    if table.empty:
        st.info("No other place is shown.")
        return
    table["since"] = pd.to_datetime(table["since"]).dt.date
    nearest = nearest_text(place, dist)
    st.markdown(nearest or f"No place held by a hostile faction is shown near {md(place)}.")
    st.dataframe(
        table[["place", "controller", "km", "road_km", "since", "confidence"]],
        hide_index=True,
        column_config={
            "km": st.column_config.NumberColumn("km (geodesic)", format="%.1f"),
            "road_km": st.column_config.NumberColumn("km by road (schematic)", format="%.0f"),
        },
    )
