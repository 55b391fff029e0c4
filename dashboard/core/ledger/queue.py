"""The review queue: rows an import could not settle, waiting for a reviewer.

Each queued row keeps the original row, the importer's reason and a candidate event (the
fields the row gives, under Frontline's column names; the holder is left empty where the
import could not settle it). Approving adds the candidate, with the reviewer's changes, as
an event through the same validated save as any edit; rejecting records the reason. Both go
into the history under the reviewer's name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy import Connection, RowMapping, insert, select, update

from dashboard.core.errors import DataError
from dashboard.core.ingest.review import DATE_FORMATS, REASON
from dashboard.core.ledger import store
from dashboard.core.ledger.read import LedgerDB, iso
from dashboard.core.ledger.tables import APPROVED, OPEN, REJECTED, review_queue
from dashboard.core.ledger.writes import add_event, new_event_id, write_change
from dashboard.core.schema import EVENT_COLUMNS

__all__ = [
    "ACLED_COLUMNS",
    "ACLED_PRECISION",
    "approve",
    "candidate_event",
    "enqueue",
    "queue_items",
    "reject",
]

ACLED_COLUMNS = {
    "event_id": "event_id_cnty",
    "date": "event_date",
    "place": "location",
    "lat": "latitude",
    "lon": "longitude",
    "event_type": "sub_event_type",
    "source_title": "source",
    "notes": "notes",
}
"""Frontline column → ACLED column, for the candidate event of a queued ACLED row."""
ACLED_PRECISION = {"1": "day", "2": "week", "3": "month"}


def candidate_event(raw: Mapping[str, object], mapping: Mapping[str, str]) -> dict[str, str]:
    """The event fields a row gives (``mapping``: Frontline column → the row's column),
    with the date normalised to YYYY-MM-DD when it is in a known format."""
    out = {c: str(raw.get(mapping.get(c, c), "") or "").strip() for c in EVENT_COLUMNS}
    out["date"] = _iso_day(out["date"])
    precision = str(raw.get("time_precision", "")).strip()
    if mapping is ACLED_COLUMNS and precision in ACLED_PRECISION:
        out["date_precision"] = ACLED_PRECISION[precision]
    return out


def _iso_day(text: str) -> str:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return text


def enqueue(db: LedgerDB, review: pd.DataFrame, origin: str, mapping: Mapping[str, str]) -> int:
    """Queue every row of an import's review report; return how many were queued."""
    rows = review.fillna("").astype(str).to_dict("records")
    now = store.utc_now()
    values = [
        {
            "dataset": db.dataset,
            "origin": origin,
            "reason": row.get(REASON, ""),
            "raw": _json_safe(row),
            "candidate": candidate_event(row, mapping),
            "status": OPEN,
            "added_at": now,
        }  # fmt: skip
        for row in rows
    ]
    if values:
        with store.write_transaction(db.engine, db.dataset) as conn:
            conn.execute(insert(review_queue), values)
    return len(values)


def _json_safe(row: Mapping[str, object]) -> dict[str, str]:
    return json.loads(json.dumps({str(k): str(v) for k, v in row.items()}))


def queue_items(db: LedgerDB, status: str | None = OPEN) -> list[dict[str, Any]]:
    """Queued rows, oldest first ({"id","origin","reason","candidate","raw","status",...})."""
    query = select(review_queue).where(review_queue.c.dataset == db.dataset)
    if status:
        query = query.where(review_queue.c.status == status)
    with store.read_transaction(db.engine) as conn:
        rows = list(conn.execute(query.order_by(review_queue.c.id)).mappings())
    return [_item(r) for r in rows]


def _item(r: RowMapping) -> dict[str, Any]:
    return {
        "id": int(r["id"]), "origin": r["origin"], "reason": r["reason"],
        "candidate": r["candidate"], "raw": r["raw"], "status": r["status"],
        "added_at": iso(r["added_at"]), "decided_by": r["decided_by"] or "",
        "decided_at": iso(r["decided_at"]), "decision_reason": r["decision_reason"] or "",
        "event_id": r["event_id"] or "",
    }  # fmt: skip


def _open_item(conn: Connection, db: LedgerDB, item_id: int) -> dict[str, Any]:
    row = (
        conn.execute(
            select(review_queue).where(
                review_queue.c.dataset == db.dataset, review_queue.c.id == item_id
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise DataError.single(db.label, 0, f"no review item {item_id}")
    if row["status"] != OPEN:
        raise DataError.single(
            db.label, 0, f"review item {item_id} is already {row['status']} by {row['decided_by']}"
        )
    return _item(row)


def approve(
    db: LedgerDB, item_id: int, by: str, changes: Mapping[str, str] | None = None, why: str = ""
) -> dict[str, Any]:
    """Add the queued row's candidate (with ``changes``) as an event; return the history entry."""
    with store.read_transaction(db.engine) as conn:
        item = _open_item(conn, db, item_id)
    row = {**item["candidate"], **{k: v for k, v in (changes or {}).items() if v is not None}}
    row["event_id"] = row.get("event_id") or new_event_id(str(row.get("date", "")))

    def mark(conn: Connection) -> None:
        _open_item(conn, db, item_id)  # still open now that we hold the write lock
        _decide(conn, item_id, APPROVED, by, why, row["event_id"])

    reason = why or f"review item {item_id}: {item['reason']}"
    return add_event(db, row, by, reason, action="approve", review_id=item_id, also=mark)


def reject(db: LedgerDB, item_id: int, by: str, why: str) -> dict[str, Any]:
    """Close a queued row without an event; the reason is required and recorded."""
    if not why.strip():
        raise DataError.single(db.label, 0, "a rejection needs a reason (--why)")
    if not by.strip():
        raise DataError.single(db.label, 0, "every change needs an author (--by NAME)")
    with store.write_transaction(db.engine, db.dataset) as conn:
        item = _open_item(conn, db, item_id)
        _decide(conn, item_id, REJECTED, by, why, None)
        label = item["candidate"].get("event_id") or f"review-{item_id}"
        return write_change(
            conn, db, "reject", label, item["candidate"], None, by, why, item_id, touch_row=False
        )


def _decide(
    conn: Connection, item_id: int, status: str, by: str, why: str, event_id: str | None
) -> None:
    conn.execute(
        update(review_queue)
        .where(review_queue.c.id == item_id)
        .values(
            status=status,
            decided_by=by,
            decided_at=store.utc_now(),
            decision_reason=why,
            event_id=event_id,
        )
    )
