"""The map first: the page's width and most of its height, and no control over a place.

At 1280×720 and 1400×1000, on the opening view and zoomed to the Tripoli–Gharyan–Tarhuna
front, every place marker drawn inside the map lies outside the date bar and the legend
(positions from the DOM: markers from mapdom, controls from their bounding boxes), and so
do the scale and the credits. The zoom, language and layer buttons stay on the map's
top-left corner (44 px wide)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.support.mapdom import MAP_FRAME, drawn_markers, map_locator
from tests.support.pages import (
    LNA,
    bundled_places,
    open_app,
    poll,
    wait_for_marker,
    wait_map_day,
    wait_map_zoom,
)

pytestmark = pytest.mark.e2e

SIZES = [(1280, 720), (1400, 1000)]
FRONT = "map=9/32.40/13.20"
SEED = {"al-Asabaa", "Gharyan", "Tarhuna", "Tripoli", "Aziziya"}
CONTROLS = {
    "date bar": ".fl-timeline",
    "legend": ".fl-legend",
    "scale": ".leaflet-control-scale",
    "credits": ".leaflet-control-attribution",
}


def box_of(page: Page, selector: str) -> dict[str, float]:
    box = map_locator(page).locator(selector).bounding_box()
    assert box is not None, f"{selector} is not on the page"
    return box


def inside(point: dict[str, Any], box: dict[str, float]) -> bool:
    return (
        box["x"] <= point["x"] <= box["x"] + box["width"]
        and box["y"] <= point["y"] <= box["y"] + box["height"]
    )


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def placed_and_covered(page: Page) -> tuple[dict[str, Any], list[str]]:
    """Markers drawn inside the map's area, and those whose centre a control covers."""
    area = box_of(page, ".folium-map")
    controls = {name: box_of(page, selector) for name, selector in CONTROLS.items()}
    for name, control in controls.items():
        assert not overlap(control, area), f"the {name} lies on the map's area"
    shown = {p: m for p, m in drawn_markers(page).items() if inside(m, area)}
    covered = [
        f"{p} under the {n}" for p, m in shown.items() for n, c in controls.items() if inside(m, c)
    ]
    return shown, covered


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_opening_view_shows_every_place_clear_of_the_controls(page: Page, app_url: str, size):
    open_app(page, app_url, "date=2020-06-01", size=size)
    wait_map_day(page, "2020-06-01")
    frame = page.locator(MAP_FRAME).bounding_box()
    assert frame is not None
    assert frame["width"] >= 0.6 * size[0], f"the map is {frame['width']:.0f} px wide"
    assert frame["height"] >= 0.7 * size[1] - 150, f"the map is {frame['height']:.0f} px high"
    shown, covered = placed_and_covered(page)
    assert SEED <= set(shown), f"{SEED - set(shown)} are off the opening view"
    assert covered == []
    map_locator(page).get_by_role("button", name="Show all places").click()
    every = bundled_places()
    poll(page, lambda: placed_and_covered(page), lambda sc: len(sc[0]) == every, "fit to all")
    assert placed_and_covered(page)[1] == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_zoomed_to_the_front_al_asabaa_is_clear_of_the_controls(page: Page, app_url: str, size):
    open_app(page, app_url, f"date=2020-06-01&{FRONT}", size=size)
    wait_map_day(page, "2020-06-01")
    wait_map_zoom(page, 9)
    wait_for_marker(page, "al-Asabaa", LNA)
    shown, covered = placed_and_covered(page)
    assert {"al-Asabaa", "Gharyan", "Tarhuna"} <= set(shown)
    assert covered == []


def test_view_map_fills_the_window_with_the_map_alone(page: Page, app_url: str):
    open_app(page, app_url, "view=map&date=2020-06-01&place=al-Asabaa", size=(1280, 720))
    wait_map_day(page, "2020-06-01")
    frame = page.locator(MAP_FRAME).bounding_box()
    assert frame is not None
    assert frame == {"x": 0, "y": 0, "width": 1280, "height": 720}
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert not page.get_by_text("Panel, tables and charts show").is_visible()
    shown, covered = placed_and_covered(page)
    assert SEED <= set(shown) and covered == []
    assert "view=map" in page.url
