"""The control index as compact typed arrays, for a browser that scrubs time by itself.

The displayed state of a place is piecewise constant: it changes only at rows of
``ControlIndex.changes`` (one row per place and day), and every field of
``ControlIndex.state(day)`` comes from the latest such row on or before ``day``. So the
whole timeline fits in a few arrays, one entry per change row, grouped by place; a
browser answers "the state on day D" with one binary search per place, exactly as
``ControlIndex.positions`` does. The tooltip text is built by one rule,
:func:`tooltip_lines`, which the browser script mirrors and the browser tests compare.

Examples
--------
>>> epoch_day("1970-01-11")
10
>>> day_from_epoch(18414).isoformat()
'2020-06-01'
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from dashboard.core.control import ControlIndex
from dashboard.core.precision import THIN_NOTE, precise_day
from dashboard.core.schema import NON_HOSTILE, UNKNOWN
from dashboard.core.words import text

__all__ = [
    "b64", "CONFIDENCE_CODES", "day_from_epoch", "epoch_day", "faction_codes", "first_record",
    "histories", "HISTORY_COLUMNS", "holder_text", "holding_precision", "is_recent", "NAT_DAY",
    "PRECISION_CODES", "RECENT_DAYS", "run_table", "since_text", "start_confidence",
    "start_precision", "tooltip_lines"
]  # fmt: skip

CONFIDENCE_CODES: tuple[str, ...] = ("confirmed", "disputed", "claimed", "")
PRECISION_CODES: tuple[str, ...] = ("day", "week", "month", "year", "")
RECENT_DAYS = 7
"""A place whose holder changed within this many days (today included) gets a ring."""


def epoch_day(day: dt.date | str | np.datetime64) -> int:
    """Days since 1970-01-01 of a date (the browser's day number)."""
    return int(np.datetime64(pd.Timestamp(day).date(), "D").astype(np.int64))


def day_from_epoch(number: int) -> dt.date:
    """The date ``number`` days after 1970-01-01."""
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(number))


def b64(values: np.ndarray, dtype: str) -> str:
    """Little-endian bytes of ``values`` as ``dtype``, base64-encoded (a JS typed array)."""
    return base64.b64encode(
        np.ascontiguousarray(values, dtype=np.dtype(dtype).newbyteorder("<")).tobytes()
    ).decode()


def faction_codes(index: ControlIndex, factions: Sequence[str]) -> list[str]:
    """Every holder name the table uses: the factions in order, then unknown, then others."""
    seen = [*factions, UNKNOWN]
    for name in pd.unique(index.changes["controller"]):
        if name not in seen:
            seen.append(str(name))
    return seen


def _codes(values: np.ndarray, vocabulary: Sequence[str], missing: int) -> np.ndarray:
    """Code of each value's text in ``vocabulary`` (``missing`` if absent), once per value."""
    which, distinct = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
    lookup = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
    return np.array([lookup.get(str(v), missing) for v in distinct], dtype=np.int64)[which]


NAT_DAY = np.iinfo(np.int64).min


def _days(values: Any) -> np.ndarray:
    """datetime64 values as epoch days (int64), NaT as NAT_DAY."""
    days = np.asarray(values).astype("datetime64[D]")
    return np.where(np.isnat(days), NAT_DAY, days.astype(np.int64))


def first_record(index: ControlIndex) -> np.ndarray:
    """Per change row: True where the row belongs to a place's first holding (a first
    record, "unknown → X", which is never a change of hands)."""
    since = pd.Series(np.asarray(index.since).astype("datetime64[D]"))
    first = since.groupby(index.changes["place"].to_numpy()).transform("first")
    return (since == first).to_numpy()


def _day_columns(columns: dict[str, np.ndarray]) -> tuple[dict[str, str], int, str]:
    """Day columns as offsets from their earliest day: uint16 when the span allows
    (0xFFFF = no day), else int32 (-1 = no day). Returns (columns, base day, type)."""
    valid = [v[v != NAT_DAY] for v in columns.values()]
    known = np.concatenate(valid) if valid else np.zeros(0, np.int64)
    base = int(known.min()) if len(known) else 0
    span = int(known.max()) - base if len(known) else 0
    kind, missing = ("u2", 0xFFFF) if span < 0xFFFF else ("i4", -1)
    out = {k: b64(np.where(v == NAT_DAY, missing, v - base), kind) for k, v in columns.items()}
    return out, base, kind


def run_table(index: ControlIndex, factions: Sequence[str]) -> dict[str, Any]:
    """The browser's copy of the index: place list, per-place row offsets and per-row arrays.

    Keys: ``places`` (names, index order), ``lat``/``lon``, ``holders`` (code → name),
    ``offsets`` (int32, len places + 1: rows of place i are offsets[i]..offsets[i+1]),
    and per row ``day``/``since``/``claim_since`` (days after ``day0``, typed ``day_type``),
    ``holder``/``claim`` (codes into ``holders``, typed ``code_type``; its max = none),
    ``conf``/``since_conf``/``prec``/``since_prec`` (uint8 codes into CONFIDENCE_CODES /
    PRECISION_CODES; the ``since_`` ones of the change that began the holding),
    ``first`` (uint8: 1 = first record) and ``thin`` (uint8: 1 = the holding rests only
    on coarse dates, :mod:`dashboard.core.precision`). Claim columns are empty strings
    when no row has a claim.
    """
    places, arrays = index.places, index.arrays
    holders = faction_codes(index, factions)
    counts = (
        np.bincount(index.place_index, minlength=len(places))
        if len(index.place_index)
        else np.zeros(len(places), int)
    )
    n = len(index.changes)
    claim = arrays.get("claim_faction", np.full(n, "", dtype=object))
    has_claims = bool(n) and bool((claim != "").any())
    code_type, none = ("u1", 0xFF) if len(holders) < 0xFF else ("u2", 0xFFFF)
    day_cols = {"day": _days(arrays["day"]), "since": _days(index.since)}
    if has_claims:
        day_cols["claim_since"] = _days(
            arrays.get("claim_since", np.full(n, np.datetime64("NaT", "D")))
        )
    days, day0, day_type = _day_columns(day_cols)
    codes = {
        "holder": b64(_codes(arrays["controller"], holders, none), code_type),
        "claim": b64(_codes(claim, holders, none), code_type) if has_claims else "",
        "conf": b64(_codes(arrays["confidence"], CONFIDENCE_CODES, 3), "u1"),
        "since_conf": b64(_codes(start_confidence(index), CONFIDENCE_CODES, 3), "u1"),
        "prec": b64(_codes(arrays["date_precision"], PRECISION_CODES, 4), "u1"),
        "since_prec": b64(_codes(start_precision(index), PRECISION_CODES, 4), "u1"),
        "first": b64(first_record(index).astype(np.uint8), "u1"),
        "thin": b64(index.arrays["thin"].astype(np.uint8), "u1"),
    }
    return {
        "places": [str(p) for p in places["place"]],
        "lat": [round(float(v), 5) for v in places["lat"]],
        "lon": [round(float(v), 5) for v in places["lon"]],
        "holders": holders,
        "hostile": [name not in NON_HOSTILE for name in holders],
        "offsets": b64(np.concatenate([[0], np.cumsum(counts)]), "i4"),
        "rows": n,
        "day0": day0,
        "day_type": day_type,
        "code_type": code_type,
        "claim_since": "",
        "confidences": list(CONFIDENCE_CODES),
        "precisions": list(PRECISION_CODES),
        "thin_note": THIN_NOTE,
        "recent_days": RECENT_DAYS,
        **days,
        **codes,
    }


def _start_column(index: ControlIndex, column: str) -> np.ndarray:
    """Per change row: ``column`` of the change that began the holding ('' if none)."""
    runs = index.runs[["place", "start", column]]
    keyed = pd.DataFrame({"place": index.changes["place"], "start": index.since})
    merged = keyed.merge(runs, on=["place", "start"], how="left")
    return merged[column].fillna("").to_numpy(dtype=object)


def start_confidence(index: ControlIndex) -> np.ndarray:
    """Per change row: the confidence of the change that began the holding ('' if none)."""
    return _start_column(index, "confidence")


def start_precision(index: ControlIndex) -> np.ndarray:
    """Per change row: the date precision of the change that began the holding."""
    return _start_column(index, "date_precision")


def holding_precision(index: ControlIndex, day: dt.date | str) -> pd.DataFrame:
    """Per place (index order) on ``day``: ``precision`` of its holding's start and
    ``thin`` (the holding rests only on coarse dates); '' and False with no holder."""
    pos = index.positions(day)
    known = pos >= 0
    take = np.where(known, pos, 0)
    precision = start_precision(index)
    return pd.DataFrame(
        {
            "place": index.arrays["place"],
            "precision": np.where(known, precision[take] if len(precision) else "", ""),
            "thin": known & (index.arrays["thin"][take] if len(precision) else False),
        }
    )


WEAK = ("claimed", "disputed")
"""Confidences the tooltip flags beside the holder or the start date."""


def since_text(since: str | None, start_conf: str, precision: str = "day") -> str:
    """The tooltip's "since" line: a date as precise as its source, flagged when the
    start date itself is weak.

    >>> since_text("2020-06-05", "claimed", "month")
    'about June 2020 (month) (start date claimed)'
    """
    if not since:
        return text("no_record_yet")
    shown = precise_day(since, precision)
    if start_conf not in WEAK:
        return shown
    return text("since_conf", since=shown, conf=text(f"conf_{start_conf}"))


def holder_text(label: str, confidence: str) -> str:
    """The tooltip's "held by" line: the holder's label, flagged when weak."""
    if confidence not in WEAK:
        return label
    return text("holder_conf", holder=label, conf=text(f"conf_{confidence}"))


def tooltip_lines(
    place: str,
    label: str,
    confidence: str,
    since: str | None,
    start_conf: str,
    claim_label: str = "",
    claim_since: str | None = None,
    precision: str = "day",
    thin: bool = False,
) -> list[str]:
    """The tooltip of a place, line by line (the browser builds the same lines).

    >>> tooltip_lines("Gharyan", "LNA", "confirmed", "2019-04-04", "disputed")
    ['Gharyan', 'Held by: LNA', 'Since: 2019-04-04 (start date disputed)']
    """
    lines = [
        place,
        text("held_by", holder=holder_text(label, confidence)),
        text("since", since=since_text(since, start_conf, precision)),
    ]
    if thin and since:
        lines.append(THIN_NOTE)
    if claim_label:
        lines.append(text("claim_line", holder=claim_label, since=claim_since))
    return lines


def is_recent(since: dt.date | None, first: bool, day: dt.date) -> bool:
    """Whether a holding began within RECENT_DAYS of ``day`` by a change of hands (a
    first record is not one).

    >>> is_recent(dt.date(2020, 6, 1), False, dt.date(2020, 6, 7))
    True
    >>> is_recent(dt.date(2020, 6, 1), False, dt.date(2020, 6, 8))
    False
    """
    if since is None or first:
        return False
    return 0 <= (day - since).days < RECENT_DAYS


HISTORY_COLUMNS = (
    "date", "controller", "event_type", "confidence", "date_precision",
    "source_publisher", "source_title", "source_date", "source_url", "notes",
)  # fmt: skip


def histories(events: pd.DataFrame, place_order: Sequence[str]) -> list[list[list[str]]]:
    """Every place's events, oldest first, as rows of HISTORY_COLUMNS strings, one list per
    place of ``place_order`` (shown as text in a popup); a non-http(s) URL is blanked."""
    from dashboard.core.schema import is_http_link

    frame = events.sort_values(["date", "order"], kind="stable")
    cols = {
        c: frame[c].astype(str) if c in frame else pd.Series("", index=frame.index)
        for c in HISTORY_COLUMNS
    }
    cols["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    cols["source_url"] = cols["source_url"].where(cols["source_url"].map(is_http_link), "")
    table = pd.DataFrame(cols)
    rows = table.to_numpy().tolist()
    by_place: dict[str, list[list[str]]] = {p: [] for p in place_order}
    for place, row in zip(frame["place"], rows, strict=True):
        if place in by_place:
            by_place[place].append(row)
    return [by_place[p] for p in place_order]
