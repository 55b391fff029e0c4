"""Read what the Leaflet map inside the streamlit-folium iframe shows."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import FrameLocator, Page, expect

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

# For each drawn place marker: its name, rendered fill colour and centre in page pixels.
MARKERS_JS = """
() => {
  const out = [];
  for (const group of (window.feature_group || [])) {
    group.eachLayer(layer => {
      if (!layer.eachLayer) return;
      layer.eachLayer(marker => {
        const props = marker.feature && marker.feature.properties;
        if (!props || !props.tip_place || !marker._path || !marker._map) return;
        const box = marker._path.getBoundingClientRect();
        out.push({place: props.place, controller: props.controller,
                  fill: marker._path.getAttribute('fill'),
                  x: box.x + box.width / 2, y: box.y + box.height / 2});
      });
    });
  }
  return out;
}
"""


def map_frame(page: Page) -> FrameLocator:
    """The map iframe, once Leaflet has drawn at least one interactive shape."""
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.leaflet-interactive").first).to_be_attached(timeout=60_000)
    return frame


def wait_idle(page: Page) -> None:
    """Wait until the Streamlit script has finished its run."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
    )


def folium_frame(page: Page):
    """The Playwright Frame object of the map iframe."""
    handle = page.locator(MAP_FRAME).element_handle(timeout=60_000)
    frame = handle.content_frame()
    assert frame is not None
    return frame


def drawn_markers(page: Page) -> dict[str, dict[str, Any]]:
    """Drawn place markers by place name, with fill colour and position in the iframe."""
    return {m["place"]: m for m in folium_frame(page).evaluate(MARKERS_JS)}


# Area cells drawn on the map: the fill colour of each polygon of the areas layer.
AREAS_JS = """
() => {
  const fills = [];
  for (const group of (window.feature_group || [])) {
    group.eachLayer(layer => {
      if (!layer.eachLayer) return;
      layer.eachLayer(shape => {
        const f = shape.feature;
        if (!f || !shape._path || !shape._map || !f.geometry || !/Polygon/.test(f.geometry.type)) return;
        fills.push(shape._path.getAttribute('fill'));
      });
    });
  }
  return fills;
}
"""


def area_fills(page: Page) -> list[str]:
    """Fill colours of the area cells drawn on the map (upper case)."""
    return [f.upper() for f in folium_frame(page).evaluate(AREAS_JS)]
