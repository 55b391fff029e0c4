"""Tab *Compare dates*: places that changed hands, km² won or lost (first records are not
won), front distance."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard.core.geo import compare
from dashboard.ui import data, scene
from dashboard.ui.context import Context
from dashboard.ui.text import md

KM2_COLUMNS = ("km² before", "km² after", "km² won", "km² lost", "change km²")


def render(ctx: Context) -> None:
    """Compare the chosen day with an earlier one (30 days before by default)."""
    model, day, factions = ctx.model, ctx.day, ctx.factions
    start, _ = model.span()
    default = max(start, day - dt.timedelta(days=30))
    earlier = st.date_input(
        "Compare with", value=default, min_value=start, max_value=day, key="compare_from"
    )
    diff = scene.compare(model, earlier, day, factions)
    before_state, after_state = model.state(earlier), model.state(day)
    moved = compare.changed_hands(before_state, after_state)
    moved = moved[moved["from"].isin(factions) | moved["to"].isin(factions)]
    st.markdown(f"**{len(moved)} place(s)** changed hands between {earlier} and {day}.")
    names = scene.labels(model)
    if len(moved):
        st.dataframe(moved.replace({"from": names, "to": names}), hide_index=True)
    new = compare.first_records(before_state, after_state)
    if new:
        st.caption("First records in the span, not counted as won: " + md(", ".join(new)) + ".")
    before = data.territory_data(ctx.key, earlier, factions)["areas"]
    after = data.territory_data(ctx.key, day, factions)["areas"]
    change = data.area_change_data(ctx.key, earlier, day)
    rows = [
        {
            "faction": f,
            "km² before": before.get(f, 0.0),
            "km² after": after.get(f, 0.0),
            "km² won": change.get(f, (0.0, 0.0, 0.0))[0],
            "km² lost": change.get(f, (0.0, 0.0, 0.0))[1],
            "change km²": change.get(f, (0.0, 0.0, 0.0))[2],
        }
        for f in factions
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={c: st.column_config.NumberColumn(format="%.0f") for c in KM2_COLUMNS},
    )
    st.caption(
        "Won and lost count only cells that passed from one known holder to another; a "
        "place's first record (no holder before) counts for nobody."
    )
    st.markdown(md(diff["front"]))
