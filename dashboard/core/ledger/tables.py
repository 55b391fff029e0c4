"""The ledger's tables (SQLAlchemy Core): team events, history, users, review queue, the
client throttle's failures and the dataset's base tables (their SHA-256 per file, see :mod:`.base`).

Every table has a ``dataset`` column (the dataset's id from ``dataset.toml``, the same on
every replica; ledgers written before ids used the folder's resolved path, see
:func:`.read.adopt_path_keyed_rows`), so one PostgreSQL database can hold the ledgers of
several datasets; a SQLite ledger holds one.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from dashboard.core.schema import EVENT_COLUMNS

__all__ = ["ACTIONS", "ADDED_COLUMNS", "ROLES"]

ACTIONS = ("add", "correct", "retract", "approve", "reject")
ROLES = ("editor", "reviewer")
ACTIVE, RETRACTED = "active", "retracted"
OPEN, APPROVED, REJECTED = "open", "approved", "rejected"

metadata = MetaData()

team_events = Table(
    "team_events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(1000), nullable=False),
    Column("event_id", String(200), nullable=False),
    Column("status", String(12), nullable=False),
    *[Column(c, Text, nullable=False, default="") for c in EVENT_COLUMNS if c != "event_id"],
    Column("updated_by", String(200), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("dataset", "event_id", name="team_events_one_row_per_event"),
)
"""The team's current version of each event it added, corrected or retracted."""

history = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(1000), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("by", String(200), nullable=False),
    Column("action", String(12), nullable=False),
    Column("event_id", String(200), nullable=False),
    Column("review_id", Integer),
    Column("before", JSON),
    Column("after", JSON),
    Column("reason", Text, nullable=False, default=""),
    Column("prev_hash", String(64)),
    Column("hash", String(64)),
)
"""Append-only: database triggers refuse UPDATE, DELETE, REPLACE and TRUNCATE (see
:mod:`.store`); each entry is chained to the one before by hash (:mod:`.chain`)."""

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(1000), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(12), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("pending", Integer, nullable=False, default=0),  # sign-ins being checked now
    Column("pending_at", DateTime(timezone=True)),
    Column("lockouts", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("password_version", Integer, nullable=False, default=0),  # +1 on each reset
    UniqueConstraint("dataset", "name", name="users_one_name"),
)
"""A session signed in under an older ``password_version`` (or a disabled account) is out."""

ADDED_COLUMNS = {
    "history": [("prev_hash", "VARCHAR(64)"), ("hash", "VARCHAR(64)")],
    "users": [
        ("disabled", "BOOLEAN NOT NULL DEFAULT FALSE"),
        ("password_version", "INTEGER NOT NULL DEFAULT 0"),
    ],
}
"""Columns added after the first release: ``ALTER TABLE … ADD COLUMN`` on older ledgers."""

review_queue = Table(
    "review_queue",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(1000), nullable=False, index=True),
    Column("origin", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("raw", JSON, nullable=False),
    Column("candidate", JSON, nullable=False),
    Column("status", String(12), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("decided_by", String(200)),
    Column("decided_at", DateTime(timezone=True)),
    Column("decision_reason", Text),
    Column("event_id", String(200)),
)
"""Rows an import could not settle: the original row, why, and a candidate event."""

datasets = Table(
    "datasets",
    metadata,
    Column("dataset", String(1000), primary_key=True),
    Column("digest", String(64), nullable=False),
    Column("tables", JSON, nullable=False),
    Column("bound_at", DateTime(timezone=True), nullable=False),
    Column("bound_by", String(200), nullable=False),
)
"""The CSV tables a dataset's saves validate against: ``tables`` maps each file's path in
the data folder to its SHA-256, ``digest`` is the SHA-256 of that list."""

client_failures = Table(
    "client_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(1000), nullable=False),
    Column("client", String(300), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("client_failures_by_client", "dataset", "client", "at"),
)
"""Failed sign-ins per client key within the throttle's window (see :mod:`.throttle`)."""
