"""The place picker of a large data set lists its busiest places and takes any other typed
by name; the Distance A → B lists are built only while that box is open."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ui import widgets
from tests.support.paths import ROOT

APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture
def app(monkeypatch):
    """The dashboard on tests/data/tiny (3 places) with a picker that lists only 2."""
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(ROOT / "tests" / "data" / "tiny"))
    monkeypatch.setattr(widgets, "PICKER_MAX", 2)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def picker(at: AppTest):
    return at.selectbox(key="place")


def type_into_picker(at: AppTest, text: str) -> None:
    """What the browser sends for a name typed into the picker and entered: the text as
    the widget's value (AppTest only selects listed options, so the text is listed here)."""
    box = picker(at)
    box.options.append(text)
    box.set_value(text).run()


def test_a_large_data_set_lists_its_busiest_places_and_takes_a_typed_one(app):
    listed = picker(app).options
    assert len(listed) == 3 and listed[0] == "— none —"  # none, then the 2 busiest
    (other,) = {"Alphaville", "Betatown", "Gammaburg"} - set(listed)
    type_into_picker(app, f"  {other.upper()} ")  # any spelling the gazetteer knows
    assert not app.exception
    assert picker(app).value == other and other in picker(app).options
    assert app.query_params["place"] == other


def test_a_typed_name_that_is_no_place_is_dropped_with_a_warning(app):
    type_into_picker(app, "Atlantis")
    assert picker(app).value == "— none —"
    assert any("No place is named Atlantis" in w.value for w in app.sidebar.warning)


def test_the_pair_lists_are_built_only_while_open(app):
    assert not [s for s in app.selectbox if s.key in widgets.PAIR_KEYS]
