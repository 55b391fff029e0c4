"""Issue 22: the history cannot be rewritten with INSERT OR REPLACE or TRUNCATE, a rewrite
by someone who drops the triggers is detected by the hash chain, and ledger.sqlite is
private (it holds the password hashes)."""

from __future__ import annotations

import stat

import pytest
from sqlalchemy import text

from dashboard.cli import main
from dashboard.core.ledger import SQLITE_FILE, chain
from dashboard.core.ledger.read import history_entries
from dashboard.core.ledger.writes import add_event, correct_event

NEW = {"date": "2020-03-01", "place": "Gammaburg", "controller": "North",
       "confidence": "claimed", "source_title": "Field report"}  # fmt: skip
TRIGGERS = {
    "sqlite": ["DROP TRIGGER history_no_update", "DROP TRIGGER history_no_delete"],
    "postgresql": ["ALTER TABLE history DISABLE TRIGGER history_append_only"],
}


def three_entries(db) -> None:
    added = add_event(db, NEW, "alice", "first")
    correct_event(db, added["event_id"], {"controller": "South"}, "bob", "second")
    correct_event(db, added["event_id"], {"confidence": "confirmed"}, "carol", "third")


@pytest.fixture
def tamper(db, backend):
    """Run SQL as someone who drops (SQLite) or disables (PostgreSQL) the triggers first."""

    def run(*statements: str) -> None:
        with db.engine.begin() as conn:
            for statement in [*TRIGGERS[backend], *statements]:
                conn.execute(text(statement), {"ds": db.dataset})

    yield run
    if backend == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(text("ALTER TABLE history ENABLE TRIGGER history_append_only"))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # REPLACE is SQLite's
def test_insert_or_replace_is_refused(db):
    three_entries(db)
    first = history_entries(db)[0]
    replace = (
        "INSERT OR REPLACE INTO history (id, dataset, at, by, action, event_id, reason) "
        "SELECT id, dataset, at, 'mallory', action, event_id, 'rewritten' FROM history "
        "WHERE id = (SELECT min(id) FROM history)"
    )
    with pytest.raises(Exception, match="append-only"):
        with db.engine.begin() as conn:
            conn.execute(text(replace))
    assert history_entries(db)[0] == first


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)  # SQLite has no TRUNCATE
def test_truncate_is_refused(db):
    three_entries(db)
    with pytest.raises(Exception, match="append-only|permission denied"):
        with db.engine.begin() as conn:
            conn.execute(text("TRUNCATE history"))
    assert len(history_entries(db)) == 3


def test_the_chain_holds_and_the_cli_prints_its_head(db, folder, capsys):
    three_entries(db)
    verdict = chain.verify(db)
    assert verdict.problems == [] and verdict.checked == 3 and len(verdict.head) == 64
    assert main(["history", "--verify", "--data", str(folder)]) == 0
    assert capsys.readouterr().out.strip() == f"history chain ok: 3 entries; head {verdict.head}"


@pytest.mark.parametrize(
    ("statement", "found"),
    [
        ("UPDATE history SET reason = 'nothing happened' WHERE id = "
         "(SELECT min(id) + 1 FROM history WHERE dataset = :ds)", "do not match its hash"),
        ("DELETE FROM history WHERE id = (SELECT min(id) + 1 FROM history WHERE dataset = :ds)",
         "an entry was removed or inserted"),
    ],
)  # fmt: skip
def test_a_rewrite_without_the_triggers_breaks_the_chain(
    db, folder, tamper, statement, found, capsys
):
    three_entries(db)
    tamper(statement)
    assert any(found in p for p in chain.verify(db).problems)
    assert main(["history", "--verify", "--data", str(folder)]) == 2
    err = capsys.readouterr().err
    assert found in err and "Traceback" not in err


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_ledger_sqlite_is_created_private(db, folder):
    add_event(db, NEW, "alice")
    for path in folder.glob(SQLITE_FILE + "*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
