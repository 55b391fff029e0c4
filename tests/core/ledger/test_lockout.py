"""Issue 22: nobody can lock out an editor alone, lockouts decay and can be cleared, and
every refusal looks the same (message and hash work), so names cannot be enumerated."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from dashboard.cli import main
from dashboard.core.errors import DataError
from dashboard.core.ledger import accounts
from dashboard.core.ledger.accounts import (
    MAX_FAILURES,
    add_user,
    check_account,
    disable_user,
    remove_user,
    sign_in,
    unlock_user,
)
from dashboard.core.ledger.tables import client_failures, users
from dashboard.core.ledger.throttle import CLIENT_FAILURES, CLIENT_WINDOW_S
from tests.support.paths import ROOT

T0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"


@pytest.fixture
def hash_checks(monkeypatch) -> list[str]:
    """Every argon2 verification, by the hash it checked against."""
    seen: list[str] = []
    real = PasswordHasher.verify

    def counted(self, hashed, password):
        seen.append(hashed)
        return real(self, hashed, password)

    monkeypatch.setattr(PasswordHasher, "verify", counted)
    return seen


def lock(db, name: str, now: dt.datetime) -> accounts.SignIn:
    for _ in range(MAX_FAILURES):
        result = sign_in(db, name, "guess", now)
    assert result.locked_until is not None
    return result


def test_unknown_locked_disabled_and_throttled_answer_alike(db, hash_checks):
    add_user(db, "alice", "editor", PASSWORD)
    add_user(db, "carol", "editor", PASSWORD)
    disable_user(db, "carol")
    lock(db, "alice", T0)
    for _ in range(CLIENT_FAILURES):
        sign_in(db, "nobody", "guess", T0, clients=["session:t"])
    hash_checks.clear()
    answers = [
        sign_in(db, "nobody", PASSWORD, T0),  # unknown name
        sign_in(db, "alice", PASSWORD, T0),  # locked (the right password)
        sign_in(db, "carol", PASSWORD, T0),  # disabled
        sign_in(db, "alice", PASSWORD, T0, clients=["session:t"]),  # throttled client
    ]
    assert {a.message for a in answers} == {accounts.WRONG}
    assert all(a.role is None for a in answers)
    assert len(hash_checks) == len(answers)  # one argon2 check each, as for a real password


def test_one_client_cannot_lock_an_account(db):
    add_user(db, "alice", "editor", PASSWORD)
    for _ in range(3 * MAX_FAILURES):
        assert (
            sign_in(db, "alice", "guess", T0, clients=["session:evil", "ip:192.0.2.9"]).role is None
        )
    with db.engine.connect() as conn:
        mine = (users.c.dataset == db.dataset) & (users.c.name == "alice")
        row = conn.execute(select(users).where(mine)).mappings().one()
    assert row["locked_until"] is None and row["failed_attempts"] == CLIENT_FAILURES
    assert sign_in(db, "alice", PASSWORD, T0, clients=["session:alice"]).role == "editor"
    # the throttled client stays refused, even with the right password, for its window
    assert sign_in(db, "alice", PASSWORD, T0, clients=["session:evil"]).role is None


def test_lockouts_decay_and_are_capped(db):
    add_user(db, "alice", "editor", PASSWORD)
    now, lengths = T0, []
    for _ in range(6):
        until = lock(db, "alice", now).locked_until
        lengths.append((until - now).total_seconds())
        now = until + dt.timedelta(seconds=1)
    assert lengths == [300, 600, 1200, 2400, 3600, 3600]
    quiet = now + dt.timedelta(seconds=accounts.LOCKOUT_DECAY_S * 10)
    assert (lock(db, "alice", quiet).locked_until - quiet).total_seconds() == 300


def test_an_operator_unlocks_an_account(db, folder, capsys):
    add_user(db, "alice", "editor", PASSWORD)
    lock(db, "alice", accounts.store.utc_now())
    assert sign_in(db, "alice", PASSWORD).role is None
    assert main(["user", "unlock", "alice", "--data", str(folder)]) == 0
    assert "user alice unlocked" in capsys.readouterr().out
    assert sign_in(db, "alice", PASSWORD).role == "editor"
    assert main(["user", "unlock", "nobody", "--data", str(folder)]) == 2
    assert "no account named 'nobody'" in capsys.readouterr().err
    with pytest.raises(DataError):
        unlock_user(db, "ghost")


def test_sessions_are_checked_against_the_account(db, folder):
    add_user(db, "rita", "reviewer", PASSWORD)
    version = sign_in(db, "rita", PASSWORD, T0).version
    assert check_account(db, "rita", "review", version) == "reviewer"
    add_user(db, "rita", "editor", PASSWORD)  # demoted (and the password reset)
    with pytest.raises(DataError, match="was changed"):
        check_account(db, "rita", "edit", version)
    version = sign_in(db, "rita", PASSWORD, T0).version
    assert check_account(db, "rita", "edit", version) == "editor"
    with pytest.raises(DataError, match="'rita' is editor and may not review"):
        check_account(db, "rita", "review", version)
    assert main(["user", "disable", "rita", "--data", str(folder)]) == 0
    with pytest.raises(DataError, match="is disabled"):
        check_account(db, "rita", "edit", version)
    assert sign_in(db, "rita", PASSWORD, T0).role is None
    assert main(["user", "remove", "rita", "--data", str(folder)]) == 0
    with pytest.raises(DataError, match="no account named 'rita'"):
        check_account(db, "rita", "edit")
    with pytest.raises(DataError):
        remove_user(db, "rita")


GUESSES_IN_ANOTHER_PROCESS = """
import datetime as dt, sys
from dashboard.core.ledger.accounts import sign_in
from dashboard.core.ledger.read import open_ledger
from dashboard.core.ledger.throttle import CLIENT_FAILURES
now = dt.datetime.fromisoformat(sys.argv[2])
for _ in range(CLIENT_FAILURES):
    assert sign_in(open_ledger(sys.argv[1]), "nobody", "guess", now, ["session:gone"]).role is None
"""


def test_a_restart_forgets_no_client_failures(db, folder):
    add_user(db, "alice", "editor", PASSWORD)
    now = accounts.store.utc_now()
    done = subprocess.run(
        [sys.executable, "-c", GUESSES_IN_ANOTHER_PROCESS, str(folder), now.isoformat()],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    accounts.store.dispose_all()  # this process's connections start afresh too
    assert sign_in(db, "alice", PASSWORD, now, clients=["session:gone"]).role is None
    assert sign_in(db, "alice", PASSWORD, now, clients=["session:new"]).role == "editor"
    later = now + dt.timedelta(seconds=CLIENT_WINDOW_S + 1)
    assert sign_in(db, "alice", PASSWORD, later, clients=["session:gone"]).role == "editor"
    assert sign_in(db, "alice", "guess", later, clients=["session:other"]).role is None
    mine = select(client_failures.c.client).where(client_failures.c.dataset == db.dataset)
    with db.engine.connect() as conn:  # the failures that left the window were deleted
        assert list(conn.execute(mine).scalars()) == ["session:other"]
