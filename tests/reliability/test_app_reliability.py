"""AppTest: bad data folders and hostile links never break the page.

A bad folder shows its problem lines in ``st.error`` (the same lines as the CLI) and the
page falls back to the bundled data; hostile query values fall back to defaults with a
notice, and nothing in them is rendered as HTML.
"""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.bad_cases import BAD, CASES, expected_line
from tests.support.markdown import read, tags
from tests.support.pages import bundled_places
from tests.support.paths import ROOT

APP = str(ROOT / "dashboard" / "app.py")
OPEN_DAY = dt.date(2019, 4, 4)  # the bundled dataset.toml's open_on: the default date
SHOWN_IN_APP = [
    "impossible_date",
    "latin1",
    "unbalanced_quotes",
    "duplicate_column",
    "no_events_folder",
    "conflicting_same_day",
]


@pytest.fixture
def app(monkeypatch):
    """An AppTest of the dashboard on the bundled data (FRONTLINE_DATA_DIR unset)."""
    monkeypatch.delenv("FRONTLINE_DATA_DIR", raising=False)
    return AppTest.from_file(APP, default_timeout=90)


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("case", SHOWN_IN_APP)
def test_bad_folder_shows_its_problem_lines_and_falls_back(app, monkeypatch, case):
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(BAD / case))
    app.run()
    assert not app.exception
    errors = [e.value for e in app.error]
    shown = " ".join(read(e) for e in errors)
    for row in CASES[case]:
        # the same line as the CLI, with the path from the data folder's name on (the
        # server's own folders are not shown to viewers)
        line = expected_line(BAD / case, row).removeprefix(f"{BAD}/")
        assert f" {line}" in f" {shown}", shown
    assert str(BAD) not in shown
    assert all(tags(e) <= {"p", "ul", "li", "code"} for e in errors)
    assert f"showing {bundled_places()} of {bundled_places()} places" in markdown(app)
    assert any("bundled" in i.value for i in app.info)


def test_unknown_faction_loads_with_a_warning(app, monkeypatch):
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(BAD / "unknown_faction_warning"))
    app.run()
    assert not app.exception
    assert not app.error
    assert "showing 1 of 1 places" in markdown(app)
    assert "'West' is not in factions.csv" in "\n".join(t.value for t in app.text)


HOSTILE_PARAMS = [
    ({"date": "<script>alert(1)</script>"}, "Invalid date"),
    ({"date": "2020-06-01" + "9" * 5000}, "Invalid date"),
    ({"date": "-999999-01-01"}, "Invalid date"),
    ({"faction": "\x00"}, "Unknown faction value(s)"),
    ({"faction": "GNA" * 3000}, "Unknown faction value(s)"),
    ({"place": "../../etc/passwd"}, "Unknown place"),
    ({"place": "<img src=x onerror=alert(1)>"}, "Unknown place"),
    ({"place": "Tripoli" * 2000}, "Unknown place"),
    ({"layer": "javascript:alert(1)"}, "Unknown layer value(s)"),
    ({"date": "x\n\n![leak](http://127.0.0.2/pixel.png)"}, "Invalid date"),
    ({"faction": "[Sign in](http://127.0.0.2/login)"}, "Unknown faction value(s)"),
    ({"place": "`` `<img src=http://127.0.0.2/x.png>` ``"}, "Unknown place"),
    ({"layer": "\u202egnp.exe <a href=http://127.0.0.2>x</a> &amp;"}, "Unknown layer value(s)"),
    ({"place": "طرابلس\r\n# big http://127.0.0.2/auto"}, "Unknown place"),
]


@pytest.mark.parametrize(("params", "notice"), HOSTILE_PARAMS)
def test_hostile_query_values_fall_back_with_a_notice(app, params, notice):
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    warnings = [w.value for w in app.warning]
    assert any(notice in read(w) for w in warnings), warnings
    assert all(tags(w) == {"p"} for w in warnings), "a notice rendered markup from a link value"
    assert all(len(w) < 400 for w in warnings), "a notice must not echo a huge value"
    assert app.session_state["date"] == OPEN_DAY
    assert f"showing {bundled_places()} of {bundled_places()} places" in markdown(app)
    assert app.selectbox(key="place").value == "— none —"
    assert list(app.session_state["layers"]) == [
        "places",
        "labels",
        "relief",
        "districts",
        "recent",
        "distances",
    ]
    assert len(app.multiselect(key="factions").value) == 3
    # Markdown rendered with unsafe_allow_html must never carry the raw payload.
    for block in app.markdown:
        if block.proto.allow_html:
            assert "<script" not in block.value and "onerror=" not in block.value
