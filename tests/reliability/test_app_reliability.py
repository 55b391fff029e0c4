"""AppTest: bad data folders and hostile links never break the page.

A bad folder shows its problem lines in ``st.error`` (the same lines as the CLI) and the
page falls back to the bundled data; hostile query values fall back to defaults with a
notice, and nothing in them is rendered as HTML.
"""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.reliability.cases import BAD, CASES, expected_line

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
    errors = "\n".join(e.value for e in app.error)
    for row in CASES[case]:
        assert f"`{expected_line(BAD / case, row)}" in errors, errors
    assert "showing 24 of 24 places" in markdown(app)
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
]


@pytest.mark.parametrize(("params", "notice"), HOSTILE_PARAMS)
def test_hostile_query_values_fall_back_with_a_notice(app, params, notice):
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    warnings = [w.value for w in app.warning]
    assert any(notice in w for w in warnings), warnings
    assert all(len(w) < 400 for w in warnings), "a notice must not echo a huge value"
    assert app.session_state["date"] == OPEN_DAY
    assert "showing 24 of 24 places" in markdown(app)
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
