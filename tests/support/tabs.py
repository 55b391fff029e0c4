"""Open a tab of the app in Streamlit's AppTest, as a reader's click does."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def with_tab(at: AppTest, tab: str) -> AppTest:
    """``at`` with ``tab`` open: a session's first run draws the open tab only
    (``dashboard.ui.page._tabs``), so a test of another tab's first run opens it first."""
    at.session_state["tab"] = tab
    return at
