"""The History tab and the team changes in the place panel: who changed what, when, why."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.core.model import Model
from dashboard.ui import data

SHOWN = 200
COLUMNS = ["at", "by", "action", "event_id", "date", "place", "controller", "reason"]


def history_frame(entries: list[dict[str, Any]]) -> pd.DataFrame:
    """History entries (newest first) as a table: the row after the change, else before."""
    rows = []
    for e in reversed(entries):
        row = e["after"] or e["before"] or {}
        rows.append({**{k: e[k] for k in ("at", "by", "action", "event_id", "reason")},
                     **{k: row.get(k, "") for k in ("date", "place", "controller")}})  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)


def history_tab(model: Model) -> None:
    """Every change in the team ledger, newest first."""
    entries = data.ledger_history(data.model_key(model))
    if entries is None:
        st.info("This data folder has no team ledger yet: nobody has saved a change.")
        return
    st.caption(
        f"{len(entries)} change{'' if len(entries) == 1 else 's'} by the team, newest first (times in UTC)"
        + (
            f"; the latest {SHOWN} are shown (`python -m dashboard history` lists all)."
            if len(entries) > SHOWN
            else "."
        )
    )
    st.table(history_frame(entries[-SHOWN:]).set_index("at"))


def place_history(model: Model, place: str) -> None:
    """The team's changes to one place's events (a few lines in the place panel)."""
    entries = data.ledger_history(data.model_key(model)) or []
    mine = [
        e
        for e in entries
        if place in {(e["after"] or {}).get("place"), (e["before"] or {}).get("place")}
    ]
    if not mine:
        return
    st.markdown("**Team changes**")
    frame = history_frame(mine)[["at", "by", "action", "event_id", "controller", "reason"]]
    st.table(frame.set_index("at"))
