"""What the browser tests share: opening the app, driving the map, one wait-until helper."""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlparse

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from tests.support.mapdom import drawn_markers, map_frame, map_locator, shown_day, wait_idle

GNA = "#0072B2"
LNA = "#D55E00"
T = TypeVar("T")


def poll(
    page: Page,
    probe: Callable[[], T],
    done: Callable[[T], bool],
    what: str,
    timeout_s: float = 20.0,
    every_ms: int = 100,
) -> T:
    """Call ``probe`` until ``done(value)`` holds and return that value; fail after
    ``timeout_s`` seconds with ``what`` and the last value seen (never a fixed sleep)."""
    deadline = time.monotonic() + timeout_s
    value = probe()
    while not done(value):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} (after {timeout_s:.0f} s): {value!r}")
        page.wait_for_timeout(every_ms)
        value = probe()
    return value


def loopback_only(route: Any) -> None:
    """A Playwright route handler: requests to the app's loopback host (and data: or blob:
    URLs) go on, every other request is aborted."""
    host = urlparse(route.request.url).hostname
    if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def open_app(
    page: Page, app_url: str, query: str = "", size: tuple[int, int] = (1400, 1000)
) -> None:
    """Open the app at ``?query`` and wait until the map's timeline runs and the script is idle."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_url}/?{query}")
    map_frame(page)
    wait_idle(page)


def wait_map_zoom(page: Page, zoom: int) -> None:
    """Wait until the map shows zoom level ``zoom``."""
    frame = map_frame(page)
    poll(
        page,
        lambda: frame.evaluate("() => window.frontline.map.getZoom()"),
        lambda z: z == zoom,
        f"the map is not at zoom {zoom}",
    )


def wait_for_marker(page: Page, place: str, fill: str) -> dict[str, Any]:
    """Wait until the map draws ``place`` in ``fill`` (#RRGGBB); return its marker."""

    def marker() -> dict[str, Any]:
        try:
            return drawn_markers(page).get(place) or {}
        except (AssertionError, PlaywrightError):  # the map is being rebuilt (a new iframe)
            return {}

    def filled(found: dict[str, Any]) -> bool:
        return str(found.get("fill", "")).upper() == fill.upper()

    return poll(page, marker, filled, f"{place} not drawn in {fill}")


def wait_map_day(page: Page, day: dt.date | str) -> None:
    """Wait until the map shows ``day``."""
    iso = day if isinstance(day, str) else day.isoformat()
    poll(page, lambda: shown_day(page), lambda d: d == iso, f"map never showed {iso}")


def wait_page_day(page: Page, day: dt.date | str) -> None:
    """Wait until the page below the map (Python) has followed to ``day``."""
    iso = day if isinstance(day, str) else day.isoformat()
    expect(page.locator(f"[data-testid='fl-day'][data-day='{iso}']")).to_be_attached(timeout=30_000)
    wait_idle(page)


def press_on_range(page: Page, key: str, times: int = 1) -> None:
    """Focus the map's date range and press ``key`` ``times`` times (scrubbing in the browser)."""
    rng = map_locator(page).locator(".fl-range")
    rng.focus()
    for _ in range(times):
        rng.press(key)


@functools.cache
def bundled_places() -> int:
    """How many places the bundled data draws (every place with a dated row)."""
    from dashboard.core.model import Model

    return len(Model.load().index.places)
