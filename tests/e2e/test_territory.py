"""Areas of control in the browser: the map's layer control, and scrubbing recolours them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    GNA,
    LNA,
    open_app,
    poll,
    press_on_range,
    wait_for_marker,
    wait_map_day,
)
from tests.e2e.mapdom import area_fills, map_frame, map_locator

pytestmark = pytest.mark.e2e


def test_toggle_areas_from_the_map_then_scrub_and_see_them_change(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-03")
    wait_map_day(page, "2020-06-03")
    assert area_fills(page) == []
    frame = map_locator(page)
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_label("Areas of control (approximate)").check()
    before = poll(
        page, lambda: area_fills(page), lambda f: LNA in f and GNA in f, "no GNA and LNA areas"
    )
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


def test_front_lines_follow_the_day(page: Page, app_url: str):
    open_app(page, app_url, "date=2019-04-10&layer=front")
    wait_map_day(page, "2019-04-10")
    shown = "() => window.frontline.edges.filter(e => e.on).length"
    frame = map_locator(page)
    before = map_frame(page).evaluate(shown)
    assert before > 0
    press_on_range(page, "End")
    poll(
        page,
        lambda: map_frame(page).evaluate(shown),
        lambda n: n != before,
        "front lines did not change",
    )
    expect(frame.locator(".fl-legend")).to_contain_text("front")
