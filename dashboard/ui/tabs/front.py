"""Tab *Front distance*: how close the nearest hostile-held place came to a chosen town."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import charts, data
from dashboard.ui.context import Context


def render(ctx: Context) -> None:
    """A place picker (the dataset's reference place first) and its front-distance chart."""
    model = ctx.model
    names = list(model.data.places["place"])
    reference = model.data.info.reference_place
    default = names.index(reference) if reference in names else 0
    target = st.selectbox("Distance from", names, index=default, key="front_target")
    series = data.front_series(ctx.key, target)
    st.altair_chart(
        charts.front_distance(series, model.span()[1], ctx.day, target), width="stretch"
    )
