"""Streamlit AppTest: a bad events/story.csv is named by file and line, the app runs on."""

from __future__ import annotations

import shutil

from streamlit.testing.v1 import AppTest

from tests.support.paths import ROOT, TINY

APP = str(ROOT / "dashboard" / "app.py")


def test_a_bad_story_is_reported_and_the_map_runs_without_it(tmp_path, monkeypatch):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "events" / "story.csv").write_text(
        "date,title,text\n2020-01-01,Start,<b>ok</b>\n2020-13-01,Bad,x\n", encoding="utf-8"
    )
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(folder))
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert any("events/story.csv:3: date '2020-13-01' is not a day" in e for e in errors), errors
    assert not any(str(tmp_path) in e for e in errors)  # the server's folders stay private
    assert any("showing 3 of 3 places" in m.value for m in app.markdown)
