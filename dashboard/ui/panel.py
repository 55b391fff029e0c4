"""The panel beside the map: the selected place's holder, nearest enemy, supply and history."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.core import describe
from dashboard.core.schema import UNKNOWN
from dashboard.core.timeline import holding_precision
from dashboard.ui import data, scene, view
from dashboard.ui.context import Context
from dashboard.ui.map import history_html
from dashboard.ui.team import team_changes
from dashboard.ui.text import md

PANEL_HEIGHT = 560


def place_panel(ctx: Context) -> None:
    """Side panel: the selected place's holder, nearest enemy and full sourced history."""
    with st.container(height=PANEL_HEIGHT, border=True, key="place_panel"):
        place = ctx.place
        if not place:
            st.info(
                "Click a place on the map (or pick one in the sidebar) to see its history, sources and distances."
            )
            return
        st.markdown(f"#### {md(place)}")
        for line in holding_lines(ctx, place):
            st.markdown(line)
        _holdings(ctx, place)
        st.markdown(md(supply_sentence(ctx, place)) or " ")
        nearest = nearest_text(place, ctx.dist)
        if nearest:
            st.markdown(nearest)
        history = history_html(
            place, ctx.model.place_events(place), scene.labels(ctx.model), ctx.day
        )
        st.markdown(history, unsafe_allow_html=True)
        team_changes(ctx.key, place)


def _holdings(ctx: Context, place: str) -> None:
    """Who held the place when, each start date a button that shows that day on the map."""
    st.caption(md(scene.holdings_line(ctx.model, place)))
    with st.container(horizontal=True, key="holding_days"):
        for k, (label, start) in enumerate(scene.holdings(ctx.model, place)):
            st.button(
                f"{start:%d %b %Y}",
                key=f"holding_{k}",
                help=f"Show {start:%d %B %Y} on the map ({md(label)} from this day)",
                on_click=view.set_day,
                args=(start,),
                type="tertiary",
            )


def holding_lines(ctx: Context, place: str) -> list[str]:
    """Markdown lines: the holder shown since when (with its confidence and other report
    dates), and the claim in force against it, if any."""
    state = ctx.model.state(ctx.day).set_index("place")
    if place not in state.index:
        return []
    row = state.loc[place]
    names = scene.labels(ctx.model)
    if row["controller"] == UNKNOWN:
        return ["No control recorded yet on this day."]
    held = f"Held by **{md(names.get(row['controller'], row['controller']))}**"
    dating = holding_precision(ctx.model.index, ctx.day).set_index("place").loc[place]
    since = describe.since_phrase(row["since"], str(dating["precision"]))
    line = held + (f" since {md(since)}" if since else "") + f" ({md(row['confidence'])})"
    other = describe.other_dates_text(row["other_dates"], row["since"])
    lines = [line + (f"; {md(other)}" if other else "")]
    if dating["thin"]:
        lines.append(
            "≈ **Thin record**: no source dates this holding to the day or week (drawn paler, with a ≈ badge)."
        )
    claim = describe.claim_text(names.get(row["claim_faction"], row["claim_faction"]),
                                row["claim_since"])  # fmt: skip
    if claim:
        sources = md(str(row["claim_sources"]).replace(";", ","))
        lines.append(f"⚠ **{md(claim)}** (reports {sources})")
    return lines


def nearest_text(place: str, dist: dict[str, Any] | None) -> str:
    """Markdown naming the nearest shown place held by a hostile faction ('' if none)."""
    rows = [r for r in (dist or {}).get("table", []) if r["hostile"]]
    if not rows:
        return ""
    near = rows[0]
    return (
        f"Nearest place held by another faction: **{md(near['place'])}** "
        f"({md(near['controller'])}), **{near['km']:.1f} km** from {md(place)}."
    )


def supply_sentence(ctx: Context, place: str) -> str:
    """Whether ``place`` is connected by road to its faction's rear base ('' if unknown)."""
    for faction, info in data.supply_data(ctx.key, ctx.day).items():
        if place in info["cut_off"]:
            return f"Cut off by road from the {faction} rear base ({info['base'] or 'none held'})."
        if place in info["connected"]:
            return f"Connected by road to the {faction} rear base ({info['base']})."
    return ""
