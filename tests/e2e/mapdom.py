"""Read and drive what the map page inside the app shows (the instant map's iframe).

The map is one iframe (title "Frontline map") hosted by a Streamlit components-v2
element; its timeline script exposes ``window.frontline``. Each place marker is an SVG
path carrying ``aria-label`` (the place) and ``data-holder`` (who holds it on the shown
day), so tests read what a person sees: which marks are drawn, in which colour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from playwright.sync_api import Frame, FrameLocator, Page, expect

MAP_FRAME = 'iframe[title="Frontline map"]'
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
T = TypeVar("T")

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


def poll(read: Callable[[], T], ok: Callable[[T], bool], message: str, timeout_s: float = 20) -> T:
    """Call ``read`` until ``ok`` holds for its value (a condition, never a fixed sleep)."""
    import time

    deadline = time.monotonic() + timeout_s
    value = read()
    while not ok(value):
        if time.monotonic() > deadline:
            raise AssertionError(f"{message}: last value {value!r}")
        time.sleep(0.1)
        value = read()
    return value


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


def wait_map_day(page: Page, day: dt.date | str) -> None:
    """Wait until the map shows ``day``."""
    iso = day if isinstance(day, str) else day.isoformat()
    poll(lambda: shown_day(page), lambda d: d == iso, f"map never showed {iso}")


def wait_page_day(page: Page, day: dt.date | str) -> None:
    """Wait until the page below the map (Python) has followed to ``day``."""
    iso = day if isinstance(day, str) else day.isoformat()
    expect(page.locator(f"[data-testid='fl-day'][data-day='{iso}']")).to_be_attached(timeout=30_000)
    wait_idle(page)


def wait_for_marker(page: Page, place: str, fill: str) -> dict[str, Any]:
    """Wait until ``place`` is drawn filled with ``fill``."""
    return poll(
        lambda: drawn_markers(page).get(place),
        lambda m: bool(m) and str(m["fill"]).upper() == fill.upper(),
        f"{place} not drawn in {fill}",
    )


def press_on_range(page: Page, key: str, times: int = 1) -> None:
    """Focus the map's date range and press ``key`` ``times`` times."""
    rng = map_locator(page).locator(".fl-range")
    rng.focus()
    for _ in range(times):
        rng.press(key)
