"""A map page degraded to fit the run's time budget says so above the map, on every rerun."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def spent_budget_page() -> None:
    import streamlit as st

    from dashboard.core import budget
    from dashboard.ui import data
    from dashboard.ui.context import Context
    from dashboard.ui.map.frame import map_page

    if not st.session_state.get("cleared"):
        st.cache_data.clear()
        st.session_state["cleared"] = True
    model = data.bundled_model()
    ctx = Context(model, data.model_key(model), model.span()[0], tuple(model.factions))
    with budget.within(budget.Deadline(-1.0)):  # spent before the page starts
        st.text(map_page(ctx, None)["page"])  # the page's digest (carried: no static files)


def test_names_left_out_for_the_budget_are_said_above_the_map_also_when_cached():
    at = AppTest.from_function(spent_budget_page, default_timeout=120).run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 2
    assert warnings[0].startswith("Markers only partly spread apart")
    assert warnings[1].startswith("Town names shown for the first 0 of ")
    assert len(at.text[0].value) == 64  # a sha256 digest: the page was built
    at.run()  # the page now comes from the cache: the note with it
    assert [w.value for w in at.warning] == warnings


def spent_budget_filtered_page() -> None:
    import streamlit as st

    from dashboard.core import budget
    from dashboard.ui import data
    from dashboard.ui.context import Context
    from dashboard.ui.map.frame import map_page

    if not st.session_state.get("cleared"):
        st.cache_data.clear()
        st.session_state["cleared"] = True
    model = data.bundled_model()
    factions = tuple(st.session_state.get("factions", model.factions))
    ctx = Context(model, data.model_key(model), model.span()[0], factions)
    with budget.within(budget.Deadline(-1.0)):
        st.text(map_page(ctx, None)["page"])


def test_a_faction_filter_keeps_the_page_and_its_note():
    """One page serves every faction filter (the filter is pushed to it): a new filter
    builds nothing, and the note of what the page left out stays."""
    at = AppTest.from_function(spent_budget_filtered_page, default_timeout=120).run()
    first = at.text[0].value
    at.session_state["factions"] = ["LNA"]
    at.run()
    assert not at.exception
    assert at.text[0].value == first  # the same page
    assert any(w.value.startswith("Town names shown for the first 0 of ") for w in at.warning)
