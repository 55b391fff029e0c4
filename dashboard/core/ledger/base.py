"""The dataset's base tables as the ledger database knows them, so that every replica's saves
validate against the same data.

A save validates the whole dataset (the CSV tables plus the team's rows) inside the
database's write lock. The CSV tables are read from the replica's own data folder, so the
database keeps their identity: one ``datasets`` row per dataset id with the SHA-256 of each
table the loader reads (``dataset.toml``, ``events/*.csv``, ``events/factions.csv``,
``geo/places.csv``). The first save binds the dataset to the tables it sees; every later
save, inside the lock, first checks that its replica's tables are those, and is refused,
naming the dataset and the table, when they are not. ``frontline ledger bind`` records the
current tables after a deliberate update of the data (on every replica).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, update

from dashboard.core.dataset import DATASET_FILE, read_info
from dashboard.core.errors import DataError
from dashboard.core.io.load import event_files, geo_file, load_dataset
from dashboard.core.ledger import ledger_configured, store
from dashboard.core.ledger.read import LedgerDB, iso, team_frame
from dashboard.core.ledger.tables import datasets
from dashboard.core.schema import FACTIONS_FILE, PLACES_FILE

__all__ = [
    "bind_tables",
    "bound_tables",
    "check_or_bind",
    "differences",
    "local_tables",
    "replica_mismatch",
]


def local_tables(data_dir: Path) -> dict[str, str]:
    """SHA-256 of each table the loader reads from ``data_dir``, keyed by its path inside
    the folder (``geo/places.csv`` is the bundled one when the folder has none)."""
    files: dict[str, Path] = {}
    toml = data_dir / DATASET_FILE
    if toml.is_file():
        files[DATASET_FILE] = toml
    for table in event_files(data_dir, read_info(data_dir).files()):
        files[f"events/{table.name}"] = table
    factions = data_dir / "events" / FACTIONS_FILE
    if factions.is_file():
        files[f"events/{FACTIONS_FILE}"] = factions
    files[f"geo/{PLACES_FILE}"] = geo_file(data_dir, PLACES_FILE)
    return {name: _sha256(path) for name, path in sorted(files.items())}


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as err:
        raise DataError.single(str(path), 0, f"cannot read file: {err.strerror}") from None


def bound_tables(conn: Connection, dataset: str) -> dict[str, Any] | None:
    """The dataset's row: {"tables": {path: sha256}, "bound_at", "bound_by"}, or None."""
    row = conn.execute(select(datasets).where(datasets.c.dataset == dataset)).mappings().first()
    if row is None:
        return None
    return {"tables": dict(row["tables"]), "bound_at": iso(row["bound_at"]),
            "bound_by": row["bound_by"]}  # fmt: skip


def differences(local: dict[str, str], bound: dict[str, str]) -> list[str]:
    """What differs, one phrase per table: ``events/a.csv differs``, ``… is missing here``,
    ``… is not in the ledger's tables``.

    >>> differences({"a.csv": "1", "b.csv": "2"}, {"a.csv": "1", "b.csv": "3", "c.csv": "4"})
    ['b.csv differs', 'c.csv is missing here']
    """
    out = []
    for name in sorted(set(local) | set(bound)):
        if name not in local:
            out.append(f"{name} is missing here")
        elif name not in bound:
            out.append(f"{name} is not in the ledger's tables")
        elif local[name] != bound[name]:
            out.append(f"{name} differs")
    return out


def _refusal(db: LedgerDB, found: list[str], bound_at: str) -> DataError:
    return DataError.single(
        db.label, 0,
        f"this replica's copy of dataset {db.dataset!r} is not the one the ledger holds "
        f"({'; '.join(found)}; bound {bound_at}): saves are refused until its data matches, "
        "or `frontline ledger bind` records the new tables",
    )  # fmt: skip


def check_or_bind(conn: Connection, db: LedgerDB, by: str) -> None:
    """Inside a save's write transaction: bind the dataset to this replica's tables when it
    has no binding yet, else refuse (DataError naming dataset and table) when they differ."""
    local = local_tables(db.data_dir)
    bound = bound_tables(conn, db.dataset)
    if bound is None:
        conn.execute(insert(datasets).values(**_row(db, local, by)))
        return
    found = differences(local, bound["tables"])
    if found:
        raise _refusal(db, found, bound["bound_at"])


def _row(db: LedgerDB, local: dict[str, str], by: str) -> dict[str, Any]:
    digest = hashlib.sha256("".join(f"{k}\0{v}\n" for k, v in local.items()).encode()).hexdigest()
    return {"dataset": db.dataset, "digest": digest, "tables": local,
            "bound_at": store.utc_now(), "bound_by": by}  # fmt: skip


def bind_tables(db: LedgerDB, by: str) -> list[str]:
    """Record this replica's tables as the dataset's (after an update of the data); return
    what changed. Refused, with nothing written, when the team's rows do not validate
    against them."""
    with store.write_transaction(db.engine, db.dataset) as conn:
        local = local_tables(db.data_dir)
        bound = bound_tables(conn, db.dataset)
        load_dataset(db.data_dir, team_rows=(team_frame(conn, db.dataset), db.label))
        row = _row(db, local, by)
        if bound is None:
            conn.execute(insert(datasets).values(**row))
            return sorted(local)
        conn.execute(update(datasets).where(datasets.c.dataset == db.dataset).values(**row))
        return differences(local, bound["tables"])


def replica_mismatch(db: LedgerDB) -> str | None:
    """Without taking the write lock: why saves through this replica would be refused
    because its tables are not the ledger's (one line), else None."""
    if not ledger_configured(db.data_dir):
        return None  # no ledger yet (reading must not create its file)
    with store.read_transaction(db.engine) as conn:
        bound = bound_tables(conn, db.dataset)
    if bound is None:
        return None
    found = differences(local_tables(db.data_dir), bound["tables"])
    return str(_refusal(db, found, bound["bound_at"])) if found else None
