"""Import any spreadsheet (CSV) into Frontline's event table, with offline geocoding.

Columns are mapped by ``--map target=source``; rows that need a guess go to the review
report (:mod:`dashboard.core.ingest.review`).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from dashboard.core.errors import DataError, UsageError
from dashboard.core.ingest.geocode import Geocoder
from dashboard.core.ingest.names import Candidate
from dashboard.core.ingest.review import (
    DATE_HELP,
    ImportResult,
    Reasons,
    clip_text,
    parse_dates,
    quoted,
    review_frame,
    settle,
)
from dashboard.core.io.csvread import read_csv_file
from dashboard.core.schema import EVENT_COLUMNS

__all__ = [
    "GEOCODE_COLUMNS",
    "import_csv_file",
    "import_table",
    "parse_mapping",
    "resolve_mapping",
]

GEOCODE_COLUMNS = ("geocode_source", "place_as_written")


def parse_mapping(specs: str | Sequence[str]) -> dict[str, str]:
    """``["date=Date,place=Town", ...]`` → {canonical column: source column}.

    UsageError for a malformed pair, an unknown canonical column or a column mapped twice.
    """
    items = [specs] if isinstance(specs, str) else list(specs)
    mapping: dict[str, str] = {}
    for item in items:
        for pair in filter(None, (p.strip() for p in item.split(","))):
            target, sep, source = (part.strip() for part in pair.partition("="))
            if not sep or not target or not source:
                raise UsageError(
                    f"bad --map item {pair!r} (expected target=source, e.g. place=Town)"
                )
            if target not in EVENT_COLUMNS:
                raise UsageError(_unknown_target(target))
            if target in mapping:
                raise UsageError(f"--map gives {target!r} twice")
            mapping[target] = source
    return mapping


def _unknown_target(target: str) -> str:
    close = difflib.get_close_matches(target, EVENT_COLUMNS, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown target column {target!r} in --map{hint}; allowed: {', '.join(EVENT_COLUMNS)}"


def resolve_mapping(
    raw: pd.DataFrame, mapping: dict[str, str], path: str
) -> tuple[dict[str, str], list[str]]:
    """Check the source columns exist (names compared case-insensitively) and add canonical
    columns the sheet already has under their own name. Returns (mapping, auto-mapped)."""
    columns = [c for c in raw.columns if c != "_line"]
    missing = [
        f"{src!r} (for {dst})" for dst, src in mapping.items() if src.strip().lower() not in columns
    ]
    if missing:
        raise DataError.single(
            path,
            1,
            f"column(s) not found: {', '.join(missing)}; the file has: {', '.join(columns)}",
        )
    full = {dst: src.strip().lower() for dst, src in mapping.items()}
    used = set(full.values())
    auto = [c for c in EVENT_COLUMNS if c not in full and c in columns and c not in used]
    full.update({c: c for c in auto})
    for needed in ("date", "place"):
        if needed not in full:
            raise UsageError(f"map a column to {needed!r} (e.g. --map {needed}=YourColumn)")
    if "source_title" not in full and "source_url" not in full:
        raise UsageError("map source_title or source_url: every event needs a source")
    return full, auto


def import_table(
    raw: pd.DataFrame,
    path: str,
    mapping: dict[str, str],
    geocoder: Geocoder | None = None,
    country: str | None = None,
) -> ImportResult:
    """Convert a sheet (strings with ``_line``, as csvread gives) to the event table."""
    full, auto = resolve_mapping(raw, mapping, path)
    frame = pd.DataFrame(
        {col: _column(raw, full.get(col)) for col in EVENT_COLUMNS}, index=raw.index
    )
    frame["_line"] = raw["_line"]
    reasons = Reasons(frame.index)
    notes = [f"mapped by name: {', '.join(auto)}"] if auto else []
    _fill_ids(frame, Path(path).stem)
    _convert_dates(frame, reasons)
    notes += _default_confidence(frame)
    frame = frame.assign(geocode_source="", place_as_written=frame["place"])
    notes += _geocode(frame, reasons, geocoder or Geocoder.from_places_csv(None), country)
    frame = clip_text(frame, EVENT_COLUMNS)
    events, rejected = settle(frame[~reasons.flagged], path)
    flagged = pd.Series(
        reasons.text[reasons.flagged].to_numpy(), index=frame.loc[reasons.flagged, "_line"]
    )
    all_reasons = pd.concat([flagged, pd.Series(rejected, dtype=object)])
    review = review_frame(raw, all_reasons)
    return ImportResult(
        events.reset_index(drop=True), review, _counts(raw, events, review), tuple(notes)
    )


def _column(raw: pd.DataFrame, source: str | None) -> pd.Series:
    if source is None:
        return pd.Series("", index=raw.index, dtype=object)
    return raw[source].astype(str).str.strip()


def _fill_ids(frame: pd.DataFrame, stem: str) -> None:
    prefix = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-") or "row"
    empty = frame["event_id"] == ""
    frame.loc[empty, "event_id"] = prefix + "-" + frame.loc[empty, "_line"].astype(str)


def _convert_dates(frame: pd.DataFrame, reasons: Reasons) -> None:
    parsed = parse_dates(frame["date"])
    reasons.add(frame["date"] == "", "missing date")
    reasons.add(
        parsed.isna() & (frame["date"] != ""),
        "bad date " + quoted(frame["date"]) + f" ({DATE_HELP})",
    )
    frame["date"] = parsed.dt.strftime("%Y-%m-%d").fillna(frame["date"])
    frame["date_precision"] = frame["date_precision"].str.lower()


def _default_confidence(frame: pd.DataFrame) -> list[str]:
    frame["confidence"] = frame["confidence"].str.lower()
    unset = (frame["controller"] != "") & (frame["confidence"] == "")
    frame.loc[unset, "confidence"] = "claimed"
    return (
        [f"{int(unset.sum()):,} control rows gave no confidence: set to 'claimed'"]
        if unset.any()
        else []
    )


def _geocode(
    frame: pd.DataFrame, reasons: Reasons, geocoder: Geocoder, country: str | None
) -> list[str]:
    """Fill lat/lon of rows that give neither, by place name; refusals go to review."""
    todo = (frame["lat"] == "") & (frame["lon"] == "") & (frame["place"] != "")
    reasons.add(frame["place"] == "", "missing place")
    if not todo.any():
        return []
    names = frame.loc[todo, "place"].copy()
    matches = {name: geocoder.lookup(name, country) for name in pd.unique(names)}
    found = {name: m.best for name, m in matches.items() if m.best is not None}
    hit = todo & frame["place"].isin(list(found))
    written = frame.loc[hit, "place"].copy()
    for col, get in (
        ("lat", lambda c: f"{c.lat:.5f}"),
        ("lon", lambda c: f"{c.lon:.5f}"),
        ("place", lambda c: c.name),
        ("geocode_source", _provenance),
    ):
        frame.loc[hit, col] = written.map({n: get(c) for n, c in found.items()})
    refused = {name: m.reason for name, m in matches.items() if not m.ok}
    reasons.add(todo & ~hit, names.map(refused).reindex(frame.index).fillna(""))
    return [
        f"geocoded {len(found):,} of {len(matches):,} place names offline ({int(hit.sum()):,} rows)"
    ]


def _provenance(c: Candidate) -> str:
    """Where coordinates came from, e.g. ``places.csv`` or ``GeoNames 88319 (fuzzy 0.91)``."""
    base = "places.csv" if c.source == "places" else f"GeoNames {c.geonameid}"
    return base if c.score >= 1.0 else f"{base} (fuzzy {c.score:.2f})"


def _counts(
    raw: pd.DataFrame, events: pd.DataFrame, review: pd.DataFrame, merged: int = 0
) -> dict[str, int]:
    control = int((events["controller"] != "").sum()) if len(events) else 0
    return {
        "rows_read": len(raw),
        "merged_rows": merged,
        "events": len(events),
        "control_changes": control,
        "context_events": len(events) - control,
        "review_rows": len(review),
    }


def import_csv_file(
    path: str | os.PathLike[str],
    mapping: dict[str, str],
    geocoder: Geocoder | None = None,
    country: str | None = None,
) -> ImportResult:
    """:func:`import_table` on a CSV file."""
    return import_table(read_csv_file(Path(path)), str(path), mapping, geocoder, country)
