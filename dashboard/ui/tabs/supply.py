"""Tab *Supply*: which places can reach their faction's rear base by road."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import data, scene
from dashboard.ui.context import Context
from dashboard.ui.text import md

METHOD = (
    "A place is connected when a road path joins it to its faction's rear base through "
    "places the faction holds or neutral towns (roads are schematic straight links between "
    "places; a place missing from the gazetteer can hide a real route)."
)
NO_REAR_BASES = (
    "This dataset names no rear bases, so there is nothing to measure supply lines to. "
    "List each faction's rear bases under [rear_bases] in the data folder's dataset.toml "
    '(for example: North = ["Capital"]).'
)


def render(ctx: Context) -> None:
    """Per shown faction: its rear base, how many places are connected and which are cut off."""
    st.caption(METHOD)
    supply = data.supply_data(ctx.key, ctx.day)
    if not supply:
        st.info(NO_REAR_BASES)
        return
    labels = scene.labels(ctx.model)
    for faction in ctx.factions:
        info = supply.get(faction)
        if not info:
            continue
        cut = ", ".join(info["cut_off"]) or "none"
        st.markdown(
            f"**{md(labels.get(faction, faction))}** — rear base: {md(info['base'] or 'none held')}; "
            f"connected: {len(info['connected'])}; cut off: {md(cut)}"
        )
