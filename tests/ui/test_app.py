"""Streamlit AppTest: the page runs, and widgets and query params change what it computes."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.markdown import read
from tests.support.pages import bundled_places
from tests.support.paths import ROOT

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
    """The Markdown sources of the page with character references decoded and the
    escapes that keep data inert removed (what a reader reads)."""
    return html.unescape("\n".join(m.value for m in at.markdown)).replace("\\", "")


def test_runs_on_bundled_data(app):
    app.run()
    assert not app.exception
    assert f"showing {bundled_places()} of {bundled_places()} places" in page_text(app)


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
    warnings = " ".join(read(w.value) for w in app.warning)
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
    assert f"showing {bundled_places()} of {bundled_places()} places" in page_text(app)


def test_place_panel_shows_other_reports_of_a_holding(app):
    app.query_params["date"] = "2020-06-03"
    app.query_params["place"] = "al-Asabaa"
    app.run()
    assert not app.exception
    text = page_text(app)
    assert "Held by **Libyan National Army (Haftar)** since 1 June 2020 (confirmed)" in text
    assert "other reports: 31 May" in text


def test_place_panel_shows_the_claim_in_force_and_source_kinds(app):
    app.query_params["date"] = "2019-06-01"
    app.query_params["place"] = "Aziziya"
    app.run()
    assert not app.exception
    text = page_text(app)
    assert "Held by **Government of National Accord** since 7 November 2017 (confirmed)" in text
    assert (
        "**Libyan National Army (Haftar) claims it since 3 May 2019, unconfirmed** (reports LY-E13a)"
        in text
    )
    assert "· wire</span>" in text and "· partisan</span>" in text  # kinds beside sources


def test_distances_tab_checks_the_sources_numbers(app):
    app.run()
    assert not app.exception
    assert not app.dataframe  # the table is sent only once its box is opened
    box = next(e for e in app.expander if e.label.startswith("Sources' own distances"))
    app.session_state["claims_open"] = True  # what opening the box sends
    app.run()
    tables = [df.value for df in app.dataframe]
    claims = next(t for t in tables if "claimed_km" in t.columns)
    off = int((claims["check"] == "⚠ off").sum())
    assert box.label.endswith(f": {len(claims)}, {off} off") and off > 0
    asabaa = claims[(claims["place"] == "al-Asabaa") & (claims["claimed_km"] == 50)].iloc[0]
    assert asabaa["computed_km"] == pytest.approx(99.4, abs=0.1) and asabaa["check"] == "⚠ off"


def _compare_script():
    import datetime as dt

    from dashboard.ui import data
    from dashboard.ui.context import Context
    from dashboard.ui.tabs import compare

    model, _, _ = data.get_model()
    ctx = Context(model, data.model_key(model), dt.date(2020, 6, 10), tuple(model.factions))
    compare.render(ctx)


def test_compare_tab_counts_won_and_lost_without_first_records():
    app = AppTest.from_function(_compare_script, default_timeout=60)
    app.session_state["compare_from"] = dt.date(2020, 5, 10)
    app.run()
    assert not app.exception
    moved, areas = (df.value for df in app.dataframe)
    assert {"Tarhuna", "al-Watiya air base"} <= set(moved["place"])
    assert "Tiji" not in set(moved["place"])  # first record on 19 May: not won from anyone
    areas = areas.set_index("faction")
    assert areas.loc["GNA", "km² won"] > 0 and areas.loc["LNA", "km² lost"] > 0
    assert areas["km² won"].sum() == pytest.approx(areas["km² lost"].sum())
    captions = "\n".join(c.value for c in app.caption).replace("\\", "")
    # Mizdah and Zintan have records from April 2019 now (audit III): only Tiji is new
    assert "First records in the span, not counted as won: Tiji." in captions


def test_the_map_language_is_read_from_and_written_to_the_link(app):
    app.query_params["lang"] = "ar"
    app.run()
    assert not app.exception
    assert app.selectbox(key="lang").value == "ar"
    assert app.query_params["lang"] == "ar"
    app.selectbox(key="lang").set_value("en").run()
    assert "lang" not in app.query_params  # English is the default: left out of the link


def test_a_bad_language_in_the_link_falls_back_to_english_with_a_notice(app):
    app.query_params["lang"] = "<b>xx</b>"
    app.run()
    warnings = " ".join(read(w.value) for w in app.warning)
    assert "Unknown language '<b>xx</b>' in the link; showing English." in warnings
    assert app.selectbox(key="lang").value == "en"
