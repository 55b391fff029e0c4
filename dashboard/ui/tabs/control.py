"""Tab *Control by place*: one bar per shown place, coloured by holder over time."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import charts, scene
from dashboard.ui.context import Context


def render(ctx: Context) -> None:
    """The control Gantt chart of the shown places, with the chosen day marked."""
    model = ctx.model
    shown = set(scene.shown_state(model, ctx.day, ctx.factions)["place"])
    runs = model.index.runs[model.index.runs["place"].isin(shown)]
    period = model.data.info.period or model.span()
    start = min(period[0], ctx.day)
    chart = charts.control_gantt(
        runs, max(period[1], ctx.day), ctx.day, scene.colors(model), scene.labels(model), start
    )
    st.altair_chart(chart, width="stretch")
