"""Open a data folder's ledger and read it: team rows, history, a change counter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, func, select, update

from dashboard.core.dataset import dataset_id
from dashboard.core.errors import DataError
from dashboard.core.ledger import ledger_configured, store
from dashboard.core.ledger.tables import history, review_queue, team_events, users
from dashboard.core.schema import EVENT_COLUMNS

__all__ = [
    "adopt_path_keyed_rows",
    "history_entries",
    "iso",
    "LedgerDB",
    "open_ledger",
    "read_team_rows",
    "TEAM_COLUMNS",
    "team_frame",
    "version",
]

TEAM_COLUMNS = (*EVENT_COLUMNS, "_line", "status", "updated_by", "updated_at")
_ADOPTED: set[tuple[str, str, str]] = set()


@dataclass(frozen=True)
class LedgerDB:
    """The ledger of one data folder: its database engine and the dataset key (the
    dataset's id, :func:`dashboard.core.dataset.dataset_id`; ``legacy`` is the key older
    ledgers used, the folder's resolved path, still read for their history)."""

    data_dir: Path
    url: str
    engine: Engine
    dataset: str
    legacy: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key this dataset's rows may carry: its id, and the old path key."""
        return (self.dataset, self.legacy) if self.legacy else (self.dataset,)

    @property
    def label(self) -> str:
        """Where the ledger is, for messages (no password)."""
        return store.describe(self.url)


def open_ledger(data_dir: str | Path) -> LedgerDB:
    """The ledger of ``data_dir`` ($FRONTLINE_DB_URL, else ``DATA/ledger.sqlite``)."""
    root = Path(data_dir).expanduser().resolve()
    if not root.is_dir():
        raise DataError.single(str(root), 0, "data folder not found")
    url = store.database_url(root)
    dataset = dataset_id(root)
    legacy = str(root) if str(root) != dataset else ""
    db = LedgerDB(root, url, store.engine_for(url), dataset, legacy)
    adopt_path_keyed_rows(db)
    return db


def adopt_path_keyed_rows(db: LedgerDB) -> None:
    """Ledgers written before dataset ids were keyed by the folder's resolved path: move
    their team rows, accounts and review queue to the id (once per process). The history
    is append-only and keeps its old key; :func:`history_entries` reads both."""
    mark = (db.url, db.legacy, db.dataset)
    if not db.legacy or mark in _ADOPTED or not ledger_configured(db.data_dir):
        return  # (no ledger yet: opening one must not create its file)
    tables = (team_events, users, review_queue)
    with store.read_transaction(db.engine) as conn:  # most ledgers have none: take no lock
        found = any(
            conn.execute(select(t.c.dataset).where(t.c.dataset == db.legacy).limit(1)).first()
            for t in tables
        )
    if found:
        with store.write_transaction(db.engine, db.dataset) as conn:
            for table in tables:
                old = table.c.dataset == db.legacy
                conn.execute(update(table).where(old).values(dataset=db.dataset))
    _ADOPTED.add(mark)


def read_team_rows(data_dir: str | Path) -> tuple[pd.DataFrame, str]:
    """Every team row of the folder's ledger (strings) and the ledger's name."""
    db = open_ledger(data_dir)
    try:
        with store.read_transaction(db.engine) as conn:
            return team_frame(conn, db.dataset), db.label
    except DataError:
        raise
    except Exception as err:  # noqa: BLE001 - any driver failure: one line, the data is unusable
        raise DataError.single(
            db.label, 0, f"cannot read the ledger ({type(err).__name__})"
        ) from err


def team_frame(conn: Connection, dataset: str) -> pd.DataFrame:
    """The team rows of a dataset, oldest first, as the merge expects them."""
    rows = conn.execute(
        select(team_events).where(team_events.c.dataset == dataset).order_by(team_events.c.seq)
    ).mappings()
    records = [
        {
            **{c: str(r[c] or "") for c in EVENT_COLUMNS},
            "_line": int(r["seq"]),
            "status": r["status"],
            "updated_by": r["updated_by"],
            "updated_at": iso(r["updated_at"]),
        }
        for r in rows
    ]
    return pd.DataFrame(records, columns=list(TEAM_COLUMNS))


def iso(value: dt.datetime | None) -> str:
    """A stored time as ISO 8601 UTC with a ``Z`` (seconds), or '' for none."""
    stamp = store.as_utc(value)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ") if stamp else ""


def history_entries(db: LedgerDB, event_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """The history, oldest first: {"at","by","action","event_id","reason","before","after",
    "review_id"}; only the given events' entries when ``event_ids`` is set."""
    query = select(history).where(history.c.dataset.in_(db.keys)).order_by(history.c.id)
    if event_ids is not None:
        query = query.where(history.c.event_id.in_(event_ids))
    with store.read_transaction(db.engine) as conn:
        rows = list(conn.execute(query).mappings())
    return [
        {
            "at": iso(r["at"]),
            "by": r["by"],
            "action": r["action"],
            "event_id": r["event_id"],
            "reason": r["reason"] or "",
            "before": r["before"],
            "after": r["after"],
            "review_id": r["review_id"],
        }
        for r in rows
    ]


def version(db: LedgerDB) -> tuple[int, int]:
    """(number of history entries, last entry id): changes whenever the ledger does."""
    with store.read_transaction(db.engine) as conn:
        count, last = conn.execute(
            select(func.count(history.c.id), func.max(history.c.id)).where(
                history.c.dataset.in_(db.keys)
            )
        ).one()
    return int(count), int(last or 0)
