"""User journeys in headless Chromium: open, see markers, scrub, filter, click, measure."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import external
from tests.e2e.helpers import GNA, LNA, open_app, poll, scrub, wait_for_marker
from tests.e2e.mapdom import drawn_markers, map_frame, wait_idle

pytestmark = pytest.mark.e2e


def test_map_renders_every_place_offline(page: Page, app_url: str, requests_seen: list[str]):
    open_app(page, app_url, "date=2020-06-01")
    shown = drawn_markers(page)
    assert len(shown) == 24
    assert shown["Tripoli"]["fill"].upper() == GNA
    expect(page.get_by_test_id("fl-legend")).to_contain_text("Showing 24 of 24 places")
    assert external(requests_seen) == []


def test_scrub_to_1_may_2019_shows_gharyan_held_by_the_lna(page: Page, app_url: str):
    open_app(page, app_url, "date=2019-04-29")
    scrub(page, "ArrowRight", 2)
    expect(page.get_by_test_id("fl-day")).to_contain_text("Wednesday 01 May 2019")
    wait_for_marker(page, "Gharyan", LNA)


def test_scrub_to_6_june_2020_shows_tarhuna_held_by_the_gna(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-03")
    wait_for_marker(page, "Tarhuna", LNA)
    scrub(page, "ArrowRight", 3)
    expect(page.get_by_test_id("fl-day")).to_contain_text("Saturday 06 June 2020")
    wait_for_marker(page, "Tarhuna", GNA)


def test_tooltip_names_holder_and_date(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-06")
    tarhuna = drawn_markers(page)["Tarhuna"]
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    page.mouse.move(box["x"] + tarhuna["x"], box["y"] + tarhuna["y"])
    tooltip = map_frame(page).locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text("Tarhuna")
    expect(tooltip).to_contain_text("Government of National Accord")
    expect(tooltip).to_contain_text("2020-06-05")


def test_faction_filter_hides_the_other_factions(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-01")
    before = len(drawn_markers(page))
    page.get_by_role("button", name="Remove Libyan National Army (Haftar)").click()
    expect(page.get_by_test_id("fl-legend")).to_contain_text("of 24 places", timeout=15_000)
    wait_idle(page)
    after = poll(
        page,
        lambda: drawn_markers(page),
        lambda shown: 0 < len(shown) < before,
        "the map still draws every place",
    )
    assert all(m["controller"] != "LNA" for m in after.values())
    expect(page.get_by_test_id("fl-legend")).to_contain_text(f"Showing {len(after)} of 24 places")


def test_click_a_place_and_read_its_distances(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-01")
    target = drawn_markers(page)["al-Asabaa"]
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    panel = page.locator(".st-key-place_panel")
    expect(panel).to_contain_text("Nearest place held by another faction", timeout=20_000)
    expect(panel).to_contain_text("from al-Asabaa")
    expect(map_frame(page).locator(".fl-km").first).to_be_visible(timeout=15_000)
    expect(panel).to_contain_text("Control history of al-Asabaa")
    expect(panel).to_contain_text("disputed")
    links = panel.locator("a")
    assert links.count() > 3
    assert all(
        h.startswith(("https://", "http://"))
        for h in links.evaluate_all("els => els.map(e => e.href)")
    )


def test_shared_link_restores_the_view_and_flags_bad_values(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-06&faction=GNA&place=Tarhuna")
    assert set(m["controller"] for m in drawn_markers(page).values()) == {"GNA"}
    expect(page.get_by_text("Saturday 06 June 2020")).to_be_visible()
    open_app(page, app_url, "date=2020-02-30&faction=ISIS")
    expect(page.get_by_text("Invalid date '2020-02-30'")).to_be_visible()
    expect(page.get_by_text("Unknown faction value(s) 'ISIS'")).to_be_visible()


def test_scrubbing_keeps_zoom_and_does_not_reload_the_map(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-03")
    frame_element = page.locator('iframe[title="streamlit_folium.st_folium"]').element_handle()
    frame = frame_element.content_frame()
    frame.evaluate("() => { window.__not_reloaded = true; map_div.setZoom(9, {animate: false}); }")
    scrub(page, "ArrowRight", 3)
    wait_for_marker(page, "Tarhuna", GNA)
    assert frame.evaluate("() => window.__not_reloaded === true")
    assert frame.evaluate("() => map_div.getZoom()") == 9


def test_next_change_button_jumps_to_the_next_control_change(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-02")
    page.get_by_role("button", name="Next ▶").click()
    expect(page.get_by_test_id("fl-day")).to_contain_text("changed hands", timeout=15_000)
    expect(page.get_by_test_id("fl-day")).to_contain_text("June 2020")


def test_play_steps_through_the_changes(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-01")
    page.get_by_text("Play", exact=True).click()
    expect(page.get_by_test_id("fl-day")).not_to_contain_text("01 June 2020", timeout=20_000)
    expect(page.get_by_test_id("fl-day")).to_contain_text("changed hands")
    page.get_by_text("Play", exact=True).click()
