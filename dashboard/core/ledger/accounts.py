"""Editors' and reviewers' accounts: argon2id password hashes, throttling and lockout.

Guessing is limited twice. Per client (browser session, remote address; counted in the
ledger database, see :mod:`.throttle`): a few failures per quarter hour, fewer than it takes to lock an account,
so one client cannot lock anyone out on its own. Per account: after ``MAX_FAILURES`` in a
row the account is locked for ``LOCKOUT_S``, doubling with each further lockout up to
``MAX_LOCKOUT_S``; one level is forgotten per ``LOCKOUT_DECAY_S`` without a lockout, and
``user unlock NAME`` clears it. Every refusal -- unknown name, disabled account, wrong
password, locked account, throttled client -- gives the same message after the same work
(one argon2 check, against a dummy hash when no real one is checked), so neither the
answer nor its time tells which names exist. Each attempt is counted in a short write
transaction before the (slow, memory-hard) hash check, so parallel guesses cannot slip
past the counter. Every failure and lockout is logged on the ``frontline.auth`` logger.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, RowMapping, delete, insert, select, update

from dashboard.core.errors import DataError
from dashboard.core.io.validate import CONTROL_CHARACTER
from dashboard.core.ledger import store, throttle
from dashboard.core.ledger.read import LedgerDB
from dashboard.core.ledger.tables import ROLES, users
from dashboard.core.ledger.throttle import CLIENT_FAILURES

__all__ = [
    "add_user",
    "CAN",
    "can",
    "check_account",
    "disable_user",
    "LOCKOUT_DECAY_S",
    "LOCKOUT_S",
    "LOG",
    "MAX_FAILURES",
    "MAX_LOCKOUT_S",
    "MIN_PASSWORD",
    "PENDING_TTL",
    "remove_user",
    "sign_in",
    "SignIn",
    "unlock_user",
    "WRONG",
]

MAX_FAILURES = 2 * CLIENT_FAILURES
LOCKOUT_S = 300.0
MAX_LOCKOUT_S = 3600.0
LOCKOUT_DECAY_S = 3600.0
"""One lockout level is forgotten per this many seconds after the last lockout ended."""
MIN_PASSWORD = 8
PENDING_TTL = dt.timedelta(seconds=60)
"""A reserved attempt older than this is forgotten (its process died mid-check)."""
LOG = logging.getLogger("frontline.auth")
_HASHER = PasswordHasher()  # argon2id, 64 MiB, 3 passes (RFC 9106's second recommendation)
CAN = {"editor": {"edit"}, "reviewer": {"edit", "review"}}
WRONG = "Sign-in failed: unknown name or wrong password, or too many attempts (wait a few minutes)."


@dataclass(frozen=True)
class SignIn:
    """The outcome of one sign-in: ``role`` when it succeeded, else why not."""

    name: str
    role: str | None
    message: str
    locked_until: dt.datetime | None = None
    version: int | None = None
    """The account's password version when signed in (a reset signs the session out)."""


def can(role: str | None, what: str) -> bool:
    """Whether a role may ``edit`` (add, correct, retract) or ``review`` (the queue)."""
    return what in CAN.get(role or "", set())


def add_user(db: LedgerDB, name: str, role: str, password: str) -> None:
    """Create an account (or reset its password and role), hashing the password."""
    name = name.strip()
    if not name or len(name) > 200 or CONTROL_CHARACTER.search(name) or "\n" in name:
        raise DataError.single(
            db.label, 0, "a user name needs 1–200 characters and no control characters"
        )
    if role not in ROLES:
        raise DataError.single(db.label, 0, f"bad role {role!r} (allowed: {', '.join(ROLES)})")
    if len(password) < MIN_PASSWORD:
        raise DataError.single(
            db.label, 0, f"the password needs at least {MIN_PASSWORD} characters"
        )
    values = {"role": role, "password_hash": _HASHER.hash(password), "failed_attempts": 0,
              "pending": 0, "lockouts": 0, "locked_until": None, "disabled": False}  # fmt: skip
    with store.write_transaction(db.engine, db.dataset) as conn:
        done = conn.execute(
            update(users)
            .where(users.c.dataset == db.dataset, users.c.name == name)
            .values(**values, password_version=users.c.password_version + 1)
        )
        if done.rowcount == 0:
            conn.execute(
                insert(users).values(
                    dataset=db.dataset, name=name, created_at=store.utc_now(), **values
                )
            )


def sign_in(
    db: LedgerDB,
    name: str,
    password: str,
    now: dt.datetime | None = None,
    clients: Sequence[str] = (),
) -> SignIn:
    """Check a password; count failures per client and per account (see module doc).

    ``clients`` names the client (``session:…``, ``ip:…``). The attempt is counted
    (reserved) in one short write transaction before the slow hash check, which runs
    outside the lock, so parallel guesses cannot pass the limit and sign-ins do not hold
    up saves.
    """
    now = now or store.utc_now()
    name = name.strip()
    with store.write_transaction(db.engine, db.dataset) as conn:
        user, refused = _admit(conn, db, name, now, clients)
    if refused is not None:
        _verify(_dummy_hash(), password)  # the same work as any other answer
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
            message = f"Signed in as {name} ({user['role']})."
            return SignIn(name, user["role"], message, version=int(user["password_version"]))
        throttle.failed(conn, db.dataset, clients, now)
        return _failed(conn, user, now)


def unlock_user(db: LedgerDB, name: str) -> None:
    """Clear an account's failures and lockouts (an operator's ``user unlock NAME``)."""
    _change_user(db, name, failed_attempts=0, pending=0, lockouts=0, locked_until=None)
    LOG.warning("account unlocked: %r", name)


def disable_user(db: LedgerDB, name: str) -> None:
    """Refuse the account's sign-ins and sign out its sessions (``user add`` re-enables)."""
    _change_user(db, name, disabled=True)
    LOG.warning("account disabled: %r", name)


def remove_user(db: LedgerDB, name: str) -> None:
    """Delete an account (its name stays in the history it wrote)."""
    with store.write_transaction(db.engine, db.dataset) as conn:
        gone = conn.execute(
            delete(users).where(users.c.dataset == db.dataset, users.c.name == name.strip())
        )
    if gone.rowcount == 0:
        raise DataError.single(db.label, 0, f"no account named {name.strip()!r}")
    LOG.warning("account removed: %r", name)


def check_account(db: LedgerDB, name: str, what: str, version: int | None = None) -> str:
    """The account's current role when it exists, is enabled, may do ``what`` (edit,
    review) and, with ``version``, still has that password version; else DataError."""
    with store.read_transaction(db.engine) as conn:
        user = _user(conn, db, name.strip())
    shown = f"{name.strip()!r}"
    if user is None:
        problem = f"no account named {shown} (python -m dashboard user add NAME --role ROLE)"
    elif user["disabled"]:
        problem = f"the account {shown} is disabled"
    elif version is not None and int(user["password_version"]) != version:
        problem = f"the password of {shown} was changed: sign in again"
    elif not can(user["role"], what):
        problem = f"{shown} is {user['role']} and may not {what}"
    else:
        return str(user["role"])
    raise DataError.single(db.label, 0, problem)


def _change_user(db: LedgerDB, name: str, **values: object) -> None:
    with store.write_transaction(db.engine, db.dataset) as conn:
        done = conn.execute(
            update(users)
            .where(users.c.dataset == db.dataset, users.c.name == name.strip())
            .values(**values)
        )
    if done.rowcount == 0:
        raise DataError.single(db.label, 0, f"no account named {name.strip()!r}")


def _user(conn: Connection, db: LedgerDB, name: str) -> RowMapping | None:
    query = select(users).where(users.c.dataset == db.dataset, users.c.name == name)
    return conn.execute(query).mappings().first()


def _admit(
    conn: Connection, db: LedgerDB, name: str, now: dt.datetime, clients: Sequence[str]
) -> tuple[RowMapping | None, SignIn | None]:
    """The account and, when the attempt is refused before its password is checked, why:
    a throttled client (nothing counted against any account), else :func:`_refuse`."""
    if throttle.blocked(conn, db.dataset, clients, now):
        LOG.warning("sign-in refused: client %s is throttled (name %r)", ",".join(clients), name)
        return None, SignIn(name, None, WRONG)
    user = _user(conn, db, name)
    refused = _refuse(conn, user, name, now)
    if refused is not None:
        throttle.failed(conn, db.dataset, clients, now)
    return user, refused


def _refuse(
    conn: Connection, user: RowMapping | None, name: str, now: dt.datetime
) -> SignIn | None:
    """A refusal for an unknown name, a disabled or locked account or one whose attempts
    are used up; otherwise the attempt is reserved (counted as failed until the password
    checks out) and None."""
    if user is None or user["disabled"]:
        LOG.warning("sign-in failed: %s %r", "unknown user" if user is None else "disabled", name)
        return SignIn(name, None, WRONG)
    locked = store.as_utc(user["locked_until"])
    if locked and locked > now:
        LOG.warning("sign-in refused: %r is locked until %s", user["name"], f"{locked:%H:%M:%S}Z")
        return SignIn(user["name"], None, WRONG, locked)
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
    lockouts = _lockout_level(user, now) + 1
    seconds = min(LOCKOUT_S * 2 ** (lockouts - 1), MAX_LOCKOUT_S)
    until = now + dt.timedelta(seconds=seconds)
    _set(
        conn, user["id"], failed_attempts=0, pending=pending, lockouts=lockouts, locked_until=until
    )
    LOG.warning("account locked: %r for %.0f s after %d failures", user["name"], seconds, failures)
    return SignIn(user["name"], None, WRONG, until)


def _lockout_level(user: RowMapping, now: dt.datetime) -> int:
    """Earlier lockouts, less one per LOCKOUT_DECAY_S since the last one ended."""
    lockouts, ended = int(user["lockouts"]), store.as_utc(user["locked_until"])
    if ended is None or now <= ended:
        return lockouts
    return max(0, lockouts - int((now - ended).total_seconds() // LOCKOUT_DECAY_S))


def _set(conn: Connection, user_id: int, **values: object) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(**values))


@functools.cache
def _dummy_hash() -> str:
    """The hash a refused sign-in is checked against (the same work as a real check); made
    at the first sign-in, not at import: argon2 takes 64 MiB and a noticeable time."""
    return _HASHER.hash("frontline: not a password")


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
