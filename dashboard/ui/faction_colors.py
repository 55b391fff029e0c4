"""The upload's faction colours: one colour picker per faction, kept for the session.

The table itself is computed in the core (:func:`dashboard.core.colors.faction_table`:
the uploaded factions file, automatic colours for what it leaves out, then the choices
made here); this module only shows the pickers and passes the choices in. A choice is
kept until another factions file is loaded or *Reset* is pressed.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.core.colors import color_warnings, faction_table, normalise_color
from dashboard.ui.text import md_text

CHOSEN = "_faction_colors"  # {faction: "#RRGGBB"} the user picked this session
FILE = "_faction_colors_file"  # which factions file the choices were made over
ROUND = "_faction_colors_round"  # part of the pickers' keys: a new round shows fresh pickers


def color_table(used: tuple[str, ...], listed: pd.DataFrame | None, file_id: str) -> pd.DataFrame:
    """The sidebar's *Faction colours* expander for the upload's factions ``used``; returns
    the effective colour table (with ``origin``). ``listed`` holds the uploaded factions
    file's rows (None without one) and ``file_id`` names that file's content."""
    state = st.session_state
    if state.get(FILE) != file_id:  # another factions file: its colours, not older choices
        state[CHOSEN], state[FILE] = {}, file_id
        state[ROUND] = state.get(ROUND, 0) + 1
    base = faction_table(listed, used, keep_unused=False)
    defaults = dict(zip(base["faction"], base["color"], strict=True))
    chosen = {f: c for f, c in state.get(CHOSEN, {}).items() if f in defaults}
    table = faction_table(listed, used, chosen, keep_unused=False)
    with st.sidebar.expander("Faction colours", expanded=False):
        st.caption("Colours of the uploaded data's factions on the map, legend and charts.")
        for row in table.itertuples():
            key = f"_fc{state.get(ROUND, 0)}:{row.faction}"
            label = row.label if row.label == row.faction else f"{row.label} ({row.faction})"
            st.color_picker(
                md_text(label),
                value=row.color,
                key=key,
                on_change=_pick,
                args=(row.faction, key, defaults[row.faction]),
                help=f"From the {_origin(row.origin)}.",
            )
        if listed is not None:
            unused = sorted(set(listed["faction"]) - set(defaults))
            if unused:
                st.caption(
                    "In the factions file but not in the data: "
                    + ", ".join(md_text(f) for f in unused)
                )
        if chosen:
            st.button("Reset the colours", on_click=_reset, key="faction_colors_reset")
    return table


def _origin(origin: str) -> str:
    return {"file": "factions file", "automatic": "automatic palette"}.get(origin, "your choice")


def _pick(faction: str, key: str, default: str) -> None:
    """A picker changed: keep the choice (a choice of the default colour is no choice)."""
    color = normalise_color(st.session_state.get(key))
    chosen = dict(st.session_state.get(CHOSEN, {}))
    if color is None or color == default:
        chosen.pop(faction, None)
    else:
        chosen[faction] = color
    st.session_state[CHOSEN] = chosen


def _reset() -> None:
    st.session_state[CHOSEN] = {}
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1


def show_warnings(table: pd.DataFrame) -> None:
    """A visible warning in the main area for each colour that is hard to read on the map
    (not refused: the colour is used as chosen)."""
    lines = color_warnings(table)
    if lines:
        listed = "\n".join(f"- {md_text(line)}" for line in lines)
        st.warning(f"Some faction colours are hard to read on the map:\n\n{listed}")
