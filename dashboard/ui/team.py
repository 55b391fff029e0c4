"""The team ledger's history as tables: who changed what, when and why (the History tab
and the place panel show it)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.ui import data
from dashboard.ui.data import Key
from dashboard.ui.text import md_table

COLUMNS = ["at", "by", "action", "event_id", "date", "place", "controller", "reason"]


def history_frame(entries: list[dict[str, Any]]) -> pd.DataFrame:
    """History entries (newest first) as a table: the row after the change, else before."""
    rows = []
    for e in reversed(entries):
        row = e["after"] or e["before"] or {}
        rows.append({**{k: e[k] for k in ("at", "by", "action", "event_id", "reason")},
                     **{k: row.get(k, "") for k in ("date", "place", "controller")}})  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)


def team_changes(key: Key, place: str) -> None:
    """The team's changes to one place's events (a few lines in the place panel)."""
    entries = data.ledger_history(key) or []
    mine = [
        e
        for e in entries
        if place in {(e["after"] or {}).get("place"), (e["before"] or {}).get("place")}
    ]
    if not mine:
        return
    st.markdown("**Team changes**")
    frame = history_frame(mine)[["at", "by", "action", "event_id", "controller", "reason"]]
    st.table(md_table(frame.set_index("at")))
