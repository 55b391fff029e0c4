"""Tab *Events*: every event up to the day at the shown places, newest first, with sources."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.core.ledger.merge import EDIT_COLUMNS
from dashboard.core.schema import is_http_link
from dashboard.ui import scene
from dashboard.ui.context import Context

COLUMNS = [
    "date",
    "place",
    "controller",
    "event_type",
    "confidence",
    "date_precision",
    "source_publisher",
    "source_kind",
    "source_title",
    "source_url",
    "notes",
]


def render(ctx: Context) -> None:
    """The events table (only http(s) sources become links)."""
    shown = set(scene.shown_state(ctx.model, ctx.day, ctx.factions)["place"])
    events = ctx.model.events_until(ctx.day)
    events = events[events["place"].isin(shown)]
    st.caption(f"{len(events)} events up to {ctx.day} (newest first) at the places shown")
    st.dataframe(events_frame(events), hide_index=True, column_config=_event_columns())


def events_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The shown columns; ``link`` holds the source URL only when it is an http(s) link."""
    frame = events[COLUMNS].copy()
    for col in EDIT_COLUMNS:  # team ledger rows: who saved them last, and when (UTC)
        if col in events.columns:
            frame[col] = events[col]
    frame["date"] = frame["date"].dt.date
    frame["link"] = frame["source_url"].where(frame["source_url"].map(is_http_link), None)
    return frame.drop(columns=["source_url"])


def _event_columns() -> dict[str, Any]:
    return {
        "link": st.column_config.LinkColumn("source link"),
        "controller": st.column_config.TextColumn("control (new)"),
        "source_kind": st.column_config.TextColumn("source kind"),
    }
