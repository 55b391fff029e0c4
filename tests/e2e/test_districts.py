"""The districts' hover shapes come after the map's first frame (plain.LaterGeoJson): every
district is there once the page has settled, and pointing at one names it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.exported import export_html
from tests.support.paths import BUNDLED

pytestmark = pytest.mark.e2e

# A district whose shape covers a point in view with no place marker within 40 px: its
# name and that point (container pixels), found in the page.
CLEAR_DISTRICT_JS = """
() => {
  const t = window.frontline, map = t.map, size = map.getSize();
  const marks = t.places.map((_, i) => map.latLngToContainerPoint(t.markers[i].getLatLng()));
  for (const layer of t.groups.district.getLayers()) {
    if (!layer.feature || layer.feature.properties.fl !== "district") continue;
    const p = map.latLngToContainerPoint(layer.getBounds().getCenter());
    if (p.x < 60 || p.y < 60 || p.x > size.x - 260 || p.y > size.y - 120) continue;
    if (marks.some((m) => Math.hypot(m.x - p.x, m.y - p.y) < 40)) continue;
    const box = map.getContainer().getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + p.x, box.top + p.y);
    if (hit !== layer.getElement()) continue;
    return {name: layer.feature.properties.name, x: box.left + p.x, y: box.top + p.y};
  }
  return null;
}
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    return export_html(tmp_path_factory.mktemp("districts"), "2020-06-01")


def test_every_district_is_added_after_the_first_frame_and_named_on_hover(page: Page, exported):
    shapes = json.loads((BUNDLED / "geo" / "districts.geojson").read_text(encoding="utf-8"))
    page.goto(exported.as_uri())
    page.wait_for_function("() => window.frontline && window.frontline.laterAdded", timeout=20_000)
    count = page.evaluate(
        "() => window.frontline.groups.district.getLayers()"
        ".filter((l) => l.feature && l.feature.properties.fl === 'district').length"
    )
    assert count == len(shapes["features"])
    clear = page.evaluate(CLEAR_DISTRICT_JS)
    assert clear is not None, "no district in view clear of markers"
    page.mouse.move(clear["x"], clear["y"])
    expect(page.locator(".fl-district")).to_have_text(clear["name"])
    assert page.evaluate("() => window.__errors || []") == []
