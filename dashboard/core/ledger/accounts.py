"""Editors' and reviewers' accounts: argon2id password hashes, throttling and lockout.

Each failed sign-in counts against the account; after ``MAX_FAILURES`` in a row the account
is locked for ``LOCKOUT_S`` seconds, doubling with each further lockout (capped at a day).
While locked, no password is checked at all. Every failure and lockout is logged on the
``frontline.auth`` logger. Checks and counter updates run in the dataset's write
transaction, so parallel guesses cannot slip past the counter. Unknown names cost the same
hash work as known ones, so timing does not reveal which names exist.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, RowMapping, insert, select, update

from dashboard.core.ledger import store
from dashboard.core.ledger.read import LedgerDB
from dashboard.core.ledger.tables import ROLES, users
from dashboard.core.schema import DataError

MAX_FAILURES = 5
LOCKOUT_S = 300.0
MAX_LOCKOUT_S = 86_400.0
MIN_PASSWORD = 8
LOG = logging.getLogger("frontline.auth")
_HASHER = PasswordHasher()  # argon2id, 64 MiB, 3 passes (RFC 9106's second recommendation)
_DUMMY_HASH = _HASHER.hash("frontline: not a password")
CAN = {"editor": {"edit"}, "reviewer": {"edit", "review"}}


@dataclass(frozen=True)
class SignIn:
    """The outcome of one sign-in: ``role`` when it succeeded, else why not."""

    name: str
    role: str | None
    message: str
    locked_until: dt.datetime | None = None


def can(role: str | None, what: str) -> bool:
    """Whether a role may ``edit`` (add, correct, retract) or ``review`` (the queue)."""
    return what in CAN.get(role or "", set())


def add_user(db: LedgerDB, name: str, role: str, password: str) -> None:
    """Create an account (or reset its password and role), hashing the password."""
    name = name.strip()
    if not name or len(name) > 200:
        raise DataError.single(db.label, 0, "a user name needs 1–200 characters")
    if role not in ROLES:
        raise DataError.single(db.label, 0, f"bad role {role!r} (allowed: {', '.join(ROLES)})")
    if len(password) < MIN_PASSWORD:
        raise DataError.single(
            db.label, 0, f"the password needs at least {MIN_PASSWORD} characters"
        )
    values = {"role": role, "password_hash": _HASHER.hash(password), "failed_attempts": 0,
              "lockouts": 0, "locked_until": None}  # fmt: skip
    with store.write_transaction(db.engine, db.dataset) as conn:
        done = conn.execute(
            update(users)
            .where(users.c.dataset == db.dataset, users.c.name == name)
            .values(**values)
        )
        if done.rowcount == 0:
            conn.execute(
                insert(users).values(
                    dataset=db.dataset, name=name, created_at=store.utc_now(), **values
                )
            )


def sign_in(db: LedgerDB, name: str, password: str, now: dt.datetime | None = None) -> SignIn:
    """Check a password; count failures, lock the account after too many (see module doc)."""
    now = now or store.utc_now()
    with store.write_transaction(db.engine, db.dataset) as conn:
        user = (
            conn.execute(
                select(users).where(users.c.dataset == db.dataset, users.c.name == name.strip())
            )
            .mappings()
            .first()
        )
        if user is None:
            _verify(_DUMMY_HASH, password)
            LOG.warning("sign-in failed: unknown user %r", name)
            return SignIn(name, None, "Unknown name or wrong password.")
        locked = store.as_utc(user["locked_until"])
        if locked and locked > now:
            LOG.warning("sign-in refused: %r is locked until %s", name, f"{locked:%H:%M:%S}Z")
            return SignIn(name, None, _locked_message(locked), locked)
        if _verify(user["password_hash"], password):
            _set(conn, user["id"], failed_attempts=0, locked_until=None)
            LOG.info("signed in: %r (%s)", name, user["role"])
            return SignIn(name, user["role"], f"Signed in as {name} ({user['role']}).")
        return _failed(conn, user, now)


def _failed(conn: Connection, user: RowMapping, now: dt.datetime) -> SignIn:
    failures = int(user["failed_attempts"]) + 1
    if failures < MAX_FAILURES:
        _set(conn, user["id"], failed_attempts=failures)
        LOG.warning("sign-in failed: %r (%d of %d)", user["name"], failures, MAX_FAILURES)
        return SignIn(user["name"], None, "Unknown name or wrong password.")
    lockouts = int(user["lockouts"]) + 1
    seconds = min(LOCKOUT_S * 2 ** (lockouts - 1), MAX_LOCKOUT_S)
    until = now + dt.timedelta(seconds=seconds)
    _set(conn, user["id"], failed_attempts=0, lockouts=lockouts, locked_until=until)
    LOG.warning("account locked: %r for %.0f s after %d failures", user["name"], seconds, failures)
    return SignIn(user["name"], None, _locked_message(until), until)


def _locked_message(until: dt.datetime) -> str:
    return f"Too many failed sign-ins: this account is locked until {until:%Y-%m-%d %H:%M:%S} UTC."


def _set(conn: Connection, user_id: int, **values: object) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(**values))


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
