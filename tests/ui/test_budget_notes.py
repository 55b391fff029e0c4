"""A map page degraded to fit the run's time budget says so above the map, on every rerun."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def spent_budget_page() -> None:
    import streamlit as st

    from dashboard.core import budget
    from dashboard.ui import data

    if not st.session_state.get("cleared"):
        st.cache_data.clear()
        st.session_state["cleared"] = True
    model = data.bundled_model()
    with budget.within(budget.Deadline(-1.0)):  # spent before the page starts
        st.text(data.timeline_page(data.model_key(model), tuple(model.factions)))


def test_names_left_out_for_the_budget_are_said_above_the_map_also_when_cached():
    at = AppTest.from_function(spent_budget_page, default_timeout=120).run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 2
    assert warnings[0].startswith("Markers only partly spread apart")
    assert warnings[1].startswith("Town names shown for the first 0 of ")
    assert at.text[0].value.endswith(".html")
    at.run()  # the page now comes from the cache: the note with it
    assert [w.value for w in at.warning] == warnings
