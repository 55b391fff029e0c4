"""What the browser tests share: opening the app, scrubbing, and one wait-until helper."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from playwright.sync_api import Page, expect

from tests.e2e.mapdom import drawn_markers, map_frame, wait_idle

GNA = "#0072B2"
LNA = "#D55E00"
T = TypeVar("T")


def poll(
    page: Page,
    probe: Callable[[], T],
    done: Callable[[T], bool],
    what: str,
    timeout_s: float = 15.0,
    every_ms: int = 200,
) -> T:
    """Call ``probe`` until ``done(value)`` holds and return that value; fail after
    ``timeout_s`` seconds with ``what`` and the last value seen."""
    deadline = time.monotonic() + timeout_s
    value = probe()
    while not done(value):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} (after {timeout_s:.0f} s): {value!r}")
        page.wait_for_timeout(every_ms)
        value = probe()
    return value


def open_app(page: Page, app_url: str, query: str = "") -> None:
    """Open the app at ``?query`` and wait until the map is drawn and the script idle."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/?{query}")
    map_frame(page)
    wait_idle(page)


def wait_for_marker(page: Page, place: str, fill: str) -> dict[str, Any]:
    """Wait until the map draws ``place`` in ``fill`` (#RRGGBB); return its marker."""

    def marker() -> dict[str, Any]:
        return drawn_markers(page).get(place) or {}

    def filled(found: dict[str, Any]) -> bool:
        return found.get("fill", "").upper() == fill.upper()

    return poll(page, marker, filled, f"{place} not drawn in {fill}")


def scrub(page: Page, key: str, times: int) -> None:
    """Press an arrow key on the date slider ``times`` times, one day per rerun."""
    slider = page.get_by_role("slider")
    day = page.get_by_test_id("fl-day")
    for _ in range(times):
        before = day.inner_text()
        slider.focus()
        slider.press(key)
        expect(day).not_to_have_text(before, timeout=20_000)
