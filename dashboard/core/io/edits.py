"""Adding one sourced event to a data folder: ``events/edits.csv``, checked, appended safely.

The row is validated like any event table, against the loaded data (known places,
duplicate ids, the same-day rule), then appended under a file lock with an atomic rename.
Its text is stored as typed (formula neutralising is for exports). A hand-edited header
or a folder the server may not write is a one-line DataError, not a traceback.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from filelock import Timeout

from dashboard.core.errors import DataError
from dashboard.core.io.atomic import append_rows_locked
from dashboard.core.io.csvread import data_csv_text, read_csv_text
from dashboard.core.io.load import Dataset
from dashboard.core.io.validate import same_day_clashes, validate_events
from dashboard.core.schema import EVENT_COLUMNS, is_http_link

EDITS_FILE = "edits.csv"


@dataclass(frozen=True)
class NewEvent:
    """What an editor types for one event (the place must be in the gazetteer)."""

    when: dt.date
    place: str
    controller: str
    event_type: str
    confidence: str
    precision: str
    title: str
    publisher: str = ""
    url: str = ""
    notes: str = ""


def event_row(data: Dataset, new: NewEvent) -> dict[str, str]:
    """The event-table row of ``new``: a fresh ``ED-YYYYMMDD-xxxxxxxx`` id, the place's
    gazetteer coordinates (5 decimals) and stripped text."""
    lat, lon = data.gazetteer.coords[new.place]
    return {
        "event_id": f"ED-{new.when:%Y%m%d}-{uuid.uuid4().hex[:8]}",
        "date": new.when.isoformat(),
        "place": new.place,
        "lat": f"{lat:.5f}",
        "lon": f"{lon:.5f}",
        "controller": new.controller,
        "previous_controller": "",
        "date_precision": new.precision,
        "event_type": new.event_type,
        "confidence": new.confidence,
        "source_title": new.title.strip(),
        "source_publisher": new.publisher.strip(),
        "source_date": "",
        "source_url": new.url.strip(),
        "notes": new.notes.strip(),
    }


def save_event(data: Dataset, row: dict[str, str]) -> Path:
    """Validate one new event against the loaded data, then append it to events/edits.csv."""
    target = data.data_dir / "events" / EDITS_FILE
    header = ",".join(EVENT_COLUMNS) + "\n"
    body = data_csv_text(pd.DataFrame([row], columns=list(EVENT_COLUMNS))).split("\n", 1)[1]
    frame, _ = validate_events(
        read_csv_text(header + body, str(target)), str(target), data.gazetteer
    )
    if row["source_url"] and not is_http_link(row["source_url"]):
        raise DataError.single(str(target), 0, "source URL must start with http:// or https://")
    if row["event_id"] in set(data.events["event_id"]):
        raise DataError.single(str(target), 0, f"duplicate event_id {row['event_id']!r}")
    _check_same_day(data, frame, str(target))
    _append(target, row)
    return target


def _append(target: Path, row: dict[str, str]) -> None:
    """Append one row to edits.csv; a bad header or an unwritable folder is a DataError."""
    if target.exists():
        header = read_csv_text(target.read_text(encoding="utf-8-sig"), str(target)).columns
        if [c for c in header if c != "_line"] != list(EVENT_COLUMNS):
            raise DataError.single(
                str(target),
                1,
                "header differs from the event columns; fix or move the file to save "
                f"(expected: {','.join(EVENT_COLUMNS)})",
            )
    try:
        append_rows_locked(target, [row], columns=list(EVENT_COLUMNS))
    except Timeout:
        raise DataError.single(
            str(target), 0, "busy: another save holds the lock; try again"
        ) from None
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise DataError.single(
            str(target), 0, f"cannot save: {reason} (the data folder must be writable)"
        ) from None


def _check_same_day(data: Dataset, new: pd.DataFrame, path: str) -> None:
    """The loader's same-day rule over the place's events that day plus the new row."""
    row = new.iloc[0]
    events = data.events
    same = events[(events["place"] == row["place"]) & (events["date"] == row["date"])]
    rows = pd.concat([same, new], ignore_index=True)
    clash = same_day_clashes(rows["place"], rows["date"], rows["controller"], rows["notes"])
    if clash[-1]:
        raise DataError.single(
            path,
            0,
            f"{row['place']} already has another controller on {row['date'].date()}: add a note explaining the disagreement",
        )
