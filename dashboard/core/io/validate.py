"""Validate an event table read as strings, and convert it to typed columns.

Every rule reports ``path:line: message``; all problems are collected, not just the first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from dashboard.core.errors import DataError, Problem
from dashboard.core.io.gazetteer import Gazetteer
from dashboard.core.io.kinds import check_kinds
from dashboard.core.schema import (
    CONFIDENCES,
    DATE_PRECISIONS,
    EVENT_COLUMNS,
    REQUIRED_COLUMNS,
    UNKNOWN,
    is_http_link,
)

__all__ = ["CONTROL_CHARACTER", "ISO_DATE", "MAX_FIELD", "Reporter", "same_day_clashes",
           "validate_events"]  # fmt: skip

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
FIRST_DAY, LAST_DAY = "1678-01-01", "2261-12-31"  # what a nanosecond date column can hold
MAX_FIELD = 10_000
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 controls but tab and line breaks, DEL and C1 controls (ESC, CSI: terminal escapes)."""


def validate_events(
    raw: pd.DataFrame,
    path: str,
    gazetteer: Gazetteer | None = None,
    max_problems: int | None = None,
    check_time: Callable[[str], None] | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check one event table; return the typed frame and warnings, or raise DataError.

    ``max_problems`` caps the problem lines built (the rest counted in one summary line);
    ``check_time(stage)`` is called between rules and raises to stop (an upload budget).
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if "source_title" not in raw.columns and "source_url" not in raw.columns:
        missing.append("source_title (or source_url)")
    if missing:
        found = ", ".join(c for c in raw.columns if c != "_line")
        raise DataError.single(
            path, 1, f"missing column(s): {', '.join(missing)} (found: {found[:200]})"
        )
    if raw.empty:
        raise DataError.single(path, 2, "no events: the file has a header but no rows")
    frame = _with_all_columns(raw)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    report, dropped = _reporter(frame, path, max_problems)
    tick = check_time or (lambda stage: None)
    rules = (_check_ids, _check_dates, _check_text, _check_values, _check_sources, check_kinds)
    for rule in rules:
        tick("validation")
        errors.extend(rule(frame, report))
    tick("validation")
    _fill_coordinates(frame, gazetteer, report, errors)
    tick("validation")
    errors.extend(_check_same_day(frame, report))
    warnings.extend(_warn_urls(frame, _reporter(frame, path, max_problems)[0]))
    if errors:
        if dropped[0]:
            total = len(errors) + dropped[0]
            errors.append(
                Problem(path, 0, f"{total:,} problems; the first {len(errors):,} found are listed")
            )
        raise DataError(errors)
    return _typed(frame, path), warnings


Reporter = Callable[[pd.Series, str | Callable[[pd.Series], str]], list[Problem]]


def _reporter(
    frame: pd.DataFrame, path: str, limit: int | None = None
) -> tuple[Reporter, list[int]]:
    """Turn a boolean mask into problems; ``message`` may be a function of the row.

    With ``limit``, at most that many problems are built in all; the second value counts
    (in its one item) the problems left out.
    """
    left = [limit if limit is not None else len(frame) * 64 + 64]
    dropped = [0]

    def report(mask: pd.Series, message: str | Callable[[pd.Series], str]) -> list[Problem]:
        flags = mask.to_numpy(dtype=bool)
        hits = int(flags.sum())  # none is the common case: then no row is taken
        rows = frame.loc[flags].head(max(left[0], 0)) if hits else frame.iloc[:0]
        left[0] -= len(rows)
        dropped[0] += hits - len(rows)
        if isinstance(message, str):
            return [Problem(path, int(line), message) for line in rows["_line"]]
        return [Problem(path, int(row["_line"]), message(row)) for _, row in rows.iterrows()]

    return report, dropped


def _with_all_columns(raw: pd.DataFrame) -> pd.DataFrame:
    frame = raw.copy()
    for col in EVENT_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    for col in EVENT_COLUMNS:
        frame[col] = frame[col].astype(str).str.strip()
    return frame


def _check_ids(frame: pd.DataFrame, report: Reporter) -> list[Problem]:
    ids = frame["event_id"]
    dup = ids.duplicated(keep="first") & (ids != "")
    return report(ids == "", "missing event_id") + report(
        dup, lambda r: f"duplicate event_id {r['event_id']!r}"
    )


def _check_dates(frame: pd.DataFrame, report: Reporter) -> list[Problem]:
    text = frame["date"]
    parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    shaped = text.str.match(ISO_DATE)
    outside = parsed.notna() & ((parsed < FIRST_DAY) | (parsed > LAST_DAY))
    frame["_date"] = parsed.where(~outside)
    problems = report(text == "", "missing date")
    problems += report(
        outside,
        lambda r: f"date {_q(r['date'])} outside the supported range {FIRST_DAY} – {LAST_DAY}",
    )
    problems += report(
        (text != "") & ~shaped, lambda r: f"bad date {_q(r['date'])} (expected YYYY-MM-DD)"
    )
    problems += report(
        shaped & parsed.isna(), lambda r: f"impossible date {_q(r['date'])} (no such day)"
    )
    return problems


def _check_text(frame: pd.DataFrame, report: Reporter) -> list[Problem]:
    problems = report(frame["place"] == "", "missing place")
    for col in EVENT_COLUMNS:
        long = frame[col].str.len() > MAX_FIELD
        problems += report(long, f"field {col} longer than {MAX_FIELD} characters")
        controls = frame[col].str.contains(CONTROL_CHARACTER, regex=True)
        problems += report(controls, functools.partial(_control_problem, col))
    return problems


def _control_problem(column: str, row: pd.Series) -> str:
    found = CONTROL_CHARACTER.search(str(row[column]))
    at = found.start() + 1 if found else 0
    code = ord(found.group()) if found else 0
    return (
        f"field {column}: control character U+{code:04X} at character {at} "
        "(terminal escapes and other control characters are refused)"
    )


def _check_values(frame: pd.DataFrame, report: Reporter) -> list[Problem]:
    precision = frame["date_precision"].str.lower()
    frame["date_precision"] = precision.where(precision != "", "day")
    confidence = frame["confidence"].str.lower()
    frame["confidence"] = confidence
    control = frame["controller"] != ""
    allowed_p = ", ".join(DATE_PRECISIONS)
    allowed_c = ", ".join(CONFIDENCES)
    problems = report(
        ~frame["date_precision"].isin(DATE_PRECISIONS),
        lambda r: f"bad date_precision {_q(r['date_precision'])} (allowed: {allowed_p})",
    )
    problems += report(
        (confidence != "") & ~confidence.isin(CONFIDENCES),
        lambda r: f"bad confidence {_q(r['confidence'])} (allowed: {allowed_c})",
    )
    problems += report(
        control & (confidence == ""),
        f"missing confidence for a control change (allowed: {allowed_c})",
    )
    frame["confidence"] = confidence.where(confidence != "", "confirmed")
    problems += report(
        frame["controller"].str.lower() == UNKNOWN,
        lambda r: (
            f"controller {_q(r['controller'])} is reserved (the state before a place's first"
            " change); leave it empty for a context event"
        ),
    )
    return problems


def _check_sources(frame: pd.DataFrame, report: Reporter) -> list[Problem]:
    no_source = (frame["source_title"] == "") & (frame["source_url"] == "")
    return report(no_source, "no source: give source_title or source_url")


def _warn_urls(frame: pd.DataFrame, report: Reporter) -> list[Problem]:
    url = frame["source_url"]
    bad = (url != "") & ~url.map({u: is_http_link(u) for u in url.unique()}).astype(bool)
    return report(
        bad, lambda r: f"source_url {_q(r['source_url'])} is not an http(s) link; shown as text"
    )


def _fill_coordinates(
    frame: pd.DataFrame, gazetteer: Gazetteer | None, report: Reporter, errors: list[Problem]
) -> None:
    lat = pd.to_numeric(frame["lat"], errors="coerce")
    lon = pd.to_numeric(frame["lon"], errors="coerce")
    blank = (frame["lat"] == "") & (frame["lon"] == "")
    looked_up = _lookup(frame["place"], gazetteer)
    fill = blank & looked_up["lat"].notna()
    lat = lat.where(~fill, looked_up["lat"])
    lon = lon.where(~fill, looked_up["lon"])
    errors += report(
        blank & ~fill & (frame["place"] != ""),
        lambda r: f"unknown place name {_q(r['place'])} and no lat/lon given",
    )
    half = ~blank & ((frame["lat"] == "") | (frame["lon"] == ""))
    errors += report(half, "lat and lon must both be given (or both left empty)")
    given = ~blank & ~half
    not_number = given & (lat.isna() | lon.isna() | ~np.isfinite(lat) | ~np.isfinite(lon))
    errors += report(
        not_number, lambda r: f"lat/lon not finite numbers ({_q(r['lat'])}, {_q(r['lon'])})"
    )
    ok = given & ~not_number
    swapped = ok & ((lat.abs() > 90) & (lon.abs() <= 90))
    swapped |= ok & _matches_swapped(lat, lon, looked_up)
    errors += report(swapped, lambda r: f"lat/lon look swapped (lat={r['lat']}, lon={r['lon']})")
    out = ok & ~swapped & ((lat.abs() > 90) | (lon.abs() > 180))
    errors += report(out, lambda r: f"lat/lon out of range (lat={r['lat']}, lon={r['lon']})")
    frame["_lat"], frame["_lon"] = lat, lon


def _lookup(places: pd.Series, gazetteer: Gazetteer | None) -> pd.DataFrame:
    if gazetteer is None or not gazetteer.coords:
        return pd.DataFrame({"lat": np.nan, "lon": np.nan}, index=places.index)
    codes, names = pd.factorize(places)  # each distinct name looked up once
    known = [gazetteer.coordinates(str(name)) or (np.nan, np.nan) for name in names]
    rows = np.full((len(places), 2), np.nan)
    rows[codes >= 0] = np.array(known, float).reshape(-1, 2)[codes[codes >= 0]]  # -1: none
    return pd.DataFrame({"lat": rows[:, 0], "lon": rows[:, 1]}, index=places.index, dtype=float)


def _matches_swapped(lat: pd.Series, lon: pd.Series, known: pd.DataFrame) -> pd.Series:
    """True where (lat, lon) equals a gazetteer place's (lon, lat) but not its (lat, lon)."""
    tol = 0.01
    swapped = ((lat - known["lon"]).abs() < tol) & ((lon - known["lat"]).abs() < tol)
    straight = ((lat - known["lat"]).abs() < tol) & ((lon - known["lon"]).abs() < tol)
    return (swapped & ~straight).fillna(False).astype(bool)


def same_day_clashes(
    places: pd.Series, days: pd.Series, controllers: pd.Series, notes: pd.Series
) -> np.ndarray:
    """The same-day rule: True for control rows (controller set, day known) of a place and
    day that name different controllers while no row of that place and day has a note."""
    frame = pd.DataFrame(
        {"place": places, "day": days, "controller": controllers, "noted": notes != ""}
    )
    control = frame[(frame["controller"] != "") & frame["day"].notna()]
    groups = control.groupby(["place", "day"])
    counts = groups["controller"].transform("nunique")
    noted = groups["noted"].transform("any").astype(bool)
    clash = control.index[(counts > 1).to_numpy() & ~noted.to_numpy()]
    return frame.index.isin(clash)


def _check_same_day(frame: pd.DataFrame, report: Reporter) -> list[Problem]:
    mask = same_day_clashes(frame["place"], frame["_date"], frame["controller"], frame["notes"])
    return report(
        pd.Series(mask, index=frame.index),
        lambda r: (
            f"{_q(r['place'])} has different controllers on {r['date']} and no note explains it"
        ),
    )


def _typed(frame: pd.DataFrame, path: str) -> pd.DataFrame:
    out = frame[list(EVENT_COLUMNS)].copy()
    out["date"] = frame["_date"].astype("datetime64[ns]")
    out["lat"] = frame["_lat"].astype(float)
    out["lon"] = frame["_lon"].astype(float)
    out["file"] = path
    out["line"] = frame["_line"].astype(np.int64)
    return out.reset_index(drop=True)


def _q(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")
