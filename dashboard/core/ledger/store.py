"""Open a ledger database and run one write transaction at a time per dataset.

SQLite (default): ``DATA/ledger.sqlite`` in WAL mode (readers never wait for the writer),
``synchronous=FULL`` (a save reported done survives a crash or power cut) and each save in
one ``BEGIN IMMEDIATE`` transaction: the write lock is taken before anything is read, so the
validation inside the transaction sees every earlier save.

PostgreSQL (``FRONTLINE_DB_URL=postgresql://…``, driver psycopg 3): each save takes a
transaction-scoped advisory lock keyed by the dataset as its first statement, then reads and
validates in READ COMMITTED. This gives the same one-writer-at-a-time order as SQLite, so the
second of two conflicting saves reads the first and is refused with the conflict named.
SERIALIZABLE would refuse it too, but with a generic serialization failure that has to be
retried, and the whole-dataset read that validation does makes such failures common.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InterfaceError, OperationalError

from dashboard.core.errors import DataError
from dashboard.core.ledger import DB_URL_ENV, SQLITE_FILE
from dashboard.core.ledger.tables import ADDED_COLUMNS, metadata

__all__ = [
    "as_utc",
    "BUSY_TIMEOUT_MS",
    "database_url",
    "describe",
    "dispose_all",
    "engine_for",
    "ensure_schema",
    "lock_key",
    "PG_APPEND_ONLY",
    "read_transaction",
    "SQLITE_APPEND_ONLY",
    "unavailable_as_data_error",
    "utc_now",
    "write_transaction",
]

BUSY_TIMEOUT_MS = 30_000
_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()
_READY: set[tuple[str, str]] = set()

SQLITE_APPEND_ONLY = [
    "CREATE TRIGGER IF NOT EXISTS history_no_update BEFORE UPDATE ON history "
    "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS history_no_delete BEFORE DELETE ON history "
    "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
    # INSERT OR REPLACE deletes the old row without firing DELETE triggers: refuse any
    # insert whose id is taken (BEFORE INSERT runs before the conflict is resolved)
    "CREATE TRIGGER IF NOT EXISTS history_no_replace BEFORE INSERT ON history "
    "WHEN EXISTS (SELECT 1 FROM history WHERE id = NEW.id) "
    "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
]
PG_APPEND_ONLY = [
    "CREATE OR REPLACE FUNCTION frontline_history_append_only() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'history is append-only'; END $$",
    "CREATE OR REPLACE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history "
    "FOR EACH ROW EXECUTE FUNCTION frontline_history_append_only()",
    "CREATE OR REPLACE TRIGGER history_no_truncate BEFORE TRUNCATE ON history "
    "FOR EACH STATEMENT EXECUTE FUNCTION frontline_history_append_only()",
    "REVOKE TRUNCATE ON history FROM PUBLIC, CURRENT_USER",
]


def utc_now() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time as aware UTC (SQLite returns naive datetimes that were written as UTC)."""
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def database_url(data_dir: Path) -> str:
    """$FRONTLINE_DB_URL (``postgresql://`` is given the psycopg 3 driver), else the data
    folder's SQLite file."""
    url = os.environ.get(DB_URL_ENV, "").strip()
    if not url:
        return f"sqlite:///{data_dir / SQLITE_FILE}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if url.startswith(("postgresql+psycopg://", "sqlite:///")):
        return url
    raise DataError.single(DB_URL_ENV, 0, "expected a postgresql://… URL")


def describe(url: str) -> str:
    """The database for messages: the SQLite path, or the URL without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return str(parsed.database)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=True)


def engine_for(url: str) -> Engine:
    """One engine (connection pool) per database URL and process."""
    with _LOCK:
        if url not in _ENGINES:
            _ENGINES[url] = _create(url)
        return _ENGINES[url]


def _create(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 10, "options": f"-c lock_timeout={BUSY_TIMEOUT_MS}"},
    )


def _create_private(path: str | None) -> None:
    """Create the SQLite file mode 0600 (it holds password hashes); SQLite gives its -wal
    and -shm files the database file's mode."""
    if path and path != ":memory:":
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            pass
        except OSError:  # no such folder, read-only: the first query reports it
            pass


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's begin event issues BEGIN itself
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=FULL",
        f"busy_timeout={BUSY_TIMEOUT_MS}",
        "foreign_keys=ON",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    write = conn.get_execution_options().get("frontline_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def lock_key(dataset: str) -> int:
    """A stable signed 64-bit advisory-lock key for a dataset."""
    digest = hashlib.sha256(f"frontline-ledger:{dataset}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def write_transaction(engine: Engine, dataset: str) -> Iterator[Connection]:
    """One transaction holding the dataset's write lock; commits on success, else rolls back.
    An unreachable or busy database is a DataError naming it."""
    with unavailable_as_data_error(engine):
        ensure_schema(engine)
        with engine.execution_options(frontline_write=True).begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(dataset)})
            yield conn


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction (one consistent snapshot on SQLite)."""
    with unavailable_as_data_error(engine):
        ensure_schema(engine)
        with engine.begin() as conn:
            yield conn


@contextmanager
def unavailable_as_data_error(engine: Engine) -> Iterator[None]:
    """Turn "cannot connect", "database is locked" and lock timeouts into one DataError line."""
    try:
        yield
    except (OperationalError, InterfaceError) as err:
        where = describe(engine.url.render_as_string(hide_password=False))
        reason = str(err.orig).strip().splitlines()[0] if err.orig else type(err).__name__
        raise DataError.single(where, 0, f"the ledger database is unavailable: {reason}") from err


def ensure_schema(engine: Engine) -> None:
    """Create the tables and the append-only triggers once per process (idempotent, and
    safe when several processes start at once)."""
    key = (str(engine.url), engine.dialect.name)
    if engine.dialect.name == "sqlite":
        _create_private(engine.url.database)
    if key in _READY:
        return
    with engine.execution_options(frontline_write=True).begin() as conn:
        postgres = engine.dialect.name == "postgresql"
        if postgres:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key("schema")})
        metadata.create_all(conn)
        _add_new_columns(conn)
        for statement in PG_APPEND_ONLY if postgres else SQLITE_APPEND_ONLY:
            conn.exec_driver_sql(statement)
    _READY.add(key)


def _add_new_columns(conn: Connection) -> None:
    """Bring a ledger made by an older release up to date (columns added since)."""
    for table, columns in ADDED_COLUMNS.items():
        have = {c["name"] for c in inspect(conn).get_columns(table)}
        for name, ddl in columns:
            if name not in have:
                conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {ddl}")


def dispose_all() -> None:
    """Close every pooled connection of this process (tests, before a database goes away)."""
    with _LOCK:
        for engine in _ENGINES.values():
            engine.dispose()
        _ENGINES.clear()
        _READY.clear()
