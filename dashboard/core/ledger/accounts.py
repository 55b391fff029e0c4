"""Editors' and reviewers' accounts: argon2id password hashes, throttling and lockout.

Each failed sign-in counts against the account; after ``MAX_FAILURES`` in a row the account
is locked for ``LOCKOUT_S`` seconds, doubling with each further lockout (capped at a day).
While locked, no password is checked at all. Every failure and lockout is logged on the
``frontline.auth`` logger. Each attempt is counted in a short write transaction before
the (slow, memory-hard) hash check, so parallel guesses cannot slip past the counter. Unknown names cost the same
hash work as known ones, so timing does not reveal which names exist.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, RowMapping, insert, select, update

from dashboard.core.errors import DataError
from dashboard.core.ledger import store
from dashboard.core.ledger.read import LedgerDB
from dashboard.core.ledger.tables import ROLES, users

MAX_FAILURES = 5
LOCKOUT_S = 300.0
MAX_LOCKOUT_S = 86_400.0
MIN_PASSWORD = 8
PENDING_TTL = dt.timedelta(seconds=60)
"""A reserved attempt older than this is forgotten (its process died mid-check)."""
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
              "pending": 0, "lockouts": 0, "locked_until": None}  # fmt: skip
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
    """Check a password; count failures, lock the account after too many (see module doc).

    The attempt is counted (reserved) in one short write transaction before the slow hash
    check, which runs outside the lock, so parallel guesses cannot pass the limit and
    sign-ins do not hold up saves.
    """
    now = now or store.utc_now()
    name = name.strip()
    with store.write_transaction(db.engine, db.dataset) as conn:
        user = _user(conn, db, name)
        refused = SignIn(name, None, WRONG) if user is None else _refuse_if_locked(conn, user, now)
    if user is None:
        _verify(_DUMMY_HASH, password)  # the same work as for a real account
        LOG.warning("sign-in failed: unknown user %r", name)
    if refused is not None:
        return refused
    assert user is not None
    ok = _verify(user["password_hash"], password)
    with store.write_transaction(db.engine, db.dataset) as conn:
        user = _user(conn, db, name)
        assert user is not None
        if ok:
            pending = max(int(user["pending"]) - 1, 0)
            _set(conn, user["id"], failed_attempts=0, pending=pending, locked_until=None)
            LOG.info("signed in: %r (%s)", name, user["role"])
            return SignIn(name, user["role"], f"Signed in as {name} ({user['role']}).")
        return _failed(conn, user, now)


WRONG = "Unknown name or wrong password."


def _user(conn: Connection, db: LedgerDB, name: str) -> RowMapping | None:
    query = select(users).where(users.c.dataset == db.dataset, users.c.name == name)
    return conn.execute(query).mappings().first()


def _refuse_if_locked(conn: Connection, user: RowMapping, now: dt.datetime) -> SignIn | None:
    """A refusal while the account is locked or its attempts are used up; otherwise the
    attempt is reserved (counted as failed until the password checks out) and None."""
    locked = store.as_utc(user["locked_until"])
    if locked and locked > now:
        LOG.warning("sign-in refused: %r is locked until %s", user["name"], f"{locked:%H:%M:%S}Z")
        return SignIn(user["name"], None, _locked_message(locked), locked)
    since = store.as_utc(user["pending_at"])
    pending = int(user["pending"]) if since and now - since < PENDING_TTL else 0
    if int(user["failed_attempts"]) + pending >= MAX_FAILURES:
        LOG.warning("sign-in refused: %r has %d attempts in flight", user["name"], pending)
        return SignIn(user["name"], None, WRONG)
    _set(conn, user["id"], pending=pending + 1, pending_at=now)
    return None


def _failed(conn: Connection, user: RowMapping, now: dt.datetime) -> SignIn:
    failures = int(user["failed_attempts"]) + 1
    pending = max(int(user["pending"]) - 1, 0)
    if failures < MAX_FAILURES:
        _set(conn, user["id"], failed_attempts=failures, pending=pending)
        LOG.warning("sign-in failed: %r (%d of %d)", user["name"], failures, MAX_FAILURES)
        return SignIn(user["name"], None, WRONG)
    lockouts = int(user["lockouts"]) + 1
    seconds = min(LOCKOUT_S * 2 ** (lockouts - 1), MAX_LOCKOUT_S)
    until = now + dt.timedelta(seconds=seconds)
    _set(
        conn, user["id"], failed_attempts=0, pending=pending, lockouts=lockouts, locked_until=until
    )
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
