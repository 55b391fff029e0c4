"""User journeys in headless Chromium around the map: filter, click, links, zoom, fold, claims,
spread markers, the first load's size, and the day's round trip under delays.
(The scrubbing journeys are in test_dashboard.py.)
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.mapdom import (
    MAP_FRAME,
    drawn_markers,
    map_frame,
    map_locator,
    wait_idle,
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
    wait_map_zoom,
    wait_page_day,
)

pytestmark = pytest.mark.e2e


def test_faction_filter_hides_the_other_factions(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-01")
    wait_map_day(page, "2020-06-01")
    before = len(drawn_markers(page))
    page.get_by_role("button", name="Remove Libyan National Army (Haftar)").click()
    legend = map_locator(page).locator(".fl-legend")
    expect(legend).not_to_contain_text(
        f"{bundled_places()} of {bundled_places()} places", timeout=20_000
    )
    wait_idle(page)
    after = poll(
        page, lambda: drawn_markers(page), lambda m: 0 < len(m) < before, "filter did not hide"
    )
    assert all(m["controller"] != "LNA" for m in after.values())
    expect(legend).to_contain_text(f"{len(after)} of {bundled_places()} places")


def test_click_a_place_and_read_its_distances(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-01&map=8/32.40/13.60")
    wait_map_day(page, "2020-06-01")
    target = drawn_markers(page)["Tarhuna"]
    page.mouse.click(target["x"], target["y"])
    panel = page.locator(".st-key-place_panel")
    expect(panel).to_contain_text("Nearest place held by another faction", timeout=20_000)
    expect(panel).to_contain_text("from Tarhuna")
    expect(panel).to_contain_text("Control history of Tarhuna")
    expect(map_locator(page).locator(".fl-km").first).to_be_attached(timeout=15_000)
    links = panel.locator("a")
    assert links.count() > 1
    assert all(
        h.startswith(("https://", "http://"))
        for h in links.evaluate_all("els => els.map(e => e.href)")
    )


def test_a_date_in_the_place_panel_is_pushed_to_the_map_without_a_reload(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-01&place=Gharyan")
    wait_map_day(page, "2020-06-01")
    frame = map_frame(page)
    frame.evaluate("() => { window.__not_reloaded = true; }")
    page.locator(".st-key-holding_days").get_by_role("button", name="26 Jun 2019").click()
    wait_map_day(page, "2019-06-26")
    wait_for_marker(page, "Gharyan", GNA)
    assert frame.evaluate("() => window.__not_reloaded === true")


def test_shared_link_restores_the_whole_view_and_flags_bad_values(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-06&faction=GNA&place=Tarhuna&layer=areas&map=9/32.6/13.4")
    wait_map_day(page, "2020-06-06")
    assert {m["controller"] for m in drawn_markers(page).values()} == {"GNA"}
    frame = map_frame(page)
    wait_map_zoom(page, 9)
    assert frame.evaluate("() => window.frontline.layerOn('areas')")
    expect(page.get_by_test_id("fl-day")).to_contain_text("Saturday 06 June 2020")
    open_app(page, app_url, "date=2020-02-30&faction=ISIS")
    expect(page.get_by_text("Invalid date '2020-02-30'")).to_be_visible()
    expect(page.get_by_text("Unknown faction value(s) 'ISIS'")).to_be_visible()


def test_scrubbing_keeps_zoom_and_the_maps_top_edge_still(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-05-01")
    wait_map_day(page, "2020-05-01")
    frame = map_frame(page)
    frame.evaluate(
        "() => { window.__not_reloaded = true; window.frontline.map.setZoom(8, {animate: false}); }"
    )
    top = page.locator(MAP_FRAME).bounding_box()["y"]
    for _ in range(20):
        press_on_range(page, "ArrowRight")
        assert page.locator(MAP_FRAME).bounding_box()["y"] == top
    wait_map_day(page, "2020-05-21")
    wait_page_day(page, "2020-05-21")
    assert page.locator(MAP_FRAME).bounding_box()["y"] == top
    assert frame.evaluate("() => window.__not_reloaded === true")
    assert frame.evaluate("() => window.frontline.map.getZoom()") == 8


def test_the_fold_at_1280_by_720_shows_450_px_of_map(page: Page, app_url: str):
    open_app(page, app_url, "", size=(1280, 720))
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    visible = min(720, box["y"] + box["height"]) - max(0, box["y"])
    assert visible >= 450, f"only {visible:.0f} px of map above the fold"


def test_a_claim_in_force_shows_its_mark_and_tooltip(page: Page, app_url: str):
    """Aziziya, 1 June 2019: GNA-held (since 2017; retaken 23 April), the LNA's 3 May claim open."""
    open_app(page, app_url, "date=2019-06-01&map=10/32.53/13.02")
    wait_map_day(page, "2019-06-01")
    frame = map_frame(page)
    mark = map_locator(page).locator("path[data-mark-of='Aziziya']")
    expect(mark).to_have_count(1)
    expect(mark).to_have_attribute("stroke", LNA)  # the claimant's colour, dashed halo
    lines = frame.evaluate(
        "() => window.frontline.tooltipLines(window.frontline.places.indexOf('Aziziya'))"
    )
    claim = "Claim: Libyan National Army (Haftar) claims it since 2019-05-03, unconfirmed"
    assert claim in lines
    target = drawn_markers(page)["Aziziya"]
    page.mouse.move(target["x"], target["y"], steps=4)
    tooltip = map_locator(page).locator(".leaflet-tooltip", has_text="Aziziya")
    expect(tooltip).to_contain_text("claims it since 2019-05-03, unconfirmed")


MOVED_JS = """() => { const f = window.frontline, t = f.cfg.table;
    return f.markers.filter((m, i) => !m.getLatLng().equals([t.lat[i], t.lon[i]])).length; }"""


def test_places_that_overlap_are_spread_apart_and_each_keeps_its_own_tooltip(
    page: Page, app_url: str
):
    """Qasr bin Ghashir is 3 km from Tripoli airport: 6 px at zoom 8, one blot unspread."""
    open_app(page, app_url, "date=2020-06-01&map=8/32.7/13.2")
    wait_map_day(page, "2020-06-01")
    frame = map_frame(page)
    wait_map_zoom(page, 8)
    shown = drawn_markers(page)
    qasr, airport = shown["Qasr bin Ghashir"], shown["Tripoli International Airport"]
    apart = ((qasr["x"] - airport["x"]) ** 2 + (qasr["y"] - airport["y"]) ** 2) ** 0.5
    assert apart >= 14, f"markers {apart:.1f} px apart: they overlap"
    leaders = frame.evaluate("() => window.frontline.leaderGroup.getLayers().length")
    moved = frame.evaluate(MOVED_JS)
    assert moved >= 2 and leaders == moved  # each moved marker is tied to its true point
    expect(map_locator(page).locator(".fl-legend")).to_contain_text("the dot is its true point")
    for place, mark in (("Qasr bin Ghashir", qasr), ("Tripoli International Airport", airport)):
        page.mouse.move(mark["x"], mark["y"])
        tooltip = map_locator(page).locator(".leaflet-tooltip", has_text="Held by")
        expect(tooltip).to_contain_text(place)
        page.mouse.move(5, 5)
        expect(tooltip).to_have_count(0)
    # zoomed in far enough, every marker is back on its own point, with no leader
    frame.evaluate("() => window.frontline.map.setZoom(11, {animate: false})")
    on_point = """() => { const f = window.frontline, t = f.cfg.table;
        return f.markers.every((m, i) => m.getLatLng().equals([t.lat[i], t.lon[i]])); }"""
    poll(page, lambda: frame.evaluate(on_point), bool, "markers not back on their points")
    assert frame.evaluate("() => window.frontline.leaderGroup.getLayers().length") == 0


def test_the_first_map_load_is_under_3_mb_over_the_wire(page: Page, app_url: str):
    """The map page (basemap, relief, names, run table, font) and what it loads (Leaflet)."""
    loaded: dict[str, int] = {}

    def count(request) -> None:
        frame = request.frame
        if frame.parent_frame is not None or "/app/static/" in request.url:
            sizes = request.sizes()
            loaded[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]

    page.on("requestfinished", count)
    open_app(page, app_url, "date=2020-06-01")
    wait_map_day(page, "2020-06-01")
    assert any(url.endswith(".html") for url in loaded), loaded  # the map page was counted
    assert any("leaflet" in url for url in loaded), loaded
    total = sum(loaded.values())
    assert total <= 3_000_000, (
        f"{total / 1e6:.2f} MB: {sorted(loaded.items(), key=lambda kv: -kv[1])[:5]}"
    )


def test_a_lost_day_report_is_sent_again_after_the_pages_next_run(page: Page, app_url: str):
    """Under load a report of the day can fail to reach Python (3 of 288 steps with 20
    sessions): after the page's next run shows another day, the map reports once more."""
    open_app(page, app_url, "date=2020-06-01&map=8/32.40/13.60")
    wait_map_day(page, "2020-06-01")
    frame = map_frame(page)
    frame.evaluate(
        """() => { const host = window.frontlineHost, send = host.day;
        host.day = (iso) => { if (!window.__dropped) { window.__dropped = iso; return; } send(iso); }; }"""
    )
    press_on_range(page, "ArrowRight")
    wait_map_day(page, "2020-06-02")
    poll(page, lambda: frame.evaluate("() => window.__dropped || null"), bool, "no report made")
    wait_idle(page)
    expect(page.get_by_test_id("fl-day")).to_have_attribute("data-day", "2020-06-01")
    tarhuna = drawn_markers(page)["Tarhuna"]
    page.mouse.click(tarhuna["x"], tarhuna["y"])  # any report makes the page run again
    wait_page_day(page, "2020-06-02")
    assert frame.evaluate("() => window.__dropped") == "2020-06-02"


def test_the_day_reported_is_the_ranges_even_when_frames_come_late(page: Page, app_url: str):
    """On a busy machine the repaint after a key press can come after the report timer;
    the report must still carry the range's new day (a load run left pages one day
    behind their map before)."""
    open_app(page, app_url, "date=2020-06-01")
    wait_map_day(page, "2020-06-01")
    map_frame(page).evaluate(
        "() => { window.requestAnimationFrame = (f) => setTimeout(() => f(performance.now()), 1500); }"
    )
    press_on_range(page, "ArrowRight")
    wait_page_day(page, "2020-06-02")
    wait_map_day(page, "2020-06-02")


def test_a_place_chosen_outside_the_view_is_brought_into_it(page: Page, app_url: str):
    """al-Assa lies west of the opening view: choosing it for distances pans the map to it;
    a later day keeps the view the user has."""
    open_app(page, app_url, "date=2020-03-30&place=al-Assa")
    wait_map_day(page, "2020-03-30")
    frame_box = page.locator(MAP_FRAME).bounding_box()
    inside = lambda m: (  # noqa: E731
        frame_box["x"] < m["x"] < frame_box["x"] + frame_box["width"]
        and frame_box["y"] < m["y"] < frame_box["y"] + frame_box["height"]
    )
    shown = poll(
        page,
        lambda: drawn_markers(page),
        lambda m: "al-Assa" in m and inside(m["al-Assa"]),
        "al-Assa was not brought into view",
    )
    assert inside(shown["al-Assa"])
    frame = map_frame(page)
    frame.evaluate("() => window.frontline.map.panBy([600, 0], {animate: false})")
    page.locator(".st-key-holding_days").get_by_role("button").first.click()
    wait_idle(page)
    assert not inside(drawn_markers(page)["al-Assa"])  # the same place: the view holds
