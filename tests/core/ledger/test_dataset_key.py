"""The ledger is keyed by the dataset's id, the same wherever a replica mounts the data;
ledgers written when the key was the folder's path stay readable."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import insert, update

from dashboard.core.dataset import dataset_id
from dashboard.core.errors import DataError
from dashboard.core.ledger import DB_URL_ENV
from dashboard.core.ledger.accounts import add_user, sign_in
from dashboard.core.ledger.read import history_entries, open_ledger, read_team_rows
from dashboard.core.ledger.tables import history, team_events, users
from dashboard.core.ledger.writes import add_event
from tests.core.ledger.test_saves import NEW
from tests.support.builders import own_dataset_id
from tests.support.paths import TINY


def test_two_mounts_of_one_dataset_share_its_ledger(tmp_path, postgres_url, monkeypatch):
    monkeypatch.setenv(DB_URL_ENV, postgres_url)  # a shared ledger is a PostgreSQL one
    folder, elsewhere = tmp_path / "a" / "data", tmp_path / "mounted" / "elsewhere"
    shutil.copytree(TINY, folder)
    own_dataset_id(folder)
    shutil.copytree(folder, elsewhere)
    first, second = open_ledger(folder), open_ledger(elsewhere)
    assert first.dataset == second.dataset == dataset_id(folder)
    add_user(first, "ed", "editor", "a long passphrase")
    add_event(first, NEW, "ed", "seen through one replica")
    assert sign_in(second, "ed", "a long passphrase").role == "editor"
    [entry] = history_entries(second)
    assert entry["by"] == "ed" and entry["after"]["place"] == "Gammaburg"


def test_a_path_keyed_ledger_is_adopted_under_the_id(folder, backend):
    db = open_ledger(folder)
    old = str(folder.resolve())
    add_user(db, "ed", "editor", "a long passphrase")
    added = add_event(db, NEW, "ed", "before ids")
    with db.engine.begin() as conn:  # what the ledger looked like before ids
        for table in (team_events, users):
            conn.execute(update(table).where(table.c.dataset == db.dataset).values(dataset=old))
        entry = {k: v for k, v in history_entries(db)[0].items() if k != "at"}
        conn.execute(insert(history).values(dataset=old, at=db_time(), **entry))
    from dashboard.core.ledger import read

    read._ADOPTED.clear()  # a new process
    reopened = open_ledger(folder)
    assert reopened.keys == (reopened.dataset, old)
    team, _ = read_team_rows(folder)
    assert list(team["event_id"]) == [added["event_id"]]
    assert sign_in(reopened, "ed", "a long passphrase").role == "editor"
    assert [e["by"] for e in history_entries(reopened)] == ["ed", "ed"]  # both keys read


def test_a_bad_id_is_named_with_its_line(tmp_path):
    (tmp_path / "dataset.toml").write_text('title = "x"\nid = "/srv/data"\n')
    with pytest.raises(DataError, match=r"dataset.toml:2: id must be lower-case"):
        dataset_id(tmp_path)


def db_time():
    from dashboard.core.ledger.store import utc_now

    return utc_now()
