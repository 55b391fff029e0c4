"""The ledger's command line: add, history, ledger export, user add."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from dashboard.cli import main
from dashboard.core.ledger.accounts import add_user, sign_in
from dashboard.core.ledger.read import history_entries, open_ledger
from dashboard.core.model import Model
from tests.support.paths import ROOT

ADD = ["add", "--date", "2020-03-01", "--place", "gammaburg", "--controller", "North",
       "--confidence", "claimed", "--source-title", "Field report", "--by", "alice"]  # fmt: skip


@pytest.fixture(autouse=True)
def editors(folder):
    """The authors the tests name with --by (it must name an editor's account)."""
    for name in ("alice", "bob"):
        add_user(open_ledger(folder), name, "editor", "a long passphrase")


def test_add_by_must_name_an_enabled_account(folder, capsys):
    assert main([*ADD[:-1], "mallory", "--data", str(folder)]) == 2
    assert "no account named 'mallory'" in capsys.readouterr().err
    assert main(["user", "disable", "alice", "--data", str(folder)]) == 0
    assert main([*ADD, "--data", str(folder)]) == 2
    assert "the account 'alice' is disabled" in capsys.readouterr().err
    assert history_entries(open_ledger(folder)) == []


def test_add_saves_exits_0_and_history_json_lists_it(folder, capsys):
    assert main([*ADD, "--data", str(folder)]) == 0
    assert "saved TL-20200301-" in capsys.readouterr().out
    assert main(["history", "--json", "--data", str(folder)]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert {"at", "by", "action", "event_id", "before", "after", "reason"} <= set(entry)
    assert (entry["by"], entry["action"], entry["after"]["place"]) == ("alice", "add", "Gammaburg")


def test_add_refuses_with_one_line_and_exit_2_writing_nothing(folder, capsys):
    assert main([*ADD, "--data", str(folder)]) == 0
    capsys.readouterr()
    rival = [*ADD[:6], "South", *ADD[7:-1], "bob", "--data", str(folder)]
    assert main(rival) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "'Gammaburg' on 2020-03-01: 'South' conflicts with 'North'" in err[0]
    bad = [*ADD[:2], "2020-02-30", *ADD[3:], "--data", str(folder)]
    assert main(bad) == 2
    assert capsys.readouterr().err.strip().endswith("impossible date '2020-02-30' (no such day)")
    assert len(history_entries(open_ledger(folder))) == 1


def test_history_is_oldest_first_in_text_and_json(folder, capsys):
    for day in ("2020-03-01", "2020-03-02"):
        assert main([*ADD[:2], day, *ADD[3:], "--data", str(folder)]) == 0
    capsys.readouterr()
    main(["history", "--json", "--data", str(folder)])
    days = [e["after"]["date"] for e in json.loads(capsys.readouterr().out)]
    assert days == ["2020-03-01", "2020-03-02"]


def test_ledger_export_round_trips_through_validate(folder, tmp_path, capsys):
    assert main([*ADD, "--data", str(folder)]) == 0
    out = tmp_path / "team.csv"
    assert main(["ledger", "export", "-o", str(out), "--data", str(folder)]) == 0
    fresh = tmp_path / "committed"
    shutil.copytree(folder / "events", fresh / "events")
    shutil.copy(out, fresh / "events" / "team.csv")
    capsys.readouterr()
    assert main(["validate", "--data", str(fresh)]) == 0
    assert capsys.readouterr().out.startswith("ok: 8 events")
    with_ledger, committed = Model.load(folder), Model.load(fresh)
    for day in ("2020-03-01", "2020-02-15"):
        a = with_ledger.state(day)[["place", "controller", "since"]]
        b = committed.state(day)[["place", "controller", "since"]]
        assert a.equals(b)


def test_user_add_reads_the_password_from_stdin(folder):
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "user", "add", "rita", "--role", "reviewer",
         "--data", str(folder)],
        input="a long passphrase\n", capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "a long passphrase" not in done.stdout + done.stderr
    assert sign_in(open_ledger(folder), "rita", "a long passphrase").role == "reviewer"
    short = subprocess.run(
        [sys.executable, "-m", "dashboard", "user", "add", "x", "--role", "editor", "--data", str(folder)],
        input="short\n", capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert short.returncode == 2 and "Traceback" not in short.stderr
    assert short.stderr.strip().endswith("the password needs at least 8 characters")


def test_validate_and_state_see_the_ledgers_events(folder, capsys):
    assert main([*ADD, "--data", str(folder)]) == 0
    capsys.readouterr()
    assert main(["validate", "--data", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("ok: 8 events")
    assert main(["state", "--date", "2020-03-01", "--json", "--data", str(folder)]) == 0
    state = {r["place"]: r for r in json.loads(capsys.readouterr().out)}
    assert (state["Gammaburg"]["controller"], state["Gammaburg"]["since"]) == (
        "North",
        "2020-03-01",
    )


def test_an_unreachable_database_is_one_line_exit_2_without_the_password(
    folder, monkeypatch, capsys
):
    from tests.support.server import free_port

    monkeypatch.setenv("FRONTLINE_DB_URL", f"postgresql://team:s3cretpw@127.0.0.1:{free_port()}/x")
    assert main([*ADD, "--data", str(folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "the ledger database is unavailable" in err[0]
    assert "s3cretpw" not in err[0] and "team:***@127.0.0.1" in err[0]


def test_a_replica_with_other_csvs_is_refused_in_one_line_until_bind(folder, capsys):
    from tests.core.ledger.test_base_tables import shift_a_row

    assert main([*ADD, "--data", str(folder)]) == 0  # binds the dataset to these tables
    shift_a_row(folder)
    capsys.readouterr()
    later = [*ADD[:2], "2020-03-02", *ADD[3:], "--data", str(folder)]
    assert main(later) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "dataset " in line and "events/events.csv differs" in line and "ledger bind" in line
    assert len(history_entries(open_ledger(folder))) == 1
    assert main(["ledger", "bind", "--by", "ops", "--data", str(folder)]) == 0
    assert "(events/events.csv differs)" in capsys.readouterr().out
    assert main(later) == 0
