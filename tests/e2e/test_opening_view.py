"""The opening view: the map opens on the view dataset.toml names (the Tripoli–Gharyan–
Tarhuna front for the bundled data), every place is one click away, and a link's view wins."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from dashboard.core.model import Model
from tests.support.mapdom import MAP_FRAME, map_frame
from tests.support.pages import open_app, poll, wait_map_zoom

pytestmark = pytest.mark.e2e

SEED_TOWNS = ("al-Asabaa", "Gharyan", "Tarhuna", "Tripoli", "Aziziya")

# Every marker's point in the map's pixels (from its position, so culled markers count).
POINTS_JS = """
() => { const t = window.frontline, out = {};
  t.markers.forEach((m, i) => { const p = t.map.latLngToContainerPoint(m.getLatLng());
                                out[t.places[i]] = {x: p.x, y: p.y}; });
  return out; }
"""

# The place whose marker is the topmost element at each point (x, y in the map's pixels).
TOP_PLACES_JS = """
(points) => points.map(([x, y]) => {
  const node = document.elementFromPoint(x, y);
  const marker = node && node.closest('[data-place]');
  return marker ? marker.getAttribute('data-place') : (node ? node.className.baseVal ?? node.className : null);
})
"""


def frame_box(page: Page) -> dict[str, float]:
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    return box


def points(page: Page) -> dict[str, dict[str, float]]:
    """Every marker's centre in page pixels."""
    box = frame_box(page)
    found = map_frame(page).evaluate(POINTS_JS)
    return {p: {"x": v["x"] + box["x"], "y": v["y"] + box["y"]} for p, v in found.items()}


def inside(marker: dict, box: dict[str, float], bottom: float) -> bool:
    return box["x"] <= marker["x"] <= box["x"] + box["width"] and box["y"] <= marker["y"] <= min(
        box["y"] + box["height"], bottom
    )


def test_the_map_opens_on_the_front_with_the_seed_towns_readable(page: Page, app_url: str):
    """At 1280×720 every seed town's marker is on the first screen, inside the map and not
    under the legend or the time controls; places far from the front are off it."""
    open_app(page, app_url, "", size=(1280, 720))
    assert Model.load().data.info.open_view is not None
    box, markers = frame_box(page), points(page)
    for town in SEED_TOWNS:
        assert inside(markers[town], box, 720), f"{town} is not on the first screen"
    seeds = [[markers[t]["x"] - box["x"], markers[t]["y"] - box["y"]] for t in SEED_TOWNS]
    assert map_frame(page).evaluate(TOP_PLACES_JS, seeds) == list(SEED_TOWNS)
    far = [p for p, m in markers.items() if not inside(m, box, 720)]
    assert "Benghazi" in far and "Tobruk" in far  # the view is the front, not the country


def test_show_all_places_fits_every_marker_and_a_links_view_wins(page: Page, app_url: str):
    open_app(page, app_url, "", size=(1280, 720))
    frame = map_frame(page)
    before = frame.evaluate("() => window.frontline.map.getZoom()")
    frame.get_by_role("button", name="Show all places").click()
    box = frame_box(page)
    poll(
        page,
        lambda: [p for p, m in points(page).items() if not inside(m, box, 1e9)],
        lambda outside: outside == [],
        "some markers stay outside the map after 'Show all places'",
    )
    assert len(points(page)) == len(Model.load().index.places)
    assert frame.evaluate("() => window.frontline.map.getZoom()") < before
    open_app(page, app_url, "map=7/30.5/15.0", size=(1280, 720))
    wait_map_zoom(page, 7)
    centre = map_frame(page).evaluate(
        "() => { const c = window.frontline.map.getCenter(); return [c.lat, c.lng]; }"
    )
    assert centre == pytest.approx([30.5, 15.0], abs=0.01)
