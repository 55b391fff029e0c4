"""Streamlit AppTest: the Export tab's video is bounded by the app's budget, and says so."""

from __future__ import annotations

import datetime as dt
import shutil

from streamlit.testing.v1 import AppTest

from dashboard.core.budget import VIDEO_BUDGET
from tests.support.paths import ROOT, TINY
from tests.support.tabs import with_tab

APP = str(ROOT / "dashboard" / "app.py")


def test_a_video_over_the_budget_is_refused_in_the_page(monkeypatch):
    monkeypatch.delenv("FRONTLINE_DATA_DIR", raising=False)  # the bundled campaign
    app = with_tab(AppTest.from_file(APP, default_timeout=120), "Export").run()
    assert not app.exception
    assert [b.label for b in app.button if b.key == "video_render"] == ["Render the MP4"]
    period = (dt.date(2019, 4, 4), dt.date(2020, 10, 23))  # 569 days, every one drawn
    app.date_input(key="video_days").set_value(period).run()
    warnings = [w.value for w in app.warning]
    assert any(
        "Not rendered here: This video would draw 569 days at 1080×1080; the app draws at "
        f"most {VIDEO_BUDGET.max_days}" in w
        for w in warnings
    ), warnings
    assert not [b for b in app.button if b.key == "video_render"]
    app.date_input(key="video_days").set_value((dt.date(2020, 5, 1), dt.date(2020, 6, 1))).run()
    assert [b.label for b in app.button if b.key == "video_render"] == ["Render the MP4"]


def test_the_story_can_be_followed_when_there_is_one(tmp_path, monkeypatch):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "events" / "story.csv").write_text(
        "date,title,text\n2020-01-10,Fall,x\n2020-02-01,Later,y\n", encoding="utf-8"
    )
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(folder))
    app = with_tab(AppTest.from_file(APP, default_timeout=60), "Export").run()
    app.checkbox(key="video_story").check().run()
    assert not app.exception
    # 2 steps held 3 s at 30 fps, 21 days between at 10 a second: 180 + 63 frames
    assert any(
        "23 days drawn at 1080×1080, 243 frames, 8.1 s of video" in c.value for c in app.caption
    )
