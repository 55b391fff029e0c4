"""Bring your own data in the app: upload conversion, editor mode saving events."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.errors import DataError
from dashboard.core.io.edits import NewEvent, event_row, save_event
from dashboard.core.model import Model
from dashboard.ui import upload
from dashboard.ui.tabs.editor import PASSWORD_ENV
from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")
ACLED = ROOT / "tests" / "data" / "acled" / "sample.csv"
TINY_EVENTS = ROOT / "tests" / "data" / "tiny" / "events" / "events.csv"


def test_acled_upload_becomes_an_explorable_data_folder():
    result = upload.convert_upload(ACLED.read_bytes(), "sample.csv", "ACLED export")
    model = Model.load(result["folder"])
    counts = result["counts"]
    assert counts["control_changes"] > 0
    assert len(model.data.events) == counts["events"]
    assert int((model.data.events["controller"] != "").sum()) == counts["control_changes"]
    assert "Gharyan" in set(model.data.places["place"])
    assert not str(result["folder"]).startswith(str(ROOT / "data"))


def test_frontline_upload_is_validated():
    result = upload.convert_upload(TINY_EVENTS.read_bytes(), "events.csv", "Frontline CSV")
    assert result["counts"] == {"rows_read": 7, "control_changes": 6}
    bad = b"event_id,date,place,lat,lon,source_title\nE1,2020-02-30,X,1,1,S\n"
    with pytest.raises(DataError) as caught:
        upload.convert_upload(bad, "mine.csv", "Frontline CSV")
    assert str(caught.value) == "mine.csv:2: impossible date '2020-02-30' (no such day)"


@pytest.fixture
def editable(tmp_path, monkeypatch):
    """A writable copy of the tiny dataset, with an editor password configured."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "data" / "tiny", folder)
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(folder))
    monkeypatch.setenv(PASSWORD_ENV, "s3cret")
    return folder


def test_editor_needs_the_password_and_saves_a_valid_event(editable):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="editor_password").input("wrong").run()
    assert any("Wrong password" in e.value for e in at.error)
    at.text_input(key="editor_password").input("s3cret").run()
    at.date_input(key="new_date").set_value(dt.date(2020, 3, 1))
    at.selectbox(key="new_place").set_value("Gammaburg")
    at.selectbox(key="new_controller").set_value("North")
    at.text_input(key="new_title").input("Field report")
    at.text_input(key="new_url").input("https://example.org/report")
    at.button[-1].click().run()
    assert not at.exception
    assert any("Saved ED-20200301" in s.value for s in at.success)
    saved = (editable / "events" / "edits.csv").read_text()
    assert "Gammaburg" in saved and "Field report" in saved
    state = Model.load(editable).state("2020-03-01").set_index("place")
    assert state.at["Gammaburg", "controller"] == "North"


def test_editor_refuses_an_invalid_url_and_writes_nothing(editable):
    model = Model.load(editable)
    new = NewEvent(
        dt.date(2020, 3, 1),
        "Gammaburg",
        "North",
        "capture",
        "claimed",
        "day",
        "T",
        "",
        "javascript:alert(1)",
    )
    with pytest.raises(DataError, match="source URL must start with http"):
        save_event(model.data, event_row(model.data, new))
    assert not (editable / "events" / "edits.csv").exists()


def test_read_only_without_a_password(monkeypatch):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert any("Read-only" in i.value for i in at.info)
