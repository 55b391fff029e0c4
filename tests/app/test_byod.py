"""Bring your own data in the app: upload conversion."""

from __future__ import annotations

import pytest

from dashboard.core.errors import DataError
from dashboard.core.model import Model
from dashboard.ui import upload
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
