"""Tab *Places per faction*: how many places each shown faction held over time."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import charts, scene
from dashboard.ui.context import Context


def render(ctx: Context) -> None:
    """Places held per faction after each change day, with the chosen day marked."""
    model = ctx.model
    counts = model.index.counts_over_time()
    counts = counts[counts["faction"].isin(ctx.factions)]
    chart = charts.faction_counts(
        counts, model.span()[1], ctx.day, scene.colors(model), scene.labels(model)
    )
    st.altair_chart(chart, width="stretch")
