"""Tab *History*: every change in the team ledger, newest first."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import data
from dashboard.ui.context import Context
from dashboard.ui.team import history_frame
from dashboard.ui.text import md_table

SHOWN = 200


def render(ctx: Context) -> None:
    """Tab *History*: every change in the team ledger, newest first."""
    entries = data.ledger_history(ctx.key)
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
    st.table(md_table(history_frame(entries[-SHOWN:]).set_index("at")))
