"""Bring your own data in the app: upload conversion, editor mode saving events."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.dataset import read_info
from dashboard.core.errors import DataError
from dashboard.core.ingest import scratch
from dashboard.core.ingest import upload as core_upload
from dashboard.core.ingest.acled.factionmap import faction_map_for
from dashboard.core.io.edits import NewEvent, event_row, save_event
from dashboard.core.io.gazetteer import load_gazetteer
from dashboard.core.model import Model
from dashboard.ui.tabs.editor import PASSWORD_ENV
from tests.conftest import ROOT
from tests.markdown import read

APP = str(ROOT / "dashboard" / "app.py")
ACLED = ROOT / "tests" / "data" / "acled" / "sample.csv"
TINY_EVENTS = ROOT / "tests" / "data" / "tiny" / "events" / "events.csv"


GAZETTEER = load_gazetteer(ROOT / "data" / "geo" / "places.csv")


RULES = faction_map_for(read_info(ROOT / "data"))  # the bundled data's ACLED actor map


def convert(raw: bytes, name: str, kind: str, **budget) -> core_upload.Converted:
    budget_ = core_upload.Budget(**budget)
    return core_upload.convert_upload(raw, name, kind, GAZETTEER, budget_, RULES)


def test_acled_upload_becomes_an_explorable_data_folder(tmp_path):
    result = convert(ACLED.read_bytes(), "sample.csv", "ACLED export")
    scratch.write_events(tmp_path, result.events_csv)
    model = Model.load(tmp_path)
    assert result.counts["control_changes"] > 0
    assert len(model.data.events) == result.counts["events"]
    assert int((model.data.events["controller"] != "").sum()) == result.counts["control_changes"]
    assert "Gharyan" in set(model.data.places["place"])


def test_frontline_upload_is_validated():
    result = convert(TINY_EVENTS.read_bytes(), "events.csv", "Frontline CSV")
    assert result.counts == {"rows_read": 7, "control_changes": 6}
    bad = b"event_id,date,place,lat,lon,source_title\nE1,2020-02-30,X,1,1,S\n"
    assert convert(bad, "mine.csv", "Frontline CSV").problems == (
        "mine.csv:2: impossible date '2020-02-30' (no such day)",
    )


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
    assert any("Saved ED-20200301" in read(s.value) for s in at.success)
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


def formula_row(model, notes="=SUM(1)+1"):
    new = NewEvent(
        dt.date(2020, 3, 1), "Gammaburg", "North", "capture", "claimed", "day",
        "@title", "", "https://example.org/r", notes,
    )  # fmt: skip
    return event_row(model.data, new)


def test_a_saved_edit_keeps_its_text_exactly(editable):
    model = Model.load(editable)
    save_event(model.data, formula_row(model))
    saved = (editable / "events" / "edits.csv").read_text()
    assert ",@title," in saved and ",=SUM(1)+1" in saved and "'=" not in saved
    reloaded = Model.load(editable).data.events.set_index("place")
    assert reloaded.at["Gammaburg", "notes"].iloc[-1] == "=SUM(1)+1"


def test_a_converted_upload_keeps_its_text_exactly():
    raw = TINY_EVENTS.read_text().replace(",Synthetic row\n", ",=1+1\n").encode()
    result = convert(raw, "formula.csv", "Frontline CSV")
    written = result.events_csv.decode()
    assert "=1+1" in written and "'=1+1" not in written


def test_a_hand_edited_edits_header_is_a_clear_error(editable):
    model = Model.load(editable)
    edits = editable / "events" / "edits.csv"
    edits.write_text("id,when,where\nX1,2020-01-01,Gammaburg\n")
    with pytest.raises(DataError, match="edits.csv:1: header differs from the event columns"):
        save_event(model.data, formula_row(model, notes=""))
    assert edits.read_text() == "id,when,where\nX1,2020-01-01,Gammaburg\n"


SAVE_SCRIPT = """
import datetime as dt, sys
from dashboard.core.dataset import read_info
from dashboard.core.errors import DataError
from dashboard.core.ingest.acled.factionmap import faction_map_for
from dashboard.core.io.edits import NewEvent, event_row, save_event
from dashboard.core.model import Model
model = Model.load(sys.argv[1])
new = NewEvent(dt.date(2020, 3, 1), "Gammaburg", "North", "capture", "claimed", "day", "T")
try:
    save_event(model.data, event_row(model.data, new))
except DataError as err:
    print(err)
"""


def test_a_read_only_data_folder_is_a_clear_error(tmp_path):
    """Saving into a 0555 events folder is a one-line DataError, no traceback.

    As root (who may write anywhere) the save runs without the DAC-override capabilities
    (util-linux ``setpriv``), so the permission bits apply as for any other user.
    """
    folder = shutil.copytree(ROOT / "tests" / "data" / "tiny", tmp_path / "data")
    events = folder / "events"
    events.chmod(0o555)
    drop = ["dac_override", "dac_read_search"]
    caps = ",".join(f"-{c}" for c in drop)
    prefix = ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--"]
    try:
        proc = subprocess.run(
            [*(prefix if os.geteuid() == 0 else []), sys.executable, "-c", SAVE_SCRIPT, str(folder)],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
    finally:
        events.chmod(0o755)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout.strip().endswith(
        "edits.csv: cannot save: Permission denied (the data folder must be writable)"
    )
    assert not (events / "edits.csv").exists()


def test_the_app_shows_a_save_error_and_keeps_running(editable):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="editor_password").input("s3cret").run()
    # edited by hand while the app runs: the last good data stays on screen
    (editable / "events" / "edits.csv").write_text("id,when\nX1,2020-01-01\n")
    at.selectbox(key="new_place").set_value("Gammaburg")
    at.text_input(key="new_title").input("Field report")
    at.button[-1].click().run()
    assert not at.exception
    assert any("header differs" in read(e.value) for e in at.error)


@pytest.mark.parametrize("fmt", ["csv", "events", "geojson", "html"])
def test_exports_are_cached_per_view(fmt):
    from dashboard.ui import data

    model = data.bundled_model()
    key, day = data.model_key(model), dt.date(2020, 6, 1)
    first = data.export_file(key, day, ("GNA",), fmt)
    assert data.export_file(key, day, ("GNA",), fmt) is first  # cached, not rebuilt
    assert data.export_file(key, day, ("GNA", "LNA"), fmt) != first  # another view
    assert data._EXPORTS.nbytes <= data.EXPORT_CACHE_BYTES


def test_the_per_day_caches_are_bounded_by_bytes():
    from dashboard.ui import data

    model = data.bundled_model()
    key = data.model_key(model)
    first = data.distance_data(key, dt.date(2020, 6, 1), ("GNA", "LNA"), "Tripoli")
    shown = len(first["table"])
    first["table"].clear()  # a caller's copy, not the cache
    again = data.distance_data(key, dt.date(2020, 6, 1), ("GNA", "LNA"), "Tripoli")
    assert len(again["table"]) == shown > 0
    for fn in (data.distance_data, data.territory_data, data.supply_data):
        assert fn.cache.max_bytes <= 192 * data.MB and fn.cache.nbytes <= fn.cache.max_bytes
