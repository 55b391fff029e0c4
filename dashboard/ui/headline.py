"""The lines around the map: the title bar above it, and below it the day the page shows."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.core.model import Model
from dashboard.ui import scene
from dashboard.ui.text import esc

COMPACT_CSS = """
<style>
.block-container { padding: 2.6rem 1.5rem 1rem; max-width: none; }
.fl-title { font: 600 1.15rem/1.6rem system-ui, sans-serif; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; margin: 0; }
.fl-title small { font-weight: 400; color: #555; }
</style>
"""


def title(model: Model) -> None:
    """One compact line above the map (its height never changes, so the map never moves)."""
    st.markdown(COMPACT_CSS, unsafe_allow_html=True)
    name = model.data.info.title or "your data"
    st.markdown(
        f'<div class="fl-title">Frontline <small>· who controls what, and since when · '
        f"{esc(name)}</small></div>",
        unsafe_allow_html=True,
    )


def day_line(model: Model, day: dt.date, factions: tuple[str, ...]) -> None:
    """The line under the map: the day the panel, tables and charts show (it follows the
    map when the user lets go of the range), what changed hands, what is first recorded, and
    the places shown."""
    moved, first, repeated = scene.day_summary(model, day)
    shown = len(scene.shown_state(model, day, factions))
    head = f"<b>{day:%A %d %B %Y}</b>"
    if moved:
        text = f"{head} — changed hands: " + "; ".join(esc(c) for c in moved)
    else:
        text = f"{head} — no change of control recorded on this day."
    for label, items in (("First record", first), ("Control re-reported", repeated)):
        if items:
            text += f"<br><small>{label}: " + "; ".join(esc(c) for c in items) + "</small>"
    st.markdown(
        f'<div data-testid="fl-day" data-day="{day.isoformat()}"><small>Panel, tables and '
        f"charts show {text} · showing {shown} of {len(model.data.places)} places</small></div>",
        unsafe_allow_html=True,
    )
