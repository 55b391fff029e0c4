"""The team ledger: what a team adds on top of the curated CSV tables, in a real database.

The CSV event tables stay the reviewed source. The ledger holds the team's new events,
corrections and retractions, the append-only history of every change (author, UTC time,
action, row before and after, reason), the editors' and reviewers' accounts and the queue
of imported rows that need a reviewer. The model the app and the CLI see is the CSV events
plus the ledger, validated together by the loader (:func:`dashboard.core.io.load_dataset`).

Storage goes through SQLAlchemy Core, not an ORM and not raw drivers: one set of table
definitions and queries runs on SQLite (the default, a file in the data folder) and on
PostgreSQL (``FRONTLINE_DB_URL=postgresql://…``, psycopg 3), with the pooling, type
conversion and transaction handling of the field's standard toolkit. The rows are plain
dictionaries, which is what validation and the CSV export need; an ORM's identity map and
unit of work would add nothing here.

Importing this package is cheap: SQLAlchemy is loaded only when a ledger is opened.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DB_URL_ENV", "ledger_configured", "Path", "SQLITE_FILE"]

DB_URL_ENV = "FRONTLINE_DB_URL"
SQLITE_FILE = "ledger.sqlite"


def ledger_configured(data_dir: Path) -> bool:
    """True when the data folder has a ledger: $FRONTLINE_DB_URL is set or the folder holds
    ``ledger.sqlite`` (the loader reads no database otherwise)."""
    return bool(os.environ.get(DB_URL_ENV)) or (data_dir / SQLITE_FILE).exists()
