"""Tab *Area per faction*: km² of each faction's area on the day and over time."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import charts, data, scene
from dashboard.ui.context import Context
from dashboard.ui.text import md

AREA_METHOD = (
    "Areas are an approximation derived from town control, not surveyed front lines: the "
    "country outline is split into one Voronoi cell per place (computed in an equal-area "
    "projection), each cell takes the holder of its place, and cells are merged per faction. "
    "Cells of places with no record stay blank; claimed or disputed cells are drawn lighter. "
    "Front lines are the borders between hostile factions' areas."
)


def render(ctx: Context) -> None:
    """The method note, the km² per shown faction and the area-over-time chart."""
    model = ctx.model
    st.caption(AREA_METHOD)
    terr = data.territory_data(ctx.key, ctx.day, ctx.factions)
    if "unavailable" in terr:
        st.info(f"No areas for this data: {md(terr['unavailable'])}.")
        return
    labels = scene.labels(model)
    st.markdown(
        " · ".join(f"{md(labels.get(f, f))}: **{a:,.0f} km²**" for f, a in terr["areas"].items())
    )
    series = data.area_series(ctx.key)
    series = series[series["faction"].isin(ctx.factions)]
    st.altair_chart(
        charts.area_over_time(series, model.span()[1], ctx.day, scene.colors(model), labels),
        width="stretch",
    )
