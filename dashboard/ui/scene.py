"""What the tables and the place panel show for one view, as plain data (no Streamlit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from dashboard.core import words
from dashboard.core.geo.distance import distance_table, is_hostile, nearest_hostile
from dashboard.core.geo.geojson import iso
from dashboard.core.model import Model
from dashboard.core.schema import UNKNOWN, UNKNOWN_COLOR


def labels(model: Model, lang: str = "en") -> dict[str, str]:
    """Faction -> display label in ``lang`` (plus 'unknown'; :func:`words.faction_labels`)."""
    table = model.data.factions
    translated = table["label_ar"] if "label_ar" in table else None
    return words.faction_labels(table["faction"], table["label"], translated, lang, UNKNOWN)


def colors(model: Model) -> dict[str, str]:
    """Faction -> #RRGGBB (plus grey for 'unknown')."""
    out = dict(zip(model.data.factions["faction"], model.data.factions["color"], strict=True))
    out[UNKNOWN] = UNKNOWN_COLOR
    return out


def shows_unknown(model: Model, factions: tuple[str, ...]) -> bool:
    """Whether places of no known holder are shown: only when every faction is chosen."""
    return set(factions) >= set(model.factions)


def faction_filter(model: Model, factions: tuple[str, ...]) -> dict[str, Any]:
    """The faction filter as the browser map takes it: the holders shown (``visible``)
    and whether places of no known holder are (``show_unknown``)."""
    return {"visible": list(factions), "show_unknown": shows_unknown(model, factions)}


def shown_state(model: Model, day: dt.date, factions: tuple[str, ...]) -> pd.DataFrame:
    """Control on ``day`` of the places held by the chosen factions (unknown always shown
    when every faction is chosen)."""
    state = model.state(day)
    keep = state["controller"].isin(factions)
    if shows_unknown(model, factions):
        keep |= state["controller"] == UNKNOWN
    return state[keep].reset_index(drop=True)


def distances(state: pd.DataFrame, place: str) -> pd.DataFrame:
    """Shown places by km from ``place`` (geodesic), with controller and hostility."""
    if place not in set(state["place"]):
        return pd.DataFrame(columns=["place", "controller", "km", "hostile"])
    table = distance_table(state, place)
    own = str(state.loc[state["place"] == place, "controller"].iloc[0])
    table["hostile"] = [is_hostile(own, c) for c in table["controller"]]
    return table[["place", "controller", "since", "confidence", "km", "hostile", "lat", "lon"]]


def day_summary(model: Model, day: dt.date) -> tuple[list[str], list[str], list[str]]:
    """Sentences for the control rows dated exactly ``day``: (changes of hands, first
    records of a place, re-reports). A first record is no change: nothing earlier says who
    held the place."""
    names = labels(model)
    changes = model.index.changes
    today = changes[changes["day"] == np.datetime64(day, "D")]
    today = today[today["controller"] != UNKNOWN]  # a minority date of a later holding
    state = model.index.state(day).set_index("place")
    before = _previous(model, day)
    moved, first, repeated = [], [], []
    for row in today.itertuples():
        holder = names.get(row.controller, row.controller)
        flag = f" [{row.confidence}]" if row.confidence != "confirmed" else ""
        since = state.at[row.place, "since"]
        if pd.Timestamp(since).date() != day:
            repeated.append(f"{row.place} ({holder} since {iso(since)}){flag}")
            continue
        previous = before.get(row.place, UNKNOWN)
        if previous == UNKNOWN:
            first.append(f"{row.place}: {holder}{flag}")
        else:
            moved.append(f"{row.place}: {names.get(previous, previous)} → {holder}{flag}")
    return moved, first, repeated


def _previous(model: Model, day: dt.date) -> dict[str, str]:
    """Place -> its holder before the run that starts on ``day`` (one pass over the runs,
    not one per changed place: an upload can change thousands of places on one day)."""
    runs = model.index.runs
    run = runs[runs["start"] == np.datetime64(day, "D")].drop_duplicates("place")
    return {str(p): str(v) for p, v in zip(run["place"], run["previous"], strict=True)}


def compare(
    model: Model,
    earlier: dt.date,
    later: dt.date,
    factions: tuple[str, ...],
) -> dict[str, Any]:
    """Places that changed hands between two days, and the change in front distance from
    the dataset's reference place."""
    target = model.data.info.reference_place
    names = labels(model)
    a = model.state(earlier).set_index("place")["controller"]
    b = model.state(later).set_index("place")["controller"]
    moved = [p for p in b.index if a[p] != b[p] and (a[p] in factions or b[p] in factions)]
    changed = [
        {"place": p, "from": names.get(a[p], a[p]), "to": names.get(b[p], b[p])} for p in moved
    ]
    front = ""
    if target is not None and target in b.index:
        before = nearest_hostile(model.state(earlier), target)
        after = nearest_hostile(model.state(later), target)
        if before is not None and after is not None:
            front = (
                f"Nearest hostile-held place to {target}: {before['place']} at {before['km']:.1f} km on {earlier} → "
                f"{after['place']} at {after['km']:.1f} km on {later} ({after['km'] - before['km']:+.1f} km)."
            )
    return {"changed": changed, "front": front}


def holdings(model: Model, place: str) -> list[tuple[str, dt.date]]:
    """Who held ``place`` from when, oldest first: (holder label, first day)."""
    names = labels(model)
    runs = model.index.timeline(place)
    return [
        (names.get(r.controller, r.controller), pd.Timestamp(r.start).date())
        for r in runs.itertuples()
    ]


def holdings_line(model: Model, place: str) -> str:
    """One line: "LNA 4 Apr 2019 → GNA 26 Jun 2019 → …" (plain text)."""
    parts = [f"{label} {start.day} {start:%b %Y}" for label, start in holdings(model, place)]
    return " → ".join(parts) if parts else "no control recorded"
