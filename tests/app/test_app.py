"""Streamlit AppTest: the page runs, and widgets and query params change what it computes."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture
def app(monkeypatch, request):
    """An AppTest of the dashboard; data folder chosen by the ``data`` marker arg."""
    marker = request.node.get_closest_marker("data")
    if marker:
        monkeypatch.setenv("FRONTLINE_DATA_DIR", str(marker.args[0]))
    else:
        monkeypatch.delenv("FRONTLINE_DATA_DIR", raising=False)
    return AppTest.from_file(APP, default_timeout=60)


def page_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_runs_on_bundled_data(app):
    app.run()
    assert not app.exception
    assert "showing 24 of 24 places" in page_text(app)


@pytest.mark.data(ROOT / "tests" / "data" / "tiny")
def test_runs_on_tiny_data_and_the_day_changes_the_state(app):
    app.run()
    assert not app.exception
    app.session_state["date"] = dt.date(2020, 1, 10)  # what the map reports on release
    app.run()
    text = page_text(app)
    assert "Friday 10 January 2020" in text
    assert "Betatown: Southern Front → Northern Alliance" in text
    assert "showing 3 of 3 places" in text


@pytest.mark.data(ROOT / "tests" / "data" / "tiny")
def test_faction_filter_changes_counts(app):
    app.run()
    app.multiselect(key="factions").set_value(["South"]).run()
    assert "showing 2 of 3 places" in page_text(app)


def test_query_params_restore_the_view(app):
    app.query_params["date"] = "2020-06-06"
    app.query_params["place"] = "tarhouna"
    app.run()
    assert not app.exception
    assert app.session_state["date"] == dt.date(2020, 6, 6)
    assert app.selectbox(key="place").value == "Tarhuna"
    assert "Nearest place held by another faction" in page_text(app)


def test_bad_query_params_fall_back_with_a_notice(app):
    app.query_params["date"] = "2020-02-30"
    app.query_params["faction"] = "<script>"
    app.run()
    warnings = " ".join(w.value for w in app.warning)
    assert "Invalid date '2020-02-30'" in warnings
    assert "Unknown faction value(s)" in warnings
    assert app.session_state["date"] == dt.date(2019, 4, 4)  # dataset.toml's open_on


def test_bad_data_folder_shows_errors_and_keeps_working(app, tmp_path, monkeypatch):
    events = tmp_path / "events"
    events.mkdir()
    (events / "e.csv").write_text(
        "event_id,date,place,lat,lon,source_title\nE1,2020-02-30,X,1,1,S\n"
    )
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(tmp_path))
    app.run()
    assert not app.exception
    errors = " ".join(e.value for e in app.error)
    assert "e.csv:2: impossible date '2020-02-30'" in errors
    assert "showing 24 of 24 places" in page_text(app)
