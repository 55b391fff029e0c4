"""Streamlit AppTest: ``?view=map`` shows the map alone, and the Export tab's <iframe>
snippet embeds the published HTML map on the view's day and place, escaped."""

from __future__ import annotations

import html

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.paths import ROOT

APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture
def app(monkeypatch):
    monkeypatch.delenv("FRONTLINE_DATA_DIR", raising=False)
    return AppTest.from_file(APP, default_timeout=60)


def snippets(at: AppTest) -> list[str]:
    return [c.value for c in at.code if c.language == "html"]


def test_view_map_shows_the_map_alone_and_keeps_the_mode_in_the_link(app):
    app.query_params["view"] = "map"
    app.query_params["date"] = "2020-06-01"
    app.run()
    assert not app.exception
    assert len(app.tabs) == 0  # no panel, no tabs: the map alone
    assert not any("Panel, tables and charts show" in m.value for m in app.markdown)
    assert any('[data-testid="stSidebar"]' in m.value for m in app.markdown)
    assert app.query_params["view"] == "map" and app.query_params["date"] == "2020-06-01"


def test_the_page_without_view_map_keeps_its_panel_and_tabs(app):
    app.query_params["view"] = "<b>map</b>"
    app.run()
    assert not app.exception
    assert len(app.tabs) > 0
    assert "view" not in app.query_params


def test_export_tab_gives_an_iframe_snippet_for_the_day_and_place(app):
    app.query_params["date"] = "2020-06-01"
    app.query_params["place"] = "al-Asabaa"
    app.session_state["tab"] = (
        "Export"  # the tab opened (a session's first run draws no closed tab)
    )
    app.run()
    (snippet,) = snippets(app)
    src = html.unescape(snippet.split('src="', 1)[1].split('"', 1)[0])
    assert src == "frontline-2020-06-01.html#date=2020-06-01&place=al-Asabaa"
    app.text_input(key="embed_address").input("https://news.example/libya.html").run()
    assert "https://news.example/libya.html#date=2020-06-01&amp;place=al-Asabaa" in snippets(app)[0]


def test_a_hostile_embed_address_is_refused_with_a_message(app):
    app.session_state["tab"] = "Export"
    app.run()
    app.text_input(key="embed_address").input('javascript:alert(1)" onload="x').run()
    assert not app.exception
    assert snippets(app) == []
    assert any("Embed address" in e.value for e in app.error)


def test_a_first_run_draws_the_open_tab_only_and_later_runs_the_cheap_closed_ones(app):
    """The browser draws the map without hidden tabs first; the next run (any interaction)
    draws the closed tabs that keep their widgets' values (Export, Edit)."""
    app.run()
    assert snippets(app) == []  # Export is closed
    app.run()
    assert len(snippets(app)) == 1
