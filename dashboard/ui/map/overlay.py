"""What the map draws for one day from Python, as plain data: distance lines from the
selected place (km labels on the nearest few) and cut-off marks. No Streamlit here."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

__all__ = ["MAX_KM_LABELS", "overlay"]

MAX_KM_LABELS = 6


def overlay(
    day: dt.date,
    state: pd.DataFrame,
    place: str | None,
    table: pd.DataFrame | None,
    cut_off: list[tuple[float, float, str]],
) -> dict[str, Any]:
    """What the map draws for one day from Python: distance lines from ``place`` (km
    labels on the nearest few and the nearest hostile place) and cut-off marks. Texts
    are plain (the browser sets them as text)."""
    lines: list[dict[str, Any]] = []
    if place and table is not None and len(table) and place in set(state["place"]):
        origin = state.loc[state["place"] == place].iloc[0]
        start = [round(float(origin["lat"]), 5), round(float(origin["lon"]), 5)]
        first_hostile = next((r.place for r in table.itertuples() if r.hostile), None)
        for rank, row in enumerate(table.itertuples()):
            labelled = rank < MAX_KM_LABELS or row.place == first_hostile
            lines.append(
                {
                    "from": start,
                    "to": [round(float(row.lat), 5), round(float(row.lon), 5)],
                    "hostile": bool(row.hostile),
                    "label": f"{row.km:.0f} km" if labelled else "",
                }
            )
    cut = [{"lat": lat, "lon": lon, "title": title} for lat, lon, title in cut_off]
    return {"day": day.isoformat(), "lines": lines, "cut": cut}
