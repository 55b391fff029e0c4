"""Accounts: argon2id hashes, throttling and lockout after repeated failures, logged."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import select

from dashboard.core.errors import DataError
from dashboard.core.ledger import accounts
from dashboard.core.ledger.accounts import MAX_FAILURES, add_user, can, sign_in
from dashboard.core.ledger.tables import users

T0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"


def test_passwords_are_stored_as_argon2id_hashes(db):
    add_user(db, "alice", "editor", PASSWORD)
    with db.engine.connect() as conn:
        mine = users.c.dataset == db.dataset  # the PostgreSQL server holds other tests' too
        stored = conn.execute(select(users.c.password_hash).where(mine)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert sign_in(db, "alice", PASSWORD, T0).role == "editor"


def test_repeated_failures_lock_the_account_and_are_logged(db, caplog):
    add_user(db, "alice", "editor", PASSWORD)
    caplog.set_level(logging.INFO, logger="frontline.auth")
    for _ in range(MAX_FAILURES - 1):
        assert sign_in(db, "alice", "guess", T0).role is None
    locked = sign_in(db, "alice", "guess", T0)
    assert locked.role is None and locked.locked_until == T0 + dt.timedelta(
        seconds=accounts.LOCKOUT_S
    )
    assert locked.message == accounts.WRONG  # the same answer as for an unknown name
    # while locked, even the right password is refused
    later = T0 + dt.timedelta(seconds=accounts.LOCKOUT_S - 1)
    assert sign_in(db, "alice", PASSWORD, later).role is None
    assert (
        sign_in(db, "alice", PASSWORD, T0 + dt.timedelta(seconds=accounts.LOCKOUT_S + 1)).role
        == "editor"
    )
    logged = [r.getMessage() for r in caplog.records]
    assert sum("sign-in failed: 'alice'" in m for m in logged) == MAX_FAILURES - 1
    assert any(
        f"account locked: 'alice' for 300 s after {MAX_FAILURES} failures" in m for m in logged
    )
    assert any("sign-in refused: 'alice' is locked" in m for m in logged)


def test_each_further_lockout_doubles(db):
    add_user(db, "alice", "editor", PASSWORD)
    now, lengths = T0, []
    for _ in range(3):
        for _ in range(MAX_FAILURES):
            result = sign_in(db, "alice", "guess", now)
        lengths.append((result.locked_until - now).total_seconds())
        now = result.locked_until + dt.timedelta(seconds=1)
    assert lengths == [300, 600, 1200]


def test_unknown_names_and_bad_accounts(db, caplog):
    caplog.set_level(logging.INFO, logger="frontline.auth")
    assert sign_in(db, "nobody", PASSWORD, T0).message == accounts.WRONG
    assert any("unknown user 'nobody'" in r.getMessage() for r in caplog.records)
    with pytest.raises(DataError, match="at least 8 characters"):
        add_user(db, "bob", "editor", "short")
    with pytest.raises(DataError, match="bad role 'admin'"):
        add_user(db, "bob", "admin", PASSWORD)


def test_roles():
    assert can("editor", "edit") and not can("editor", "review")
    assert can("reviewer", "edit") and can("reviewer", "review")
    assert not can(None, "edit")


def test_parallel_guesses_cannot_pass_the_limit(db, caplog):
    from concurrent.futures import ThreadPoolExecutor

    add_user(db, "bob", "editor", PASSWORD)
    caplog.set_level(logging.INFO, logger="frontline.auth")
    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(lambda _: sign_in(db, "bob", "guess", T0), range(12)))
    assert all(r.role is None for r in results)
    checked = [
        r
        for r in caplog.records
        if r.getMessage().startswith(("sign-in failed: 'bob'", "account locked: 'bob'"))
    ]
    assert len(checked) <= MAX_FAILURES
    assert sign_in(db, "bob", PASSWORD, T0 + dt.timedelta(seconds=1)).role is None  # locked


def test_attempts_of_a_process_that_died_mid_check_expire(db):
    from sqlalchemy import update

    add_user(db, "bob", "editor", PASSWORD)
    with db.engine.begin() as conn:
        conn.execute(update(users).values(pending=MAX_FAILURES, pending_at=T0))
    assert sign_in(db, "bob", PASSWORD, T0 + dt.timedelta(seconds=10)).role is None
    assert (
        sign_in(db, "bob", PASSWORD, T0 + accounts.PENDING_TTL + dt.timedelta(seconds=1)).role
        == "editor"
    )
