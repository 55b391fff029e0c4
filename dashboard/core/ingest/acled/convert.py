"""Convert an ACLED export to Frontline's event table (vectorised pandas, no per-row loop).

Rules (see docs in /work/shared/reference/acled.md):

* ``event_id`` = ``event_id_cnty``; the date from ``event_date`` in ``2020-05-31``,
  ``31-05-2020`` or ``31 May 2020`` form (per row); ``time_precision`` 1/2/3 → day/week/month.
* Sub-event types *Non-state actor overtakes territory*, *Government regains territory*
  and *Non-violent transfer of territory* are control changes: ``controller`` = the faction
  of ``actor1`` (regex table, first match wins). Every other row is a context event.
* Monadic exports (one row per actor, the event id repeated) are merged into one event.
* Nothing is guessed. A control change whose actor maps to no faction, that repeats the
  place's current controller, that clashes with another change the same day, whose actor
  types contradict the sub-event type, or any row without a usable date or coordinates,
  goes to the review report (original rows + ``reason``).
* ``geo_precision`` (and actor1/actor2, fatalities, admin1, the ACLED location name) are
  kept as extra columns after the canonical ones; the loader ignores extra columns.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core import budget
from dashboard.core.errors import DataError
from dashboard.core.ingest.acled.factionmap import FactionMap
from dashboard.core.ingest.acled.places import name_places
from dashboard.core.ingest.acled.rules import (
    check_sequence,
    contradicts_inter,
    inter_codes,
    inter_message,
    merge_monadic,
)
from dashboard.core.ingest.review import (
    DATE_HELP,
    ImportResult,
    Progress,
    Reasons,
    clip_text,
    parse_dates,
    quoted,
    review_frame,
    settle_checked,
)
from dashboard.core.io.csvread import decode_csv_bytes, read_csv_file, read_csv_text
from dashboard.core.io.gazetteer import Gazetteer
from dashboard.core.schema import EVENT_COLUMNS

__all__ = ["ACLED_COLUMNS", "check_columns", "CHUNK_ROWS", "CONTEXT_DEFAULT", "CONTEXT_TYPES",
           "CONTROL_TYPES", "derive_rows", "EXTRA_COLUMNS", "import_acled_bytes",
           "import_acled_file", "import_acled_frame", "OLD_COLUMNS", "OPTIONAL_COLUMNS",
           "PRECISIONS", "REQUIRED_COLUMNS", "to_events", "with_optional_columns"]  # fmt: skip

REQUIRED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "sub_event_type",
    "actor1",
    "location",
    "latitude",
    "longitude",
)
OPTIONAL_COLUMNS = (
    "time_precision",
    "event_type",
    "actor2",
    "inter1",
    "inter2",
    "admin1",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "timestamp",
)
ACLED_COLUMNS: tuple[str, ...] = tuple(
    (
        "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type "
        "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting "
        "iso region country admin1 admin2 admin3 location latitude longitude geo_precision "
        "source source_scale notes fatalities tags timestamp"
    ).split()
)
"""The 31 columns of a current ACLED export (since March 2023), in order."""
OLD_COLUMNS = ("data_id", "event_id_no_cnty", "iso3")
"""Columns of exports before March 2023 (ignored)."""
EXTRA_COLUMNS = ("geo_precision", "actor1", "actor2", "fatalities", "admin1", "acled_location")
CONTROL_TYPES = {
    "non-state actor overtakes territory": "capture",
    "government regains territory": "capture",
    "non-violent transfer of territory": "handover",
}
CONTEXT_TYPES = {"armed clash": "clash", "air/drone strike": "airstrike"}
CONTEXT_DEFAULT = "report"
PRECISIONS = {"1": "day", "2": "week", "3": "month", "": "day"}
CHUNK_ROWS = 50_000


def import_acled_file(
    path: str | os.PathLike[str],
    factions: FactionMap | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Convert an ACLED CSV file (see :func:`import_acled_frame`)."""
    raw = read_csv_file(Path(path))
    return import_acled_frame(raw, str(path), factions, gazetteer, progress)


def import_acled_bytes(
    data: bytes,
    name: str = "acled.csv",
    factions: FactionMap | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Convert uploaded ACLED CSV bytes; ``name`` is used in messages."""
    raw = read_csv_text(decode_csv_bytes(data, name), name)
    return import_acled_frame(raw, name, factions, gazetteer, progress)


def import_acled_frame(
    raw: pd.DataFrame,
    path: str,
    factions: FactionMap | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Convert ACLED rows (strings with ``_line``, as csvread gives) to the event table.

    ``gazetteer`` (optional) renames ACLED locations to the project's place names when the
    name matches and the coordinates agree within 25 km. ``progress`` receives a line per
    100,000 rows on large files.
    """
    check_columns(raw, path)
    rules = factions if factions is not None else FactionMap(())
    rows = with_optional_columns(raw)
    derived = pd.concat([derive_rows(chunk, rules) for chunk in _chunks(rows, progress)])
    merged = merge_monadic(rows.join(derived))
    merged = name_places(merged, gazetteer)
    merged = check_sequence(merged)
    events = to_events(merged[merged["_reason"] == ""])
    events, checked, rejected = settle_checked(events, path, gazetteer)
    flagged = merged.loc[merged["_reason"] != "", ["_key", "_reason"]]
    review = _review(raw, rows, flagged, merged, rejected)
    counts = _counts(raw, merged, events, review)
    return ImportResult(events.reset_index(drop=True), review, counts, checked=checked)


def check_columns(raw: pd.DataFrame, path: str) -> None:
    """DataError when a column the conversion needs is missing (lists what was found)."""
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        found = ", ".join(c for c in raw.columns if c != "_line")[:300]
        hint = " — is this an ACLED export?" if "event_id_cnty" in missing else ""
        message = f"missing ACLED column(s): {', '.join(missing)}{hint} (found: {found})"
        raise DataError.single(path, 1, message)
    if raw.empty:
        raise DataError.single(path, 2, "no rows: the file has a header but no events")


def with_optional_columns(raw: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``raw`` with every optional ACLED column (empty where the file has none)."""
    return raw.assign(**{c: "" for c in OPTIONAL_COLUMNS if c not in raw.columns})


def _chunks(rows: pd.DataFrame, progress: Progress | None) -> Iterator[pd.DataFrame]:
    total = len(rows)
    for start in range(0, total, CHUNK_ROWS):
        budget.check("converting ACLED rows")  # an upload's deadline, when one is in force
        yield rows.iloc[start : start + CHUNK_ROWS]
        done = min(start + CHUNK_ROWS, total)
        if progress is not None and total > CHUNK_ROWS:
            progress(f"converted {done:,} / {total:,} rows ({100 * done // total}%)")


# --- row-local conversion ---------------------------------------------------------------------


def derive_rows(rows: pd.DataFrame, rules: FactionMap) -> pd.DataFrame:
    """Per-row derived columns (prefixed ``_``) and review reasons, for one chunk."""
    text = {c: rows[c].astype(str).str.strip() for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}
    reasons = Reasons(rows.index)
    sub = text["sub_event_type"].str.lower()
    control = sub.isin(list(CONTROL_TYPES))
    out = pd.DataFrame(index=rows.index)
    out["_id"] = text["event_id_cnty"]
    out["_date"] = parse_dates(text["event_date"])
    out["_precision"] = text["time_precision"].str.replace(r"\.0$", "", regex=True).map(PRECISIONS)
    out["_lat"] = pd.to_numeric(text["latitude"], errors="coerce")
    out["_lon"] = pd.to_numeric(text["longitude"], errors="coerce")
    out["_control"] = control
    out["_sub"] = sub
    out["_kind"] = sub.map({**CONTEXT_TYPES, **CONTROL_TYPES}).fillna(CONTEXT_DEFAULT)
    out["_faction"] = rules.map_series(text["actor1"]).where(control, "")
    out["_inter1"] = inter_codes(text["inter1"])
    out["_inter2"] = inter_codes(text["inter2"])
    _row_reasons(reasons, text, out)
    out["_reason"] = reasons.text
    return out


def _row_reasons(reasons: Reasons, text: dict[str, pd.Series], out: pd.DataFrame) -> None:
    reasons.add(out["_id"] == "", "missing event_id_cnty")
    reasons.add(
        out["_date"].isna(), "bad event_date " + quoted(text["event_date"]) + f" ({DATE_HELP})"
    )
    reasons.add(
        out["_precision"].isna(), "unknown time_precision " + quoted(text["time_precision"])
    )
    out["_precision"] = out["_precision"].fillna("")
    lat, lon = out["_lat"], out["_lon"]
    bad = lat.isna() | lon.isna() | (lat.abs() > 90) | (lon.abs() > 180) | ((lat == 0) & (lon == 0))
    coords = quoted(text["latitude"]) + ", " + quoted(text["longitude"])
    reasons.add(bad, "missing or invalid latitude/longitude (" + coords + ")")
    reasons.add(text["location"] == "", "missing location")
    control = out["_control"]
    reasons.add(control & (text["actor1"] == ""), "territory change with no actor1")
    unmapped = control & (text["actor1"] != "") & (out["_faction"] == "")
    reasons.add(unmapped, "actor1 " + quoted(text["actor1"], 120) + " matches no faction pattern")
    reasons.add(contradicts_inter(out), inter_message(out, text["actor2"]))


# --- output -----------------------------------------------------------------------------------


def to_events(rows: pd.DataFrame) -> pd.DataFrame:
    """The accepted rows in the event table's columns (all text), then the extra columns."""
    rows = rows.sort_values(["_date", "_line"], kind="stable")
    text = {
        c: rows[c].astype(str).str.strip()
        for c in ("event_type", "sub_event_type", "source", "notes")
    }
    date = rows["_date"].dt.strftime("%Y-%m-%d")
    control = rows["_control"]
    kind = (text["event_type"] + ": " + text["sub_event_type"]).str.strip(": ")
    source = text["source"].where(text["source"] != "", "ACLED")
    out = pd.DataFrame(
        {
            "event_id": rows["_id"],
            "date": date,
            "place": rows["_place"],
            "lat": rows["latitude"].astype(str).str.strip(),
            "lon": rows["longitude"].astype(str).str.strip(),
            "controller": rows["_faction"].where(control, ""),
            "previous_controller": rows["_previous"].where(control, ""),
            "date_precision": rows["_precision"],
            "event_type": rows["_kind"],
            "confidence": np.where(control, "confirmed", ""),
            "source_title": source + " — " + kind.where(kind != "", "ACLED event"),
            "source_publisher": np.where(text["source"] != "", "ACLED; " + text["source"], "ACLED"),
            "source_date": date,
            "source_url": "",
            "source_kind": "research",
            "notes": text["notes"],
        }
    )
    for col in EXTRA_COLUMNS:
        out[col] = rows[col].astype(str).str.strip()
    out["_line"] = rows["_line"]
    return clip_text(out, EVENT_COLUMNS).reset_index(drop=True)


def _review(
    raw: pd.DataFrame,
    rows: pd.DataFrame,
    flagged: pd.DataFrame,
    merged: pd.DataFrame,
    rejected: dict[int, str],
) -> pd.DataFrame:
    """Every original row of a flagged event (all rows of a monadic group), with reason."""
    by_key = pd.Series(flagged["_reason"].to_numpy(), index=flagged["_key"])
    if rejected:
        keys = merged.set_index("_line")["_key"]
        late = pd.Series(rejected).rename(index=keys)
        by_key = pd.concat([by_key, late])
    key = rows["event_id_cnty"].astype(str).str.strip()
    key = key.where(key != "", "#" + rows["_line"].astype(str))
    lines = pd.Series(key.map(by_key).to_numpy(), index=rows["_line"]).dropna()
    return review_frame(raw, lines)


def _counts(
    raw: pd.DataFrame, merged: pd.DataFrame, events: pd.DataFrame, review: pd.DataFrame
) -> dict[str, int]:
    control = int((events["controller"] != "").sum())
    return {
        "rows_read": len(raw),
        "merged_rows": int(len(raw) - len(merged)),
        "superseded_rows": int(merged["_superseded"].sum()),
        "events": len(events),
        "control_changes": control,
        "context_events": len(events) - control,
        "review_rows": len(review),
    }
