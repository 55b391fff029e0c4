"""Saves validate against the data as the database sees it: the ledger holds the dataset's
base tables (a SHA-256 per CSV table), and a replica whose own copy differs is refused,
naming the dataset and the table, with nothing written; on SQLite and on PostgreSQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.core.errors import DataError
from dashboard.core.ledger import DB_URL_ENV
from dashboard.core.ledger.base import bind_tables, local_tables, replica_mismatch
from dashboard.core.ledger.read import LedgerDB, history_entries, open_ledger, read_team_rows
from dashboard.core.ledger.writes import add_event, correct_event
from tests.core.ledger.test_saves import NEW


@pytest.fixture
def replicas(folder: Path, backend: str, tmp_path, monkeypatch) -> tuple[LedgerDB, LedgerDB]:
    """Two mounts of one dataset sharing one ledger database (PostgreSQL, or one SQLite
    file named by URL as a replica would name it)."""
    if backend == "sqlite":
        monkeypatch.setenv(DB_URL_ENV, f"sqlite:///{tmp_path / 'shared.sqlite'}")
    other = tmp_path / "replica-b" / "data"
    shutil.copytree(folder, other)
    return open_ledger(folder), open_ledger(other)


def shift_a_row(folder: Path) -> None:
    """This replica's events.csv edited by hand (a source retitled; still valid)."""
    table = folder / "events" / "events.csv"
    text = table.read_text(encoding="utf-8")
    assert "Test source 6," in text
    table.write_text(text.replace("Test source 6,", "Test source 6 (retitled),"), encoding="utf-8")


def test_a_save_through_a_replica_with_other_csvs_is_refused_and_writes_nothing(replicas):
    first, second = replicas
    add_event(first, NEW, "alice", "binds the dataset to these tables")
    shift_a_row(second.data_dir)
    with pytest.raises(DataError) as caught:
        add_event(second, {**NEW, "date": "2020-03-02"}, "bob")
    [line] = str(caught.value).splitlines()
    assert f"dataset {first.dataset!r}" in line and "events/events.csv differs" in line
    assert [e["by"] for e in history_entries(first)] == ["alice"]
    assert len(read_team_rows(first.data_dir)[0]) == 1
    assert replica_mismatch(second) == line
    with pytest.raises(DataError, match="events/events.csv differs"):
        correct_event(second, "T1", {"notes": "x"}, "bob", "recheck")


def test_the_replica_with_the_ledgers_tables_still_saves(replicas):
    first, second = replicas
    add_event(first, NEW, "alice")
    add_event(second, {**NEW, "date": "2020-03-02"}, "bob")  # same tables: saved
    (second.data_dir / "events" / "extra.csv").write_text(
        (first.data_dir / "events" / "events.csv").read_text().splitlines()[0] + "\n"
    )
    with pytest.raises(DataError, match="events/extra.csv is not in the ledger's tables"):
        add_event(second, {**NEW, "date": "2020-03-03"}, "bob")
    add_event(first, {**NEW, "date": "2020-03-04"}, "alice")
    assert replica_mismatch(first) is None
    assert [e["by"] for e in history_entries(second)] == ["alice", "bob", "alice"]


def test_bind_records_an_updated_copy_and_then_the_old_one_is_refused(replicas):
    first, second = replicas
    add_event(first, NEW, "alice")
    shift_a_row(second.data_dir)
    assert bind_tables(second, "operator") == ["events/events.csv differs"]
    add_event(second, {**NEW, "date": "2020-03-02"}, "bob")
    assert replica_mismatch(first) is not None and replica_mismatch(second) is None
    with pytest.raises(DataError, match="events/events.csv differs"):
        add_event(first, {**NEW, "date": "2020-03-03"}, "alice")


def test_the_bound_tables_are_every_table_the_loader_reads(folder, backend):
    assert set(local_tables(folder)) == {
        "dataset.toml", "events/events.csv", "events/factions.csv", "geo/places.csv",
    }  # fmt: skip


def test_bind_is_refused_when_the_teams_rows_do_not_fit_the_new_tables(replicas):
    first, second = replicas
    add_event(first, NEW, "alice")  # Gammaburg held by North from 2020-03-01
    table = second.data_dir / "events" / "events.csv"
    rival = "T9,2020-03-01,Gammaburg,11.0,20.0,South,,day,capture,confirmed,Rival,,,,\n"
    table.write_text(table.read_text(encoding="utf-8") + rival, encoding="utf-8")
    with pytest.raises(DataError, match="'Gammaburg' on 2020-03-01"):
        bind_tables(second, "operator")
    assert "events/events.csv differs" in (replica_mismatch(second) or "")
    assert replica_mismatch(first) is None
