"""The panel beside the map: the selected place's holder, nearest enemy, supply and history."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.ui import data, popups, scene
from dashboard.ui.context import Context
from dashboard.ui.mapframe import set_day
from dashboard.ui.popups import esc, md
from dashboard.ui.team import team_changes

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
        model = ctx.model
        st.markdown(
            f'<div data-testid="fl-place">{esc(scene.place_sentence(model, ctx.day, place))}</div>',
            unsafe_allow_html=True,
        )
        _holdings(ctx, place)
        st.markdown(md(supply_sentence(ctx, place)) or " ")
        nearest = nearest_text(place, ctx.dist)
        if nearest:
            st.markdown(nearest)
        history = popups.history_html(
            place, model.place_events(place), scene.labels(model), ctx.day
        )
        st.markdown(history, unsafe_allow_html=True)
        team_changes(ctx.key, place)


def _holdings(ctx: Context, place: str) -> None:
    """Who held the place when, each start date a button that shows that day on the map."""
    st.caption(scene.holdings_line(ctx.model, place))
    with st.container(horizontal=True, key="holding_days"):
        for k, (label, start) in enumerate(scene.holdings(ctx.model, place)):
            st.button(
                f"{start:%d %b %Y}",
                key=f"holding_{k}",
                help=f"Show {start:%d %B %Y} on the map ({label} from this day)",
                on_click=set_day,
                args=(start,),
                type="tertiary",
            )


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
