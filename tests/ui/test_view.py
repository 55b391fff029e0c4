"""The one owner of the view's session state (dashboard/ui/view.py) and the data source."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import streamlit as st

from dashboard.core.model import Model
from dashboard.ui import view
from dashboard.ui.context import DataSource
from dashboard.ui.link import View


@pytest.fixture
def session(monkeypatch) -> dict[str, Any]:
    """A fresh session state for one test (a dict stands in for st.session_state)."""
    state: dict[str, Any] = {}
    monkeypatch.setattr(st, "session_state", state)
    return state


def test_a_day_chosen_in_python_is_pushed_a_reported_day_is_not(session):
    view.set_day(dt.date(2020, 1, 5))
    assert (view.day(), view.day_seq()) == (dt.date(2020, 1, 5), 1)
    view.report_day(dt.date(2020, 1, 9))
    assert (view.day(), view.day_seq()) == (dt.date(2020, 1, 9), 1)
    view.set_day(dt.date(2020, 1, 2))
    assert (view.day(), view.day_seq()) == (dt.date(2020, 1, 2), 2)


def test_the_link_seeds_the_view_once_and_pushes_its_map_view(session):
    link = View(dt.date(2020, 1, 3), ("North",), "Betatown", ("places", "areas"), (8, 1.5, 2.5))
    view.seed(link)
    assert view.seeded() and view.day() == dt.date(2020, 1, 3)
    assert (view.place(), view.layers()) == ("Betatown", ("places", "areas"))
    assert (view.map_view(), view.view_seq()) == ((8, 1.5, 2.5), 1)
    view.seed(View(dt.date(2020, 2, 1), ("South",)))  # a later run: the session keeps its view
    assert view.day() == dt.date(2020, 1, 3) and view.view_seq() == 1


def test_a_reported_view_is_stored_without_a_push(session):
    view.report_view((9, 3.0, 4.0))
    assert (view.map_view(), view.view_seq()) == ((9, 3.0, 4.0), 0)


def test_a_clicked_place_waits_for_the_next_run(session):
    view.seed(View(dt.date(2020, 1, 3), ("North",)))
    view.pick_place("Gammaburg")
    assert view.place() is None
    view.apply_pending()
    assert view.place() == "Gammaburg"
    view.apply_pending()  # nothing pending: no change
    assert view.place() == "Gammaburg"


def test_reported_layers_always_start_with_places(session):
    view.report_layers(["areas", "places", "front"])
    assert view.layers() == ("places", "areas", "front")


def test_the_view_is_fitted_to_another_dataset(session, tiny_dir: Path):
    model = Model.load(tiny_dir)
    view.seed(View(dt.date(2021, 6, 1), ("East", "North"), "Nowhere"))
    session["pair_a"] = "Nowhere"
    session["pair_b"] = "Alphaville"
    view.fit_to(model)
    assert view.day() == dt.date(2020, 2, 20)  # clamped to the span's end
    assert session[view.FACTIONS_KEY] == ["North"]
    assert view.place() is None and session[view.PLACE_KEY] == view.NO_PLACE
    assert "pair_a" not in session and session["pair_b"] == "Alphaville"


@pytest.mark.parametrize(
    ("source", "says"),
    [
        (DataSource(), None),
        (DataSource(upload=Path("/tmp/x")), "uploaded file"),
        (DataSource(fallback=True), "bundled data is shown"),
        (DataSource(stale=True), "last valid version"),
        (DataSource(upload=Path("/tmp/x"), stale=True), "uploaded file"),
    ],
)
def test_saves_are_refused_on_data_that_is_not_the_folders_current_data(source, says):
    refusal = source.refusal
    assert refusal is None if says is None else says in (refusal or "")
