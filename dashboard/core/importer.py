"""Import any spreadsheet (CSV) into Frontline's event table, with offline geocoding.

Rows that cannot be converted without guessing (bad date, unknown or ambiguous place, a rule
of the event table broken) are not dropped silently: they go to a review report — the
original row plus a ``reason`` column. Shared by the ACLED importer (:mod:`.acled`).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core.csvread import data_csv_text, decode_csv_bytes, read_csv_file, read_csv_text
from dashboard.core.export import csv_text
from dashboard.core.geocode import Candidate, Geocoder
from dashboard.core.schema import EVENT_COLUMNS, DataError, Problem
from dashboard.core.validate import MAX_FIELD, validate_events

DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")
DATE_HELP = "expected 2020-05-31, 31-05-2020 or 31 May 2020"
REASON = "reason"
GEOCODE_COLUMNS = ("geocode_source", "place_as_written")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ImportResult:
    """Converted events (canonical columns first, then extras), rows for review, counts."""

    events: pd.DataFrame
    review: pd.DataFrame
    counts: dict[str, int]
    notes: tuple[str, ...] = field(default=())

    def events_csv(self) -> str:
        """The event table as CSV text, cells unchanged (drops the internal ``_line``)."""
        return data_csv_text(self.events.drop(columns=["_line"], errors="ignore"))

    def review_csv(self) -> str:
        """The review report as neutralised CSV text."""
        return csv_text(self.review)

    def events_bytes(self) -> bytes:
        """:meth:`events_csv` as UTF-8 bytes (for a download button)."""
        return self.events_csv().encode("utf-8")

    def review_bytes(self) -> bytes:
        """:meth:`review_csv` as UTF-8 bytes."""
        return self.review_csv().encode("utf-8")

    def summary_lines(self) -> list[str]:
        """Human summary: rows read, control changes, context events, rows for review."""
        c = self.counts
        lines = [f"read {c['rows_read']:,} rows"]
        if c.get("merged_rows"):
            lines[0] += f" ({c['merged_rows']:,} duplicate rows of monadic events merged"
            old = c.get("superseded_rows", 0)
            lines[0] += f", {old:,} of them older revisions)" if old else ")"
        lines.append(
            f"{c['events']:,} events: {c['control_changes']:,} control changes, "
            f"{c['context_events']:,} context events"
        )
        lines.append(f"{c['review_rows']:,} rows for review")
        return lines + list(self.notes)


def review_path(out: str | os.PathLike[str]) -> Path:
    """The review report next to ``out``: ``NAME.review.csv``."""
    path = Path(out)
    return path.with_name(f"{path.stem}.review.csv")


class Reasons:
    """Per-row review reasons, collected from boolean masks (vectorised)."""

    def __init__(self, index: pd.Index):
        self.text = pd.Series("", index=index, dtype=object)

    def add(self, mask: pd.Series | np.ndarray, message: str | pd.Series) -> None:
        """Append ``message`` (text, or one text per row) to the rows where ``mask`` holds."""
        hit = pd.Series(mask, index=self.text.index).fillna(False).astype(bool)
        if not hit.any():
            return
        msg = (
            message if isinstance(message, pd.Series) else pd.Series(message, index=self.text.index)
        )
        old = self.text[hit]
        self.text[hit] = old + np.where(old == "", "", "; ") + msg[hit].astype(str)

    @property
    def flagged(self) -> pd.Series:
        """True for rows with at least one reason."""
        return self.text != ""


def parse_dates(text: pd.Series) -> pd.Series:
    """Dates in any of :data:`DATE_FORMATS`, detected per row; NaT where none fits.

    Examples
    --------
    >>> parse_dates(pd.Series(["2020-05-31", "31-05-2020", "31 May 2020", "31/5"])).dt.day.tolist()
    [31.0, 31.0, 31.0, nan]
    """
    clean = text.astype(str).str.strip()
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for fmt in DATE_FORMATS:
        todo = out.isna() & (clean != "")
        if not todo.any():
            break
        out[todo] = pd.to_datetime(clean[todo], format=fmt, errors="coerce")
    return out


def quoted(values: pd.Series, width: int = 60) -> pd.Series:
    """repr()-style quoting of text values for messages, shortened to ``width``."""
    short = values.astype(str).str.slice(0, width)
    return "'" + short.str.replace("'", "\\'", regex=False) + "'"


def clip_text(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Shorten text longer than the event table allows (validate.MAX_FIELD) with '…'."""
    for col in columns:
        long = frame[col].str.len() > MAX_FIELD
        if long.any():
            frame.loc[long, col] = frame.loc[long, col].str.slice(0, MAX_FIELD - 1) + "…"
    return frame


def settle(events: pd.DataFrame, path: str) -> tuple[pd.DataFrame, dict[int, str]]:
    """Run the event-table validator on ``events`` (strings with ``_line``); rows it rejects
    are taken out, with its message, so that the rest is guaranteed to load.

    Returns (accepted events, {file line: reason}).
    """
    rejected: dict[int, str] = {}
    for _ in range(3):
        if events.empty:
            return events, rejected
        try:
            validate_events(events[[*EVENT_COLUMNS, "_line"]], path)
            return events, rejected
        except DataError as err:
            bad = _row_problems(err.problems)
            for line, message in bad.items():
                rejected[line] = (rejected[line] + "; " if line in rejected else "") + message
            events = events[~events["_line"].isin(list(bad))]
    raise DataError.single(path, 0, "internal error: converted rows still fail validation")


def _row_problems(problems: Sequence[Problem]) -> dict[int, str]:
    file_level = [p for p in problems if p.line <= 1]
    if file_level:
        raise DataError(list(file_level))
    found: dict[int, str] = {}
    for p in problems:
        found[p.line] = (found[p.line] + "; " if p.line in found else "") + p.message
    return found


def review_frame(raw: pd.DataFrame, reasons: pd.Series) -> pd.DataFrame:
    """Original rows of ``raw`` (by ``_line``) named in ``reasons`` ({line: reason}), with
    a ``reason`` column, in file order."""
    rows = raw[raw["_line"].isin(list(reasons.index))].copy()
    rows[REASON] = rows["_line"].map(reasons).fillna("").astype(str)
    return rows.drop(columns=["_line"]).reset_index(drop=True)


# --- generic spreadsheet import -------------------------------------------------------------


def parse_mapping(specs: str | Sequence[str]) -> dict[str, str]:
    """``["date=Date,place=Town", ...]`` → {canonical column: source column}.

    ValueError for a malformed pair, an unknown canonical column or a column mapped twice.
    """
    items = [specs] if isinstance(specs, str) else list(specs)
    mapping: dict[str, str] = {}
    for item in items:
        for pair in filter(None, (p.strip() for p in item.split(","))):
            target, sep, source = (part.strip() for part in pair.partition("="))
            if not sep or not target or not source:
                raise ValueError(
                    f"bad --map item {pair!r} (expected target=source, e.g. place=Town)"
                )
            if target not in EVENT_COLUMNS:
                raise ValueError(_unknown_target(target))
            if target in mapping:
                raise ValueError(f"--map gives {target!r} twice")
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
            raise ValueError(f"map a column to {needed!r} (e.g. --map {needed}=YourColumn)")
    if "source_title" not in full and "source_url" not in full:
        raise ValueError("map source_title or source_url: every event needs a source")
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


def import_csv_bytes(
    raw: bytes,
    name: str,
    mapping: dict[str, str],
    geocoder: Geocoder | None = None,
    country: str | None = None,
) -> ImportResult:
    """:func:`import_table` on uploaded bytes (``name`` is used in messages and event ids)."""
    return import_table(
        read_csv_text(decode_csv_bytes(raw, name), name), name, mapping, geocoder, country
    )
