"""Tab *Compare dates*: places that changed hands, km² won or lost, front distance."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard.ui import data, scene
from dashboard.ui.context import Context
from dashboard.ui.popups import md

KM2_COLUMNS = ("km² before", "km² after", "change km²")


def render(ctx: Context) -> None:
    """Compare the chosen day with an earlier one (30 days before by default)."""
    model, day, factions = ctx.model, ctx.day, ctx.factions
    start, _ = model.span()
    default = max(start, day - dt.timedelta(days=30))
    earlier = st.date_input(
        "Compare with", value=default, min_value=start, max_value=day, key="compare_from"
    )
    diff = scene.compare(model, earlier, day, factions)
    st.markdown(f"**{len(diff['changed'])} place(s)** changed hands between {earlier} and {day}.")
    if diff["changed"]:
        st.dataframe(pd.DataFrame(diff["changed"]), hide_index=True)
    before = data.territory_data(ctx.key, earlier, factions)["areas"]
    after = data.territory_data(ctx.key, day, factions)["areas"]
    rows = [
        {
            "faction": f,
            "km² before": before.get(f, 0.0),
            "km² after": after.get(f, 0.0),
            "change km²": after.get(f, 0.0) - before.get(f, 0.0),
        }
        for f in factions
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={c: st.column_config.NumberColumn(format="%.0f") for c in KM2_COLUMNS},
    )
    st.markdown(md(diff["front"]))
