"""The sidebar's faction filter reaches the open map as data: the places of the factions
left out disappear from the map and its legend, with no new page and no reload."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from dashboard.core.model import Model
from dashboard.ui import scene
from tests.support.mapdom import MAP_FRAME, drawn_markers, map_frame, map_locator, wait_idle

pytestmark = pytest.mark.e2e

DAY = dt.date(2020, 6, 1)


def test_the_filter_hides_the_left_out_factions_without_reloading_the_map(page: Page, app_url):
    model = Model.load()
    page.goto(f"{app_url}/?date={DAY.isoformat()}")
    wait_idle(page)
    frame = map_frame(page)
    frame.evaluate("() => { window.__sameDocument = true; }")
    digest = page.locator(MAP_FRAME).get_attribute("data-page")
    assert set(drawn_markers(page)) == set(model.state(DAY)["place"])
    labels = scene.labels(model)
    kept = "LNA"
    for faction in model.factions:
        if faction != kept:
            page.get_by_role("button", name=f"Remove {labels[faction]}").click()
            wait_idle(page)
    want = scene.shown_state(model, DAY, (kept,))
    assert set(want["controller"]) == {kept}  # places of no known holder are left out too
    expect(map_locator(page).locator(".fl-legend")).to_contain_text(
        f"{len(want)} of {len(model.state(DAY))} places"
    )
    shown = drawn_markers(page)
    assert set(shown) == set(want["place"])
    assert {m["controller"] for m in shown.values()} == {kept}
    assert page.locator(MAP_FRAME).get_attribute("data-page") == digest  # the same page
    assert map_frame(page).evaluate("() => window.__sameDocument") is True  # not reloaded
    assert f"faction={kept}" in page.url  # the link keeps the filter
