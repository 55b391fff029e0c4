"""Exports of the control state at a date (CSV, GeoJSON) and the CSV formula neutraliser.

Every exported CSV (downloads, ``export``, review reports) goes through :func:`csv_text`,
which neutralises cells that a spreadsheet would run as a formula. Data files (saved
edits, converted uploads and imports) keep their text exactly: they are written with
:func:`dashboard.core.csvread.data_csv_text` and neutralised only when exported. Formats live in a registry (:data:`FORMATS`) so other
layers can add one (the CLI adds ``html`` from the map builder) without touching this file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dashboard.core.atomic import atomic_write_text
from dashboard.core.geojson import feature_collection, point
from dashboard.core.model import Model
from dashboard.core.schema import EVENT_COLUMNS

FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""First characters that make Excel, LibreOffice or Google Sheets evaluate a cell."""
LEADING_BLANKS = " \t\r\n"
"""Characters a spreadsheet skips before it looks for a formula trigger."""
PLAIN_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
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


def neutralise_cell(value: object) -> str:
    """A cell as text, prefixed with ``'`` when a spreadsheet would run it as a formula.

    Plain numbers stay numbers (a negative longitude must not turn into text); only text that
    starts with ``= + - @``, a tab or a carriage return (or their full-width forms), also
    after leading spaces or tabs, is changed.

    Examples
    --------
    >>> neutralise_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_cell("-5.3"), neutralise_cell(-5.3), neutralise_cell("2020-05-31")
    ('-5.3', '-5.3', '2020-05-31')
    >>> neutralise_cell("-1+2"), neutralise_cell("  =1+1")
    ("'-1+2", "'  =1+1")
    """
    text = "" if value is None else str(value)
    if isinstance(value, str) and _risky(text):
        if not re.fullmatch(PLAIN_NUMBER, text.lstrip(LEADING_BLANKS)):
            return "'" + text
    return text


def _risky(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (before the number check)."""
    return text.startswith(FORMULA_TRIGGERS) or text.lstrip(LEADING_BLANKS).startswith(
        FORMULA_TRIGGERS
    )


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` with formula-like text cells (and column names) neutralised.

    Numeric, boolean and date columns are left alone; in text columns plain numbers stay.
    """
    out = frame.copy()
    for col in out.columns:
        text = _text_cells(out[col])
        if text is None:
            continue
        stripped = text.str.lstrip(LEADING_BLANKS)
        risky = text.str.startswith(FORMULA_TRIGGERS) | stripped.str.startswith(FORMULA_TRIGGERS)
        risky = risky.fillna(False).astype(bool)
        if risky.any():
            number = stripped.str.fullmatch(PLAIN_NUMBER).fillna(False).astype(bool)
            mask = (risky & ~number).to_numpy()
            column = out[col].astype(object)
            column[mask] = "'" + text[mask].astype(object)
            out[col] = column
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


def _text_cells(values: pd.Series) -> pd.Series | None:
    """The column with its text cells (others None), or None when it holds no text."""
    if isinstance(values.dtype, pd.StringDtype):
        return values
    if not pd.api.types.is_object_dtype(values):
        return None  # numbers, booleans, dates
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind == "string":
        return values.astype("str")
    objects = values.astype(object)
    is_text = np.fromiter((isinstance(v, str) for v in objects), bool, len(objects))
    return objects.where(is_text, None).astype("str") if is_text.any() else None


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV text (no index, ``\\n`` line ends), formula cells neutralised."""
    return neutralise_frame(frame).to_csv(index=False, lineterminator="\n")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """:func:`csv_text` as UTF-8 bytes, e.g. for a download button."""
    return csv_text(frame).encode("utf-8")


def write_csv(path: str | os.PathLike[str], frame: pd.DataFrame) -> None:
    """Write ``frame`` as a neutralised CSV file, atomically."""
    atomic_write_text(path, csv_text(frame))


def check_factions(model: Model, factions: Factions) -> list[str] | None:
    """The faction filter as a list (None = all); ValueError naming unknown factions."""
    if factions is None:
        return None
    chosen = list(factions)
    unknown = [f for f in chosen if f not in model.factions]
    if unknown:
        known = ", ".join(model.factions)
        raise ValueError(f"unknown faction(s): {', '.join(unknown)} (known: {known})")
    return chosen


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


def iso_dates(values: pd.Series) -> np.ndarray:
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
    listed = event_lists(model, day, state["place"])
    colors = {f: model.data.color(f) for f in pd.unique(state["controller"])}
    features = []
    for row in state.itertuples(index=False):
        events = listed.get(row.place, [])
        props = {
            "place": row.place,
            "controller": row.controller,
            "since": row.since or None,
            "confidence": row.confidence or None,
            "date_precision": row.date_precision or None,
            "last_change": row.last_change or None,
            "as_of": row.as_of,
            "color": colors[row.controller],
            "event_count": len(events),
            "events": events,
        }
        features.append(point(row.lat, row.lon, props))
    return feature_collection(features)


def event_lists(
    model: Model, day: dt.date | str, places: Iterable[str]
) -> dict[str, list[dict[str, Any]]]:
    """Each place's events up to ``day`` as JSON-ready dicts (EVENT_PROPERTIES, '' → None)."""
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
        raise ValueError(f"unknown export format {fmt!r} (available: {', '.join(FORMATS)})")
    chosen = check_factions(model, factions)
    return FORMATS[fmt].render(model, pd.Timestamp(day).date(), chosen)


def events_path(out: str | os.PathLike[str]) -> Path:
    """Where ``export --events`` writes the events next to ``out``: ``NAME.events.csv``."""
    path = Path(out)
    return path.with_name(f"{path.stem}.events.csv")
