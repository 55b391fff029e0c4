"""The Edit, History and Review tabs in Streamlit's AppTest: own accounts, validated saves
into the team ledger, and refusals while fallback or stale data is shown."""

from __future__ import annotations

import datetime as dt
import html
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.ledger import DB_URL_ENV
from dashboard.core.ledger.accounts import WRONG, add_user, disable_user
from dashboard.core.ledger.read import history_entries, open_ledger
from dashboard.core.ledger.throttle import CLIENT_FAILURES
from dashboard.core.ledger.writes import add_event
from dashboard.core.model import Model
from dashboard.ui.signin import SIGNED_OUT
from tests.core.ledger.test_saves import NEW
from tests.support.paths import ROOT, TINY
from tests.support.tabs import with_tab

APP = str(ROOT / "dashboard" / "app.py")
PASSWORD = "a long passphrase"


@pytest.fixture
def editable(tmp_path, monkeypatch):
    """A writable copy of the tiny dataset with one editor account, alice."""
    folder = tmp_path / "data"
    shutil.copytree(TINY, folder)
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(folder))
    monkeypatch.delenv(DB_URL_ENV, raising=False)
    add_user(open_ledger(folder), "alice", "editor", PASSWORD)
    return folder


def signed_in(name: str = "alice", password: str = PASSWORD) -> AppTest:
    at = with_tab(AppTest.from_file(APP, default_timeout=60), "Edit").run()
    at.text_input(key="signin_name").input(name)
    at.text_input(key="signin_password").input(password)
    at.button(key="FormSubmitter:sign_in-Sign in").click().run()
    return at


def texts(elements) -> str:
    """The elements' text as shown: Markdown escapes and HTML entities undone."""
    return html.unescape("\n".join(str(e.value) for e in elements).replace("\\", ""))


def test_an_editor_signs_in_and_adds_an_event_seen_with_author_and_time(editable):
    at = signed_in()
    assert "Signed in as **alice** (editor)" in texts(at.markdown)
    assert "Saves go to the data folder's team ledger" in texts(at.markdown)
    assert str(editable) not in texts(at.markdown)  # no server path (issue 22)
    at.date_input(key="new_date").set_value(dt.date(2020, 3, 1))
    at.selectbox(key="new_place").set_value("Gammaburg")
    at.selectbox(key="new_controller").set_value("North")
    at.text_input(key="new_title").input("Field report")
    at.text_input(key="new_url").input("https://example.org/report")
    at.button(key="FormSubmitter:add_event-Add event").click().run()
    assert not at.exception
    assert "Saved TL-20200301-" in texts(at.success) and "by alice" in texts(at.success)
    assert (
        Model.load(editable).state("2020-03-01").set_index("place").at["Gammaburg", "controller"]
        == "North"
    )
    [entry] = history_entries(open_ledger(editable))
    assert entry["by"] == "alice" and entry["action"] == "add"
    at.session_state["tab"] = "History"
    at.run()
    [history] = [t.value for t in at.table if "action" in t.value.columns]
    assert list(history["by"]) == ["alice"] and list(history["place"]) == ["Gammaburg"]


def test_a_conflicting_add_is_refused_with_the_conflict_named(editable):
    at = signed_in()
    at.date_input(key="new_date").set_value(dt.date(2020, 1, 1))
    at.selectbox(key="new_place").set_value("Betatown")
    at.selectbox(key="new_controller").set_value("North")
    at.text_input(key="new_title").input("Rival report")
    at.button(key="FormSubmitter:add_event-Add event").click().run()
    assert "conflicts with 'South' in T2" in texts(at.error)
    assert history_entries(open_ledger(editable)) == []


def test_correct_and_retract_need_a_reason_and_are_recorded(editable):
    at = signed_in()
    at.radio(key="edit_action").set_value("Retract").run()
    at.selectbox(key="edit_place").set_value("Gammaburg").run()
    at.selectbox(key="edit_event").set_value("T5").run()
    at.button(key="FormSubmitter:Retract_T5-Retract T5").click().run()
    assert "Give a reason" in texts(at.error)
    at.text_input(key="reason_T5").input("not a real clash")
    at.button(key="FormSubmitter:Retract_T5-Retract T5").click().run()
    assert "Saved T5 (retraction of T5) by alice" in texts(at.success)
    assert [(e["action"], e["reason"]) for e in history_entries(open_ledger(editable))] == [
        ("retract", "not a real clash")
    ]


def test_wrong_passwords_throttle_the_session_not_the_account(editable):
    at = with_tab(AppTest.from_file(APP, default_timeout=60), "Edit").run()
    for _ in range(CLIENT_FAILURES):
        at.text_input(key="signin_name").input("alice")
        at.text_input(key="signin_password").input("guess")
        at.button(key="FormSubmitter:sign_in-Sign in").click().run()
    assert WRONG in texts(at.error)
    at.text_input(key="signin_name").input("alice")
    at.text_input(key="signin_password").input(PASSWORD)
    at.button(key="FormSubmitter:sign_in-Sign in").click().run()
    assert WRONG in texts(at.error) and "Signed in as" not in texts(at.markdown)
    assert "Signed in as" in texts(signed_in().markdown)  # another session: not locked


def test_a_disabled_or_reset_account_is_signed_out_at_its_next_action(editable):
    at = signed_in()
    assert "Signed in as" in texts(at.markdown)
    add_user(open_ledger(editable), "alice", "editor", "a new long passphrase")  # reset
    at.run()
    assert SIGNED_OUT in texts(at.warning) and "Signed in as" not in texts(at.markdown)
    at = signed_in(password="a new long passphrase")
    disable_user(open_ledger(editable), "alice")
    at.run()
    assert SIGNED_OUT in texts(at.warning)


def test_saves_are_refused_while_the_bundled_fallback_is_shown(editable):
    table = editable / "events" / "events.csv"
    table.write_text(table.read_text() + "BAD,2020-02-30,Alphaville,,,,,,,,S,,,,\n")
    at = with_tab(AppTest.from_file(APP, default_timeout=60), "Edit").run()
    assert "bundled data is shown instead, so saves are refused" in texts(at.warning)
    assert "Saves go to the data folder" in texts(at.markdown)
    assert not [t for t in at.text_input if t.key == "signin_name"]


def test_saves_are_refused_while_stale_data_is_shown(editable):
    at = signed_in()
    table = editable / "events" / "events.csv"
    table.write_text(table.read_text() + "BAD,2020-02-30,Alphaville,,,,,,,,S,,,,\n")
    at.run()
    assert "last valid version is shown, so saves are refused" in texts(at.warning)
    assert not [s for s in at.selectbox if s.key == "new_place"]


def test_a_replica_whose_csvs_are_not_the_ledgers_is_told_which_table(editable):
    from tests.core.ledger.test_base_tables import shift_a_row

    add_event(open_ledger(editable), NEW, "alice")  # the first save binds the tables
    shift_a_row(editable)
    at = with_tab(AppTest.from_file(APP, default_timeout=60), "Edit").run()
    [line] = [w for w in texts(at.warning).splitlines() if "events/events.csv differs" in w]
    assert "is not the one the ledger holds" in line and str(editable) not in line
    assert not [t for t in at.text_input if t.key == "signin_name"]


def test_without_accounts_the_tab_says_how_to_create_one(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(TINY, folder)
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(folder))
    monkeypatch.delenv(DB_URL_ENV, raising=False)
    at = with_tab(AppTest.from_file(APP, default_timeout=60), "Edit").run()
    assert "python -m dashboard user add NAME --role editor" in texts(at.info)
    assert not (folder / "ledger.sqlite").exists()


def test_a_reviewer_approves_and_rejects_queued_rows_in_the_app(editable, tmp_path):
    from dashboard.cli import main

    sample = ROOT / "tests" / "data" / "acled" / "sample.csv"
    out = tmp_path / "acled.csv"
    assert (
        main(["import", "acled", str(sample), "-o", str(out), "--data", str(editable), "--queue"])
        == 0
    )
    add_user(open_ledger(editable), "rita", "reviewer", PASSWORD)
    at = signed_in("alice")
    at.session_state["tab"] = "Review"
    at.run()
    assert "Sign in as a reviewer" in texts(at.info)
    at = signed_in("rita")
    at.session_state["tab"] = "Review"
    at.run()
    first = at.selectbox(key="review_item").value
    at.text_input(key=f"rv_why_{first}").input("no change of control")
    at.button(key=f"FormSubmitter:decide_{first}-Reject").click().run()
    assert f"Rejected row {first}." in texts(at.success)
    second = at.selectbox(key="review_item").value
    assert second != first
    at.button(key=f"FormSubmitter:decide_{second}-Approve").click().run()
    assert f"Approved row {second}: saved" in texts(at.success), texts(at.error)
    actions = [
        (e["action"], e["by"], e["review_id"]) for e in history_entries(open_ledger(editable))
    ]
    assert actions == [("reject", "rita", first), ("approve", "rita", second)]
