"""AppTest: datasets at the edges (one day, across the antimeridian, worldwide, polar) render."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.core.model import Model
from tests.support.builders import write_points
from tests.support.markdown import read, tags
from tests.support.paths import ROOT

APP = str(ROOT / "dashboard" / "app.py")
FIJI = [(-17.0, 179.5), (-17.5, -179.6), (-16.8, 179.9), (-18.0, -179.2)]
WORLD = [(10, 0), (10, 90), (10, 180), (10, -90), (-40, 45), (50, -120)]
POLAR = [(84.0, 0.0), (84.0, 90.0), (84.0, 180.0), (84.0, -90.0)]


def run_on(folder, monkeypatch, query: str = "", tab: str | None = None) -> AppTest:
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(folder))
    at = AppTest.from_file(APP, default_timeout=90)
    if tab:
        at.session_state["tab"] = tab
    for part in filter(None, query.split("&")):
        key, value = part.split("=")
        at.query_params[key] = value
    return at.run()


def text(at: AppTest) -> str:
    return "\n".join(e.value for kind in (at.markdown, at.info, at.caption) for e in kind)


def test_one_day_dataset_gets_a_two_day_range(tmp_path):
    model = Model.load(write_points(tmp_path, [(10, 20), (10.2, 20.3)]))
    assert model.span() == (dt.date(2020, 1, 1), dt.date(2020, 1, 2))


def test_one_day_dataset_renders_the_page(tmp_path, monkeypatch):
    at = run_on(write_points(tmp_path, [(10, 20), (10.2, 20.3)]), monkeypatch)
    assert not at.exception
    assert at.session_state["date"] == dt.date(2020, 1, 2)  # the range's last day
    assert "showing 2 of 2 places" in text(at)


@pytest.mark.parametrize("points", [WORLD, POLAR], ids=["world", "polar"])
@pytest.mark.parametrize("tab", ["Area per faction", "Compare dates"])
def test_areas_unavailable_is_a_notice_not_a_traceback(tmp_path, monkeypatch, points, tab):
    folder = write_points(tmp_path, points, days=("2020-01-01", "2020-01-03"))
    at = run_on(folder, monkeypatch, "layer=areas&layer=front", tab)
    assert not at.exception
    if tab == "Area per faction":
        assert "No areas for this data" in text(at)


def test_areas_across_the_antimeridian_render(tmp_path, monkeypatch):
    at = run_on(
        write_points(tmp_path, FIJI), monkeypatch, "layer=areas&layer=front", "Area per faction"
    )
    assert not at.exception
    assert "Alpha: **" in text(at) and "km²" in text(at)


def sidebar_caption(at: AppTest) -> str:
    return "\n".join(c.value for c in at.sidebar.caption)


def test_the_sidebar_names_the_dataset_not_its_server_path(tmp_path, monkeypatch):
    folder = write_points(tmp_path / "my-war", [(10, 20), (10.2, 20.3)])
    at = run_on(folder, monkeypatch)
    caption = sidebar_caption(at)
    assert "Data: my\\-war ·" in caption
    assert str(tmp_path) not in caption and "pytest" not in caption


def test_the_sidebar_shows_the_dataset_toml_title_as_text(tmp_path, monkeypatch):
    folder = write_points(tmp_path / "w", [(10, 20), (10.2, 20.3)])
    (folder / "dataset.toml").write_text(
        'title = "War in **Nowhere** ![x](http://127.0.0.2/t.png)"\n'
    )
    caption = sidebar_caption(run_on(folder, monkeypatch))
    assert tags(caption) == {"p"}  # no link, image or emphasis
    assert read(caption).startswith("Data: War in **Nowhere** ![x](http://127.0.0.2/t.png) ·")
    assert "/w" not in caption.split("·")[0]
