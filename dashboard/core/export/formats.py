"""Exports of the control state at a date (CSV, GeoJSON), in a registry of formats.

CSV goes through :mod:`dashboard.core.export.neutralise`. Formats live in a registry (:data:`FORMATS`) so other
layers can add one (the CLI adds ``html`` from the map builder) without touching this file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.core.errors import UsageError
from dashboard.core.export.neutralise import csv_bytes
from dashboard.core.geo.geojson import feature_collection, point
from dashboard.core.model import Model
from dashboard.core.schema import EVENT_COLUMNS

__all__ = [
    "check_factions",
    "event_lists",
    "EVENT_PROPERTIES",
    "events_csv_bytes",
    "events_path",
    "events_table",
    "export_bytes",
    "ExportFormat",
    "Factions",
    "feature_collection_at",
    "FORMATS",
    "geojson_bytes",
    "iso_dates",
    "register_format",
    "Renderer",
    "state_csv_bytes",
    "state_table",
]

EVENT_PROPERTIES = (
    "event_id",
    "date",
    "controller",
    "event_type",
    "confidence",
    "source_title",
    "source_publisher",
    "source_url",
    "notes",
)

Factions = Iterable[str] | None


def check_factions(model: Model, factions: Factions) -> list[str] | None:
    """The faction filter as a list (None = all); see :meth:`Model.check_factions`."""
    return model.check_factions(factions)


def state_table(model: Model, day: dt.date | str, factions: Factions = None) -> pd.DataFrame:
    """Control of every place on ``day`` as plain columns (ISO dates, '' when unknown).

    Columns: place, lat, lon, controller, since, confidence, date_precision, last_change, as_of.
    """
    state = model.state(day, check_factions(model, factions))
    return pd.DataFrame(
        {
            "place": state["place"].astype(str),
            "lat": state["lat"].astype(float).round(6),
            "lon": state["lon"].astype(float).round(6),
            "controller": state["controller"].astype(str),
            "since": iso_dates(state["since"]),
            "confidence": state["confidence"].fillna("").astype(str),
            "date_precision": state["date_precision"].fillna("").astype(str),
            "last_change": iso_dates(state["last_change"]),
            "as_of": str(pd.Timestamp(day).date()),
        }
    )


def iso_dates(values: pd.Series) -> Any:
    """ISO ``YYYY-MM-DD`` text of a date column, '' for missing (vectorised)."""
    text = pd.to_datetime(values).dt.strftime("%Y-%m-%d")
    return text.fillna("").to_numpy(dtype=object)


def events_table(
    model: Model, day: dt.date | str, places: Iterable[str] | None = None
) -> pd.DataFrame:
    """Every event dated on or before ``day`` (of ``places`` if given), oldest first.

    Columns: the event table's (schema.EVENT_COLUMNS), dates as ISO text.
    """
    events = model.events_until(day).sort_values(["date", "order"], kind="stable")
    if places is not None:
        events = events[events["place"].isin(list(places))]
    out = events[list(EVENT_COLUMNS)].copy()
    out["date"] = iso_dates(events["date"])
    return out.reset_index(drop=True)


def feature_collection_at(
    model: Model, day: dt.date | str, factions: Factions = None
) -> dict[str, Any]:
    """RFC 7946 FeatureCollection: one Point ([lon, lat]) per place with its state on ``day``.

    Properties: place, controller, since, confidence, date_precision, last_change, as_of,
    color, event_count and ``events`` — the place's events up to ``day``, oldest first.
    """
    state = state_table(model, day, factions)
    grouped = event_lists(model, day, state["place"])
    colors = {f: model.data.color(f) for f in pd.unique(state["controller"])}
    features = []
    for row in state.itertuples(index=False):
        listed = grouped.get(row.place, [])
        props = {
            "place": row.place,
            "controller": row.controller,
            "since": row.since or None,
            "confidence": row.confidence or None,
            "date_precision": row.date_precision or None,
            "last_change": row.last_change or None,
            "as_of": row.as_of,
            "color": colors[row.controller],
            "event_count": len(listed),
            "events": listed,
        }
        features.append(point(row.lat, row.lon, props))
    return feature_collection(features)


def event_lists(
    model: Model, day: dt.date | str, places: Iterable[str]
) -> dict[str, list[dict[str, Any]]]:
    """Each place's events up to ``day`` as JSON-ready dicts (EVENT_PROPERTIES, '' → None),
    built in one pass (:meth:`dashboard.core.model.Model.place_histories`)."""
    return model.place_histories(places, until=day, columns=EVENT_PROPERTIES, empty=None)


def geojson_bytes(model: Model, day: dt.date | str, factions: Factions = None) -> bytes:
    """:func:`feature_collection_at` as UTF-8 JSON bytes."""
    collection = feature_collection_at(model, day, factions)
    return json.dumps(collection, ensure_ascii=False, allow_nan=False).encode("utf-8")


def state_csv_bytes(model: Model, day: dt.date | str, factions: Factions = None) -> bytes:
    """:func:`state_table` as neutralised CSV bytes."""
    return csv_bytes(state_table(model, day, factions))


def events_csv_bytes(model: Model, day: dt.date | str, factions: Factions = None) -> bytes:
    """Events up to ``day`` (of the places the faction filter keeps) as neutralised CSV bytes."""
    places = state_table(model, day, factions)["place"]
    return csv_bytes(events_table(model, day, places))


Renderer = Callable[[Model, dt.date, list[str] | None], bytes]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name (``--format``), file suffix, media type and renderer."""

    name: str
    suffix: str
    media_type: str
    render: Renderer


FORMATS: dict[str, ExportFormat] = {}


def register_format(fmt: ExportFormat) -> None:
    """Add (or replace) an export format."""
    FORMATS[fmt.name] = fmt


register_format(ExportFormat("csv", ".csv", "text/csv", state_csv_bytes))
register_format(ExportFormat("geojson", ".geojson", "application/geo+json", geojson_bytes))


def export_bytes(model: Model, day: dt.date | str, fmt: str, factions: Factions = None) -> bytes:
    """The export of the state on ``day`` in format ``fmt`` (see :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (available: {', '.join(FORMATS)})")
    chosen = check_factions(model, factions)
    return FORMATS[fmt].render(model, pd.Timestamp(day).date(), chosen)


def events_path(out: str | os.PathLike[str]) -> Path:
    """Where ``export --events`` writes the events next to ``out``: ``NAME.events.csv``."""
    path = Path(out)
    return path.with_name(f"{path.stem}.events.csv")
