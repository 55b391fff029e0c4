"""Areas of control in the browser: the map's layer control, and scrubbing recolours them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.mapdom import area_fills, map_frame, map_locator
from tests.support.pages import (
    GNA,
    LNA,
    open_app,
    poll,
    press_on_range,
    wait_for_marker,
    wait_map_day,
)

pytestmark = pytest.mark.e2e


def test_toggle_areas_from_the_map_then_scrub_and_see_them_change(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-03")
    wait_map_day(page, "2020-06-03")
    assert area_fills(page) == []
    shown = cell_paths(page)
    assert shown["cells"] > 0 and shown["made"] == 0  # off: no SVG path made at opening
    frame = map_locator(page)
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_label("Areas of control (approximate)").check()
    before = poll(
        page, lambda: area_fills(page), lambda f: LNA in f and GNA in f, "no GNA and LNA areas"
    )
    assert cell_paths(page) == {"cells": shown["cells"], "made": shown["cells"]}
    expect(page).to_have_url(re.compile(r"layer=areas"), timeout=20_000)
    expect(frame.locator(".fl-legend")).to_contain_text("area of control")
    press_on_range(page, "ArrowRight", 3)
    wait_for_marker(page, "Tarhuna", GNA)
    after = poll(
        page,
        lambda: area_fills(page),
        lambda f: f.count(LNA) < before.count(LNA),
        "LNA areas did not shrink",
    )
    assert after.count(GNA) > before.count(GNA)


def cell_paths(page: Page) -> dict[str, int]:
    """How many cells the map holds, and for how many Leaflet has made an SVG path."""
    return map_frame(page).evaluate(
        "() => { const c = window.frontline.cells.filter(Boolean);"
        " return {cells: c.length, made: c.filter(x => x._path).length}; }"
    )


def shown_front(page: Page) -> set[frozenset[str]]:
    """The cell borders the map draws as front lines, as pairs of the places they divide."""
    pairs = map_frame(page).evaluate(
        "() => window.frontline.edges.filter(e => e.on)"
        ".map(e => [window.frontline.places[e.a], window.frontline.places[e.b]])"
    )
    return {frozenset(pair) for pair in pairs}


def expected_front(page: Page, day: str) -> set[frozenset[str]]:
    """The borders the core says are fronts on ``day``: the holders on the two sides are
    hostile (:func:`dashboard.core.geo.distance.is_hostile`)."""
    from dashboard.core.geo.distance import is_hostile
    from dashboard.core.model import Model

    holder = Model.load().state(day).set_index("place")["controller"]
    every = map_frame(page).evaluate(
        "() => window.frontline.edges"
        ".map(e => [window.frontline.places[e.a], window.frontline.places[e.b]])"
    )
    return {frozenset((a, b)) for a, b in every if is_hostile(holder[a], holder[b])}


def test_front_lines_follow_the_day(page: Page, app_url: str):
    open_app(page, app_url, "date=2019-04-10&layer=front")
    wait_map_day(page, "2019-04-10")
    frame = map_locator(page)
    before = expected_front(page, "2019-04-10")
    assert before and shown_front(page) == before
    press_on_range(page, "End")
    wait_map_day(page, "2020-10-23")
    after = expected_front(page, "2020-10-23")
    assert after != before  # the bundled war moved its fronts between these days
    poll(page, lambda: shown_front(page), lambda shown: shown == after, "front lines")
    expect(frame.locator(".fl-legend")).to_contain_text("front")
