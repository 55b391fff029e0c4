"""Saves to the team ledger: validated against the whole dataset, recorded in the history,
and seen by the loader; on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from dashboard.core.errors import DataError
from dashboard.core.io.load import load_dataset
from dashboard.core.ledger import SQLITE_FILE
from dashboard.core.ledger.read import history_entries
from dashboard.core.ledger.writes import add_event, correct_event, retract_event
from dashboard.core.model import Model

NEW = {"date": "2020-03-01", "place": "Gammaburg", "controller": "North",
       "confidence": "claimed", "source_title": "Field report"}  # fmt: skip


def holder(folder, place: str, day: str) -> str:
    state = Model.load(folder).state(day).set_index("place")
    return str(state.at[place, "controller"])


def test_add_correct_retract_each_leave_a_history_entry(db, folder):
    added = add_event(db, NEW, "alice", "field report")
    assert holder(folder, "Gammaburg", "2020-03-01") == "North"
    [entry] = history_entries(db)
    assert (entry["by"], entry["action"], entry["before"]) == ("alice", "add", None)
    assert entry["after"]["place"] == "Gammaburg" and entry["at"].endswith("Z")

    correct_event(db, added["event_id"], {"controller": "South"}, "bob", "misread the wire")
    assert holder(folder, "Gammaburg", "2020-03-01") == "South"
    second = history_entries(db)[-1]
    assert (second["action"], second["by"], second["reason"]) == (
        "correct",
        "bob",
        "misread the wire",
    )
    assert (second["before"]["controller"], second["after"]["controller"]) == ("North", "South")

    retract_event(db, added["event_id"], "carol", "source withdrawn")
    assert added["event_id"] not in set(load_dataset(folder).events["event_id"])
    third = history_entries(db)[-1]
    assert (third["action"], third["after"], third["before"]["controller"]) == (
        "retract",
        None,
        "South",
    )
    assert [e["action"] for e in history_entries(db)] == ["add", "correct", "retract"]


def test_the_loader_marks_team_rows_with_author_and_time(db, folder):
    added = add_event(db, NEW, "alice")
    events = load_dataset(folder).events.set_index("event_id")
    assert events.at[added["event_id"], "edited_by"] == "alice"
    assert events.at[added["event_id"], "edited_at"] == added["at"]
    assert events.at["T1", "edited_by"] == ""


def test_a_csv_event_can_be_corrected_and_retracted(db, folder):
    assert holder(folder, "Alphaville", "2020-01-05") == "North"
    correct_event(db, "T1", {"controller": "South", "confidence": "claimed"}, "bob", "recheck")
    assert holder(folder, "Alphaville", "2020-01-05") == "South"
    assert history_entries(db)[-1]["before"]["controller"] == "North"
    retract_event(db, "T1", "bob", "duplicate")
    assert "T1" not in set(load_dataset(folder).events["event_id"])
    with pytest.raises(DataError, match="is retracted"):
        correct_event(db, "T1", {"notes": "x"}, "bob", "again")


def test_a_conflict_with_a_csv_event_is_refused_and_names_it(db, folder):
    # tiny's T2 says South holds Betatown on 2020-01-01
    row = {**NEW, "place": "Betatown", "date": "2020-01-01"}
    with pytest.raises(DataError) as caught:
        add_event(db, row, "alice")
    message = str(caught.value)
    assert "'Betatown' on 2020-01-01: 'North' conflicts with 'South' in T2" in message
    assert "events.csv:3" in message
    assert history_entries(db) == []
    add_event(db, {**row, "notes": "Sources disagree: Wire A says North"}, "alice")
    assert len(history_entries(db)) == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "2020-02-30"}, "impossible date '2020-02-30' (no such day)"),
        ({"place": "Nowhere"}, "unknown place name 'Nowhere' and no lat/lon given"),
        ({"confidence": "sure"}, "bad confidence 'sure'"),
        ({"source_title": ""}, "no source: give source_title or source_url"),
        ({"lat": "21.0", "lon": "10.0", "place": "Betatown"}, "lat/lon look swapped"),
    ],
)
def test_bad_rows_are_refused_with_the_loaders_message_and_nothing_is_written(
    db, folder, change, message
):
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        add_event(db, {**NEW, **change}, "alice")
    assert history_entries(db) == []
    assert len(load_dataset(folder).events) == len(load_dataset(folder, ledger=False).events)


def test_unknown_ids_and_missing_reasons_are_refused(db):
    with pytest.raises(DataError, match="no event 'NOPE'"):
        correct_event(db, "NOPE", {"notes": "x"}, "bob", "r")
    with pytest.raises(DataError, match="needs a reason"):
        retract_event(db, "T1", "bob", " ")
    with pytest.raises(DataError, match="needs an author"):
        add_event(db, NEW, "")
    with pytest.raises(DataError, match="duplicate event_id 'T1'"):
        add_event(db, {**NEW, "event_id": "T1"}, "alice")


def test_saves_are_refused_while_the_csv_tables_are_invalid(db, folder):
    table = folder / "events" / "events.csv"
    table.write_text(
        table.read_text() + "BAD,2020-13-01,Alphaville,10,20,North,,day,,confirmed,S,,,,\n"
    )
    with pytest.raises(DataError, match="saves are refused while the dataset is invalid"):
        add_event(db, NEW, "alice")
    assert history_entries(db) == []


def test_history_is_append_only_in_the_database(db):
    add_event(db, NEW, "alice")
    for statement in ("UPDATE history SET by = 'mallory'", "DELETE FROM history"):
        with pytest.raises(Exception, match="append-only"):
            with db.engine.begin() as conn:
                conn.execute(text(statement))
    assert history_entries(db)[0]["by"] == "alice"


def test_without_a_ledger_the_loader_reads_no_database(tmp_path, tiny_dir, monkeypatch):
    monkeypatch.delenv("FRONTLINE_DB_URL", raising=False)
    data = load_dataset(tiny_dir)
    assert "edited_by" not in data.events.columns
    assert not (tiny_dir / SQLITE_FILE).exists()


def test_an_old_edits_csv_still_loads_as_an_event_table(db, folder):
    header = (folder / "events" / "events.csv").read_text().splitlines()[0]
    row = "ED-1,2020-03-02,Gammaburg,11.0,20.0,South,,day,capture,claimed,Old edit,,,,"
    (folder / "events" / "edits.csv").write_text(f"{header}\n{row}\n")
    add_event(db, NEW, "alice")
    events = load_dataset(folder).events
    assert {"ED-1"} <= set(events["event_id"]) and len(history_entries(db)) == 1
