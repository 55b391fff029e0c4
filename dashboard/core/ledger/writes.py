"""Save the team's changes: add, correct or retract an event, each one transaction.

Every save takes the dataset's write lock (:func:`.store.write_transaction`), checks that
this replica's CSV tables are the ones the database holds for the dataset (:mod:`.base`;
the first save records them), reads the ledger, loads the whole dataset as it would be
after the change with the loader itself (:func:`dashboard.core.io.load_dataset`) and
writes the row and its history entry only when that load succeeds. A refused save writes nothing and raises DataError naming the
problem; a save that returns has been committed.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Connection, insert, update

from dashboard.core.errors import DataError
from dashboard.core.io.load import Dataset, load_dataset
from dashboard.core.io.validate import CONTROL_CHARACTER, validate_events
from dashboard.core.ledger import base, chain, store
from dashboard.core.ledger.merge import conflicts
from dashboard.core.ledger.read import LedgerDB, iso, team_frame
from dashboard.core.ledger.tables import ACTIVE, RETRACTED, history, team_events
from dashboard.core.schema import EVENT_COLUMNS

__all__ = [
    "add_event",
    "Change",
    "correct_event",
    "ID_PREFIX",
    "new_event_id",
    "retract_event",
    "row_strings",
    "write_change",
]

ID_PREFIX = "TL"


def new_event_id(day: str) -> str:
    """A fresh team event id: ``TL-YYYYMMDD-<8 hex>``."""
    return f"{ID_PREFIX}-{day.replace('-', '')[:8]}-{uuid.uuid4().hex[:8]}"


def add_event(
    db: LedgerDB,
    row: Mapping[str, object],
    by: str,
    reason: str = "",
    *,
    action: str = "add",
    review_id: int | None = None,
    also: Callable[[Connection], None] | None = None,
) -> dict[str, Any]:
    """Add a new event (``event_id`` generated when missing); return its history entry.

    ``also`` runs inside the same transaction before the validation (the review queue
    marks its row there); raising in it refuses the save.
    """
    after = _clean(row)
    given = after["event_id"]
    after["event_id"] = given or new_event_id(after["date"])

    def apply(_: dict[str, str] | None) -> dict[str, str]:
        if given and given in set(load_dataset(db.data_dir, ledger=False).events["event_id"]):
            raise DataError.single(
                db.label, 0, f"duplicate event_id {given!r} (also in the CSV tables)"
            )
        return after

    change = Change(action, after["event_id"], apply, by, reason, review_id, also)
    return _save(db, change)


@dataclass(frozen=True)
class Change:
    """One requested change: what it does to the current row (None: retract it)."""

    action: str
    event_id: str
    apply: Callable[[dict[str, str] | None], dict[str, str] | None]
    by: str
    reason: str
    review_id: int | None = None
    also: Callable[[Connection], None] | None = None


def correct_event(
    db: LedgerDB, event_id: str, changes: Mapping[str, object], by: str, reason: str
) -> dict[str, Any]:
    """Change fields of an event (CSV or team); return the history entry."""
    if "event_id" in changes and str(changes["event_id"]) != event_id:
        raise DataError.single(db.label, 0, "a correction cannot change the event_id")
    fields = _clean(changes, partial=True)
    apply = lambda before: {**(before or {}), **fields}  # noqa: E731
    return _save(db, Change("correct", event_id, apply, by, reason))


def retract_event(db: LedgerDB, event_id: str, by: str, reason: str) -> dict[str, Any]:
    """Withdraw an event from the dataset (it stays in the history); needs a reason."""
    if not reason.strip():
        raise DataError.single(db.label, 0, "a retraction needs a reason")
    return _save(db, Change("retract", event_id, lambda _: None, by, reason))


def _save(db: LedgerDB, change: Change) -> dict[str, Any]:
    if not change.by.strip():
        raise DataError.single(db.label, 0, "every change needs an author (--by NAME)")
    if CONTROL_CHARACTER.search(change.reason):
        raise DataError.single(db.label, 0, "the reason has a control character (refused)")
    event_id = change.event_id
    with store.write_transaction(db.engine, db.dataset) as conn:
        base.check_or_bind(conn, db, change.by)  # this replica's tables are the ledger's
        if change.also is not None:
            change.also(conn)
        team = team_frame(conn, db.dataset)
        adding = change.action in ("add", "approve")
        if adding and event_id in set(team["event_id"]):
            raise DataError.single(db.label, 0, f"duplicate event_id {event_id!r}")
        before = None if adding else _current_row(db, team, event_id)
        after = change.apply(before)
        _validate(db, team, _proposed(team, event_id, after, change.by), after)
        return write_change(
            conn, db, change.action, event_id, before, after, change.by, change.reason,
            change.review_id,
        )  # fmt: skip


def write_change(
    conn: Connection,
    db: LedgerDB,
    action: str,
    event_id: str,
    before: dict[str, str] | None,
    after: dict[str, str] | None,
    by: str,
    reason: str,
    review_id: int | None = None,
    touch_row: bool = True,
) -> dict[str, Any]:
    """Upsert the team row (unless ``touch_row`` is False) and append its history entry,
    inside the caller's transaction."""
    now = store.utc_now()
    if touch_row:
        _upsert(conn, db, event_id, before, after, by, now)
    entry = {"at": now, "by": by, "action": action, "event_id": event_id, "before": before,
             "after": after, "reason": reason, "review_id": review_id}  # fmt: skip
    prev = chain.last_hash(conn, db.dataset)
    linked = {"prev_hash": prev, "hash": chain.entry_hash(prev, {"dataset": db.dataset, **entry})}
    conn.execute(insert(history).values(dataset=db.dataset, **entry, **linked))
    return {**entry, "at": iso(now)}


def _upsert(
    conn: Connection,
    db: LedgerDB,
    event_id: str,
    before: dict[str, str] | None,
    after: dict[str, str] | None,
    by: str,
    now: dt.datetime,
) -> None:
    fields = after if after is not None else (before or {})
    values: dict[str, object] = {c: fields.get(c, "") for c in EVENT_COLUMNS if c != "event_id"}
    values |= {
        "status": ACTIVE if after is not None else RETRACTED,
        "updated_by": by,
        "updated_at": now,
    }
    done = conn.execute(
        update(team_events)
        .where(team_events.c.dataset == db.dataset, team_events.c.event_id == event_id)
        .values(**values)
    )
    if done.rowcount == 0:
        conn.execute(insert(team_events).values(dataset=db.dataset, event_id=event_id, **values))


def _clean(row: Mapping[str, object], partial: bool = False) -> dict[str, str]:
    unknown = sorted(set(row) - set(EVENT_COLUMNS))
    if unknown:
        raise DataError.single("event", 0, f"unknown field(s): {', '.join(unknown)}")
    keys = [c for c in EVENT_COLUMNS if c in row] if partial else list(EVENT_COLUMNS)
    return {c: "" if row.get(c) is None else str(row.get(c)).strip() for c in keys}


def _current_row(db: LedgerDB, team: pd.DataFrame, event_id: str) -> dict[str, str]:
    """The event as the dataset has it now: the team's version, else the CSV row."""
    mine = team[team["event_id"] == event_id]
    if len(mine):
        if mine.iloc[0]["status"] == RETRACTED:
            raise DataError.single(db.label, 0, f"event {event_id!r} is retracted")
        return {c: str(mine.iloc[0][c]) for c in EVENT_COLUMNS}
    csv = load_dataset(db.data_dir, ledger=False).events
    found = csv[csv["event_id"] == event_id]
    if found.empty:
        raise DataError.single(db.label, 0, f"no event {event_id!r} in the dataset")
    return row_strings(found.iloc[0])


def row_strings(event: pd.Series) -> dict[str, str]:
    """A typed event row back as the strings of an event table."""
    out = {c: "" if pd.isna(event[c]) else str(event[c]) for c in EVENT_COLUMNS}
    out["date"] = f"{event['date']:%Y-%m-%d}"
    for col in ("lat", "lon"):
        value = float(event[col])
        out[col] = "" if math.isnan(value) else f"{value:.6f}".rstrip("0").rstrip(".")
    return out


def _proposed(
    team: pd.DataFrame, event_id: str, after: dict[str, str] | None, by: str
) -> pd.DataFrame:
    rest = team[team["event_id"] != event_id]
    old = team[team["event_id"] == event_id]
    line = int(old.iloc[0]["_line"]) if len(old) else 0
    fields = after if after is not None else {}
    if after is None and len(old):
        fields = {c: str(old.iloc[0][c]) for c in EVENT_COLUMNS}
    row = {**fields, "event_id": event_id, "_line": line,
           "status": ACTIVE if after is not None else RETRACTED,
           "updated_by": by, "updated_at": iso(dt.datetime.now(dt.UTC))}  # fmt: skip
    return pd.concat([rest, pd.DataFrame([row], columns=team.columns)], ignore_index=True)


def _validate(
    db: LedgerDB, team: pd.DataFrame, proposed: pd.DataFrame, after: dict[str, str] | None
) -> Dataset:
    """Load the dataset as it would be after the save; on failure, name the conflict."""
    try:
        return load_dataset(db.data_dir, team_rows=(proposed, db.label))
    except DataError as err:
        failed = err
    try:
        current = load_dataset(db.data_dir, team_rows=(team, db.label))
    except DataError as broken:
        raise DataError.single(
            db.label, 0, f"saves are refused while the dataset is invalid: {broken.problems[0]}"
        ) from broken
    if after is not None:
        raw = pd.DataFrame([{**after, "_line": 0}])
        typed, _ = validate_events(raw, db.label, current.gazetteer)
        rest = current.events[current.events["event_id"] != after["event_id"]]
        both = pd.concat([rest, typed], ignore_index=True)
        clash = conflicts(both, team_rows=both.index == len(both) - 1)
        if clash:
            raise DataError(clash) from failed
    raise failed
