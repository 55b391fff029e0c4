"""Everything the map and the tables show for one view, as plain data (no Streamlit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from dashboard.core.geo.distance import distance_km as distance_table_km
from dashboard.core.geo.distance import distance_table, is_hostile, nearest_hostile
from dashboard.core.geo.geojson import iso
from dashboard.core.model import Model
from dashboard.core.schema import UNKNOWN, UNKNOWN_COLOR

RECENT_DAYS = 7
MAX_KM_LABELS = 6


def labels(model: Model) -> dict[str, str]:
    """Faction -> display label (plus 'unknown')."""
    out = dict(zip(model.data.factions["faction"], model.data.factions["label"], strict=True))
    out[UNKNOWN] = "Unknown"
    return out


def colors(model: Model) -> dict[str, str]:
    """Faction -> #RRGGBB (plus grey for 'unknown')."""
    out = dict(zip(model.data.factions["faction"], model.data.factions["color"], strict=True))
    out[UNKNOWN] = UNKNOWN_COLOR
    return out


def shown_state(model: Model, day: dt.date, factions: tuple[str, ...]) -> pd.DataFrame:
    """Control on ``day`` of the places held by the chosen factions (unknown always shown
    when every faction is chosen)."""
    state = model.state(day)
    keep = state["controller"].isin(factions)
    if set(factions) >= set(model.factions):
        keep |= state["controller"] == UNKNOWN
    return state[keep].reset_index(drop=True)


def bounds(model: Model) -> tuple[tuple[float, float], tuple[float, float]]:
    """The box holding every place, padded a little: the map opens showing them all."""
    lat, lon = model.data.places["lat"], model.data.places["lon"]
    south, north, west, east = (
        float(lat.min()),
        float(lat.max()),
        float(lon.min()),
        float(lon.max()),
    )
    pad_lat, pad_lon = max(0.1, (north - south) * 0.04), max(0.1, (east - west) * 0.04)
    return (south - pad_lat, west - pad_lon), (north + pad_lat, east + pad_lon)


def start_confidence(model: Model, state: pd.DataFrame) -> list[str]:
    """Confidence of the change that began each place's current holding ('' if unknown)."""
    runs = model.index.runs[["place", "start", "confidence"]].rename(
        columns={"confidence": "start_confidence"}
    )
    keyed = state[["place", "since"]].assign(
        start=pd.to_datetime(state["since"]).to_numpy().astype("datetime64[D]")
    )
    merged = keyed.merge(runs, on=["place", "start"], how="left")
    return merged["start_confidence"].fillna("").tolist()


def _since_text(since: str | None, confidence: str) -> str:
    if not since:
        return "no record yet"
    return since + (f" (start date {confidence})" if confidence in ("claimed", "disputed") else "")


def legend(
    model: Model, state: pd.DataFrame, shown_factions: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Legend rows of the chosen factions (and unknown): label, colour, places held."""
    counts = state["controller"].value_counts()
    names, cols = labels(model), colors(model)
    rows = [
        {"faction": f, "label": names[f], "color": cols[f], "places": int(counts.get(f, 0))}
        for f in [*model.factions, UNKNOWN]
        if f in shown_factions or (f == UNKNOWN and f in counts)
    ]
    return rows


def distances(state: pd.DataFrame, place: str) -> pd.DataFrame:
    """Shown places by km from ``place`` (geodesic), with controller and hostility."""
    if place not in set(state["place"]):
        return pd.DataFrame(columns=["place", "controller", "km", "hostile"])
    table = distance_table(state, place)
    own = str(state.loc[state["place"] == place, "controller"].iloc[0])
    table["hostile"] = [is_hostile(own, c) for c in table["controller"]]
    return table[["place", "controller", "since", "confidence", "km", "hostile", "lat", "lon"]]


def day_summary(model: Model, day: dt.date) -> tuple[list[str], list[str]]:
    """Sentences for the control rows dated exactly ``day``: (changes of hands, re-reports)."""
    names = labels(model)
    changes = model.index.changes
    today = changes[changes["day"] == np.datetime64(day, "D")]
    state = model.index.state(day).set_index("place")
    moved, repeated = [], []
    for row in today.itertuples():
        holder = names.get(row.controller, row.controller)
        flag = f" [{row.confidence}]" if row.confidence != "confirmed" else ""
        since = state.at[row.place, "since"]
        if pd.Timestamp(since).date() == day:
            previous = _previous(model, row.place, day)
            moved.append(f"{row.place}: {names.get(previous, previous)} → {holder}{flag}")
        else:
            repeated.append(f"{row.place} ({holder} since {iso(since)}){flag}")
    return moved, repeated


def _previous(model: Model, place: str, day: dt.date) -> str:
    runs = model.index.runs
    run = runs[(runs["place"] == place) & (runs["start"] == np.datetime64(day, "D"))]
    return str(run["previous"].iloc[0]) if len(run) else UNKNOWN


def change_days(model: Model) -> list[dt.date]:
    """Days on which any place changed hands, ascending."""
    return [pd.Timestamp(d).date() for d in model.index.change_days()]


def place_sentence(model: Model, day: dt.date, place: str) -> str:
    """One line answering who holds ``place`` on ``day``, since when, and how far it is
    from the dataset's reference place (km)."""
    reference = model.data.info.reference_place
    names = labels(model)
    row = model.state(day).set_index("place").loc[place]
    if row["controller"] == UNKNOWN:
        text = f"{place} on {day:%d %B %Y}: no control recorded yet."
    else:
        text = (
            f"{place} on {day:%d %B %Y}: held by {names.get(row['controller'], row['controller'])}"
        )
        start = start_confidence(model, model.state(day).loc[lambda s: s["place"] == place])[0]
        text += f" since {_since_text(iso(row['since']), start)}"
        if row["confidence"] != "confirmed":
            text += f" ({row['confidence']})"
        text += "."
    places = model.data.places.set_index("place")
    if reference in places.index and reference != place:
        a, b = places.loc[place], places.loc[reference]
        km = distance_table_km(a["lat"], a["lon"], b["lat"], b["lon"])
        text += f" {km:.1f} km from {reference} (geodesic)."
    return text


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
