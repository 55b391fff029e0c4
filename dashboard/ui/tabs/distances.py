"""Tab *Distances*: every shown place by km from the selected one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.core.schema import is_http_link
from dashboard.ui import data
from dashboard.ui.context import Context
from dashboard.ui.panel import nearest_text
from dashboard.ui.text import md


def render(ctx: Context) -> None:
    """The distance table of the selected place (or how to select one), then the sources'
    own distance figures checked against the gazetteer."""
    _place_distances(ctx)
    _sources_numbers(ctx)


def _sources_numbers(ctx: Context) -> None:
    claims = data.numeric_claims_data(ctx.key)
    if claims.empty:
        return
    flagged = int(claims["flagged"].sum())
    box = st.expander(
        f"Sources' own distances, checked: {len(claims)}, {flagged} off",
        key="claims_open",
        on_change="rerun",
    )
    if not box.open:  # the table is sent only while open: no data grid on the first screen
        return
    with box:
        _claims_table(claims, flagged)


def _claims_table(claims: pd.DataFrame, flagged: int) -> None:
    st.caption(
        f"{len(claims)} distances given by sources, against the geodesic distance between "
        f"the two places' coordinates; {flagged} differ by more than 10 km or 20 % "
        "(whichever is larger). Sources round, and some give road distance."
    )
    shown = claims.assign(
        check=claims["flagged"].map({True: "⚠ off", False: "ok"}),
        link=claims["source_url"].where(claims["source_url"].map(is_http_link), None),
    )
    st.dataframe(
        shown[["place", "from_place", "claimed_km", "computed_km", "difference_km", "check",
               "claim", "source_publisher", "source_kind", "source_date", "link"]],
        hide_index=True,
        column_config={
            "from_place": st.column_config.TextColumn("from"),
            "claimed_km": st.column_config.NumberColumn("source says (km)", format="%.0f"),
            "computed_km": st.column_config.NumberColumn("geodesic km", format="%.1f"),
            "difference_km": st.column_config.NumberColumn("difference", format="%+.1f"),
            "link": st.column_config.LinkColumn("source link"),
        },
    )  # fmt: skip


def _place_distances(ctx: Context) -> None:
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
