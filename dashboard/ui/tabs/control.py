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
    chart = charts.control_gantt(
        runs, model.span()[1], ctx.day, scene.colors(model), scene.labels(model)
    )
    st.altair_chart(chart, width="stretch")
