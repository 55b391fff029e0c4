"""Read and drive what the map page inside the app shows (the instant map's iframe).

The map is one iframe (title "Frontline map") hosted by a Streamlit components-v2
element; its timeline script exposes ``window.frontline``. Each place marker is an SVG
path carrying ``aria-label`` (the place) and ``data-holder`` (who holds it on the shown
day), so tests read what a person sees: which marks are drawn, in which colour.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Frame, FrameLocator, Page, expect

MAP_FRAME = 'iframe[title="Frontline map"]'
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"

# Every shown place marker: name, holder, fill colour and centre in page pixels.
MARKERS_JS = """
() => {
  const out = [];
  for (const m of window.frontline.markers) {
    const node = m.getElement && m.getElement();
    if (!node || node.getAttribute('stroke-opacity') === '0') continue;
    const box = node.getBoundingClientRect();
    out.push({place: node.getAttribute('aria-label'), controller: node.getAttribute('data-holder'),
              fill: node.getAttribute('fill'), x: box.x + box.width / 2, y: box.y + box.height / 2});
  }
  return out;
}
"""
# The fill colour of each shown area cell.
AREAS_JS = """
() => window.frontline.cells.filter(c => c && c._map && c.options.fillOpacity > 0)
       .map(c => c.options.fillColor)
"""


def wait_idle(page: Page) -> None:
    """Wait until the Streamlit script has finished its run."""
    page.wait_for_selector(IDLE, timeout=60_000)


def map_locator(page: Page) -> FrameLocator:
    """The map iframe as a locator, once its timeline has started."""
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".fl-range")).to_be_attached(timeout=60_000)
    return frame


def map_frame(page: Page) -> Frame:
    """The Playwright Frame of the map page, once its timeline has started."""
    handle = page.locator(MAP_FRAME).element_handle(timeout=60_000)
    frame = handle.content_frame() if handle else None
    assert frame is not None, "the map iframe has no document"
    frame.wait_for_function("() => window.frontline && window.frontline.markers", timeout=60_000)
    return frame


def drawn_markers(page: Page) -> dict[str, dict[str, Any]]:
    """Shown place markers by name, with holder, fill and position in page pixels."""
    frame = map_frame(page)
    box = page.locator(MAP_FRAME).bounding_box() or {"x": 0, "y": 0}
    out = {}
    for m in frame.evaluate(MARKERS_JS):
        m["x"], m["y"] = m["x"] + box["x"], m["y"] + box["y"]
        out[m["place"]] = m
    return out


def area_fills(page: Page) -> list[str]:
    """Fill colours (upper case) of the area cells shown on the map."""
    return [str(f).upper() for f in map_frame(page).evaluate(AREAS_JS)]


def shown_day(page: Page) -> str:
    """The day the map shows (ISO)."""
    return str(
        map_frame(page).evaluate("() => window.FrontlineTimeline.isoOf(window.frontline.day)")
    )
