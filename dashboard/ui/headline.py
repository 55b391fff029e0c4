"""The lines above the map: the day's changes, the selected place, and the legend."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from dashboard.core.model import Model
from dashboard.ui import scene
from dashboard.ui.popups import esc


def day_line(model: Model, day: dt.date) -> None:
    """What changed hands on ``day`` and which holdings were re-reported (escaped HTML)."""
    moved, repeated = scene.day_summary(model, day)
    title = f"<b>{day:%A %d %B %Y}</b>"
    if moved:
        text = f"{title} — changed hands: " + "; ".join(esc(c) for c in moved)
    else:
        text = f"{title} — no change of control recorded on this day."
    if repeated:
        text += (
            "<br><small>Control re-reported: " + "; ".join(esc(c) for c in repeated) + "</small>"
        )
    st.markdown(f'<div data-testid="fl-day">{text}</div>', unsafe_allow_html=True)


def place_line(model: Model, day: dt.date, place: str) -> None:
    """Who holds the selected place on ``day``, since when, and how far it is."""
    st.markdown(
        f'<div data-testid="fl-place">{esc(scene.place_sentence(model, day, place))}</div>',
        unsafe_allow_html=True,
    )


def legend(layer_data: dict[str, Any]) -> None:
    """The legend: each shown faction's colour and place count, and how many are shown."""
    items = "".join(
        f'<span class="fl-legend" style="margin-right:1.2em;white-space:nowrap">'
        f'<span style="display:inline-block;width:12px;height:12px;border-radius:6px;'
        f'background:{esc(row["color"])};border:1px solid #333;margin-right:4px"></span>'
        f"{esc(row['label'])}: <b>{row['places']}</b></span>"
        for row in layer_data["legend"]
    )
    note = "dashed outline = claimed, dotted = disputed, black ring = changed in the last 7 days"
    st.markdown(
        f'<div data-testid="fl-legend">{items}<br><small>Showing {layer_data["shown"]} of '
        f"{layer_data['total']} places · {note}</small></div>",
        unsafe_allow_html=True,
    )
