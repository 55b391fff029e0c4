"""Tab *Export*: the current view as CSV, events CSV, GeoJSON or one offline HTML map."""

from __future__ import annotations

import streamlit as st

from dashboard.core.export import formats as export
from dashboard.ui import timeline_map
from dashboard.ui.context import Context


def render(ctx: Context) -> None:
    """Download buttons for the current view (generated when clicked)."""
    model, day, chosen = ctx.model, ctx.day, list(ctx.factions)
    stem = f"frontline-{day.isoformat()}"
    st.caption("The control state on the chosen day, for the factions shown.")
    cols = st.columns(4)
    cols[0].download_button(
        "State (CSV)",
        lambda: export.state_csv_bytes(model, day, chosen),
        f"{stem}.csv",
        "text/csv",
        key="dl_csv",
    )
    cols[1].download_button(
        "Events up to this day (CSV)",
        lambda: export.events_csv_bytes(model, day, chosen),
        f"{stem}.events.csv",
        "text/csv",
        key="dl_events",
    )
    cols[2].download_button(
        "Map data (GeoJSON)",
        lambda: export.geojson_bytes(model, day, chosen),
        f"{stem}.geojson",
        "application/geo+json",
        key="dl_geojson",
    )
    cols[3].download_button(
        "Offline map (HTML)",
        lambda: timeline_map.standalone_html(model, day, chosen).encode(),
        f"{stem}.html",
        "text/html",
        key="dl_html",
    )
