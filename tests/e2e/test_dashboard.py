"""User journeys in headless Chromium: open, see markers, scrub, drag, play, filter, click.

The map scrubs in the browser (no server round trip); the page below it follows when
the user lets go. These tests pin that mechanism: a library upgrade that breaks the
components-v2 host or the day's way back to Python fails here.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import external
from tests.support.mapdom import (
    MAP_FRAME,
    drawn_markers,
    map_frame,
    map_locator,
    shown_day,
)
from tests.support.pages import (
    GNA,
    LNA,
    bundled_places,
    open_app,
    poll,
    press_on_range,
    wait_for_marker,
    wait_map_day,
    wait_page_day,
)

pytestmark = pytest.mark.e2e


def test_map_renders_every_place_offline(page: Page, app_url: str, requests_seen: list[str]):
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    open_app(page, app_url, "date=2020-06-01")
    wait_map_day(page, "2020-06-01")
    shown = drawn_markers(page)
    assert len(shown) == bundled_places()
    assert shown["Tripoli"]["fill"].upper() == GNA
    expect(map_locator(page).locator(".fl-legend")).to_contain_text(
        f"{bundled_places()} of {bundled_places()} places"
    )
    map_locator(page).get_by_role("button", name="Show all places").click()  # opens on the front
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    outside = [
        p
        for p, m in drawn_markers(page).items()
        if not (
            box["x"] <= m["x"] <= box["x"] + box["width"]
            and box["y"] <= m["y"] <= box["y"] + box["height"]
        )
    ]
    assert outside == [], f"markers outside the fit-all view: {outside}"
    assert external(requests_seen) == []
    assert map_frame(page).evaluate("() => window.__errors || []") == []
    assert errors == []


def test_keys_scrub_in_the_browser_and_the_page_follows(page: Page, app_url: str):
    open_app(page, app_url, "date=2019-04-29")
    wait_map_day(page, "2019-04-29")
    press_on_range(page, "ArrowRight", 2)
    wait_map_day(page, "2019-05-01")
    expect(map_locator(page).locator(".fl-date")).to_have_text("1 May 2019")
    wait_for_marker(page, "Gharyan", LNA)
    wait_page_day(page, "2019-05-01")
    expect(page.get_by_test_id("fl-day")).to_contain_text("Wednesday 01 May 2019")
    expect(page).to_have_url(re.compile(r"date=2019-05-01"))


def test_tarhuna_falls_to_the_gna_on_5_june_2020(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-03")
    wait_for_marker(page, "Tarhuna", LNA)
    press_on_range(page, "ArrowRight")
    wait_map_day(page, "2020-06-04")
    wait_for_marker(page, "Tarhuna", LNA)  # the day before: still the LNA's
    press_on_range(page, "ArrowRight")
    wait_map_day(page, "2020-06-05")
    wait_for_marker(page, "Tarhuna", GNA)  # the day itself: the GNA's


def test_tooltip_names_holder_and_date(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-06")
    wait_map_day(page, "2020-06-06")
    tarhuna = drawn_markers(page)["Tarhuna"]
    page.mouse.move(tarhuna["x"], tarhuna["y"])
    tooltip = map_locator(page).locator(".leaflet-tooltip", has_text="Held by")
    expect(tooltip).to_contain_text("Tarhuna")
    expect(tooltip).to_contain_text("Government of National Accord")
    expect(tooltip).to_contain_text("2020-06-05")


def test_mouse_drag_repaints_before_release_and_the_page_follows_on_release(
    page: Page, app_url: str
):
    open_app(page, app_url, "date=2019-04-10")
    wait_map_day(page, "2019-04-10")
    frame = map_frame(page)
    rng = map_locator(page).locator(".fl-range").bounding_box()
    assert rng is not None
    y = rng["y"] + rng["height"] / 2
    fills = "() => window.frontline.markers.map(m => m.options.fillColor).join()"
    before = frame.evaluate(fills)
    start_day = shown_day(page)
    page.mouse.move(rng["x"] + 8, y)
    page.mouse.down()
    for k in range(1, 21):
        page.mouse.move(rng["x"] + 8 + (rng["width"] - 16) * k / 20, y)
    poll(
        page,
        lambda: frame.evaluate(fills),
        lambda f: f != before,
        "no repaint while the button is down",
    )
    assert shown_day(page) != start_day
    expect(page.get_by_test_id("fl-day")).to_have_attribute("data-day", "2019-04-10")
    page.mouse.up()
    wait_page_day(page, shown_day(page))


def test_page_keys_jump_between_changes_and_home_end_reach_the_ends(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-01")
    wait_map_day(page, "2020-06-01")
    changes = map_frame(page).evaluate(
        "() => window.frontline.changeDays.map(window.FrontlineTimeline.isoOf)"
    )
    press_on_range(page, "PageDown")
    later = min(d for d in changes if d > "2020-06-01")
    wait_map_day(page, later)
    press_on_range(page, "PageUp")
    wait_map_day(page, max(d for d in changes if d < later))
    press_on_range(page, "End")
    wait_map_day(page, "2020-10-23")
    wait_page_day(page, "2020-10-23")


def test_prev_and_next_buttons_on_the_map(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-02")
    wait_map_day(page, "2020-06-02")
    map_locator(page).get_by_role("button", name="Next ▶").click()
    poll(page, lambda: shown_day(page), lambda d: d > "2020-06-02", "Next did not move")
    expect(map_locator(page).locator(".fl-changes")).to_contain_text("Changed hands")
    day = shown_day(page)
    map_locator(page).get_by_role("button", name="◀ Prev").click()
    poll(page, lambda: shown_day(page), lambda d: d < day, "Prev did not move")


def test_play_runs_in_the_browser_and_pause_brings_the_page_along(page: Page, app_url: str):
    open_app(page, app_url, "date=2019-04-04")
    wait_map_day(page, "2019-04-04")
    play = map_locator(page).locator(".fl-play")
    play.click()
    poll(page, lambda: shown_day(page), lambda d: d > "2019-05-15", "Play did not advance")
    play.click()
    expect(play).to_have_text("Play")
    stopped = shown_day(page)
    wait_page_day(page, stopped)
