"""The history's hash chain: each entry's SHA-256 covers its fields and the previous hash.

Database triggers refuse UPDATE, DELETE, REPLACE (SQLite) and TRUNCATE (PostgreSQL) on the
history, but someone with write access to the database file or an owner's login can drop
a trigger first (SQLite cannot stop ``DROP TRIGGER``). The chain detects what the
triggers cannot prevent: an edited, deleted or inserted entry breaks every link after it.
Removing entries from the *end* leaves a shorter valid chain, so :func:`verify` reports
the head hash: an operator who records it (in a ticket, a commit) can check it later.
Entries written before the chain existed have no hash and are reported as unchained.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from dashboard.core.ledger import store
from dashboard.core.ledger.read import LedgerDB
from dashboard.core.ledger.tables import history

__all__ = ["entry_hash", "FIELDS", "GENESIS", "last_hash", "Verdict", "verify"]

GENESIS = "0" * 64
FIELDS = ("dataset", "at", "by", "action", "event_id", "review_id", "before", "after", "reason")


def entry_hash(prev: str, entry: dict[str, Any]) -> str:
    """SHA-256 of the previous hash and the entry's fields (canonical JSON; ``at`` as
    UTC ISO 8601 with microseconds, as stored)."""
    fields = {k: entry.get(k) for k in FIELDS}
    fields["at"] = store.as_utc(entry["at"]).isoformat()  # type: ignore[union-attr]
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev}\n{text}".encode()).hexdigest()


def last_hash(conn: Connection, dataset: str) -> str:
    """The newest chained entry's hash (GENESIS before the first), inside the caller's
    write transaction so no other save can slip in between."""
    query = (
        select(history.c.hash)
        .where(history.c.dataset == dataset, history.c.hash.is_not(None))
        .order_by(history.c.id.desc())
        .limit(1)
    )
    return conn.execute(query).scalar() or GENESIS


@dataclass
class Verdict:
    """The outcome of :func:`verify`: problems (empty when the chain holds) and counts."""

    checked: int = 0
    unchained: int = 0
    head: str = GENESIS
    problems: list[str] = field(default_factory=list)


def verify(db: LedgerDB) -> Verdict:
    """Recompute every link of the dataset's history, oldest first."""
    verdict, prev = Verdict(), GENESIS
    with store.read_transaction(db.engine) as conn:
        rows = conn.execute(
            select(history).where(history.c.dataset == db.dataset).order_by(history.c.id)
        ).mappings()
        for row in rows:
            if row["hash"] is None:
                if verdict.checked:
                    verdict.problems.append(f"entry {row['id']}: no hash after chained entries")
                verdict.unchained += 1
                continue
            verdict.checked += 1
            if row["prev_hash"] != prev:
                verdict.problems.append(
                    f"entry {row['id']}: links to {str(row['prev_hash'])[:12]}…, but the entry "
                    f"before it hashes to {prev[:12]}… (an entry was removed or inserted)"
                )
            if entry_hash(str(row["prev_hash"]), dict(row)) != row["hash"]:
                verdict.problems.append(f"entry {row['id']}: its fields do not match its hash")
            prev = str(row["hash"])
    verdict.head = prev
    return verdict
