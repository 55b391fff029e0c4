"""Failed sign-ins counted per client (a browser session, a remote address), in the ledger.

The account's own counter (:mod:`.accounts`) stops guessing one password; this one stops
one client from guessing many, and from locking accounts on its own: a client may fail
:data:`CLIENT_FAILURES` times per :data:`CLIENT_WINDOW_S` (fewer than it takes to lock an
account), after which its attempts are refused without touching any account.

The failures are rows of the ledger database's ``client_failures`` table, read and written
inside the sign-in's write transaction, so a restart forgets none of them and every
replica on one PostgreSQL ledger sees the same counts. Each new failure deletes the
dataset's failures older than the window, so the table holds at most one window of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Connection, delete, func, insert, select

from dashboard.core.ledger.tables import client_failures

__all__ = ["blocked", "CLIENT_FAILURES", "CLIENT_WINDOW_S", "failed", "MAX_KEY"]

CLIENT_FAILURES = 5
CLIENT_WINDOW_S = 900.0
MAX_KEY = 300
"""Client keys are cut to this many characters (``session:<16 hex>``, ``ip:<address>``)."""


def _since(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(seconds=CLIENT_WINDOW_S)


def blocked(conn: Connection, dataset: str, keys: Iterable[str], now: dt.datetime) -> bool:
    """Whether any of the client's keys has used up its failures in the window."""
    wanted = sorted({k[:MAX_KEY] for k in keys})
    if not wanted:
        return False
    t = client_failures.c
    most = conn.execute(
        select(func.count())
        .where(t.dataset == dataset, t.client.in_(wanted), t.at > _since(now))
        .group_by(t.client)
        .order_by(func.count().desc())
        .limit(1)
    ).scalar()
    return int(most or 0) >= CLIENT_FAILURES


def failed(conn: Connection, dataset: str, keys: Iterable[str], now: dt.datetime) -> None:
    """Count one failure against each of the client's keys; forget the dataset's failures
    that have left the window."""
    rows = [
        {"dataset": dataset, "client": k, "at": now} for k in sorted({k[:MAX_KEY] for k in keys})
    ]
    t = client_failures.c
    conn.execute(delete(client_failures).where(t.dataset == dataset, t.at <= _since(now)))
    if rows:
        conn.execute(insert(client_failures), rows)
