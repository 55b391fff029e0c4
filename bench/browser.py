"""Browser benchmarks (Playwright, Debian Chromium): scrub latency and cold start.

Scrub latency: the slider has focus; from the key press (ArrowLeft: one day back) to the
moment the map inside the streamlit-folium iframe shows the new day's colours. "The new
colours" is checked as the count of place markers per faction colour
(``path.leaflet-interactive`` fills), which must equal the count the model gives for the
new day; only days where that count changes are used. The page is polled every 10 ms
(each poll is one round trip to the page, so the end time is late by at most ~10 ms).

Cold start: from ``streamlit run`` (process start) to the first place marker drawn in
the map, in a fresh browser context (empty HTTP cache). The scrub sessions open the app
the same way, so each of them also gives one cold-start sample.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from bench.colours import Colours
from bench.server import App, running
from tests.support.mapdom import MAP_FRAME as MAP_FRAME_OF_OURS
from tests.support.server import CHROMIUM, CHROMIUM_ARGS, wait_healthy

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
FILLS_JS = """() => {
  const counts = {};
  for (const p of document.querySelectorAll('path.leaflet-interactive')) {
    const fill = (p.getAttribute('fill') || '').toUpperCase();
    counts[fill] = (counts[fill] || 0) + 1;
  }
  return counts;
}"""
SCRIPT_STATE_JS = (
    "() => document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state')"
)
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
POLL_S = 0.010
VIEWPORT = {"width": 1400, "height": 1000}


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, with the e2e tests' flags."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def map_fills(page: Page) -> dict[str, int] | None:
    """Marker count per fill colour in the map iframe (None while there is no map)."""
    try:
        handle = page.query_selector(MAP_FRAME)
        frame = handle.content_frame() if handle else None
        return frame.evaluate(FILLS_JS) if frame else None
    except Exception:  # the iframe was replaced or detached mid-call: no map right now
        return None


def wait_for_colours(
    page: Page, colours: Colours, day: dt.date, timeout_s: float, t0: float
) -> tuple[float, float | None]:
    """Poll until the map shows ``day``; (ms since t0, ms until the rerun started or None)."""
    expected = colours.expected(day)
    rerun: float | None = None
    while True:
        now = time.perf_counter()
        if rerun is None and _script_state(page) == "running":
            rerun = (now - t0) * 1000.0
        if colours.seen(map_fills(page)) == expected:
            return (time.perf_counter() - t0) * 1000.0, rerun
        if now - t0 > timeout_s:
            raise TimeoutError(f"map did not show {day} within {timeout_s:.0f} s")
        time.sleep(POLL_S)


def _script_state(page: Page) -> str | None:
    try:
        return page.evaluate(SCRIPT_STATE_JS)
    except Exception:
        return None


def settle(page: Page) -> None:
    """Wait until the script run ended, then a little longer (late reruns, repaint)."""
    page.wait_for_selector(IDLE, timeout=180_000)
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=180_000)


INSTANT_FRAME = MAP_FRAME_OF_OURS
FLOOR = "floor"
"""``frame_selector`` of :data:`FLOOR_APP`: no frame, its text is the first mark."""
FLOOR_APP = "bench/floor_app.py"
FLOOR_TEXT = "Streamlit alone"


def open_map(
    page: Page, app: App, query: str = "", timeout_s: float = 180.0, frame_selector: str = MAP_FRAME
) -> float:
    """Load the app and wait for its first place marker; ms since the process started."""
    page.goto(f"{app.url}/{'?' + query if query else ''}", timeout=int(timeout_s * 1000))
    if frame_selector == FLOOR:  # bench/floor_app.py: its one line of text drawn
        page.get_by_text(FLOOR_TEXT, exact=True).wait_for(timeout=int(timeout_s * 1000))
        return (time.perf_counter() - app.started) * 1000.0
    frame = page.frame_locator(frame_selector)
    first_mark = ".fl-range" if frame_selector == INSTANT_FRAME else "path.leaflet-interactive"
    frame.locator(first_mark).first.wait_for(state="attached", timeout=int(timeout_s * 1000))
    return (time.perf_counter() - app.started) * 1000.0


@dataclass
class Scrub:
    """One scrub session: latencies, time to rerun start, cold-start sample, notes."""

    ms: list[float] = field(default_factory=list)
    to_rerun_ms: list[float] = field(default_factory=list)
    cold_ms: float | None = None
    health_ms: float | None = None
    navigations: int = 0
    error: str | None = None


def scrub_session(
    browser: Browser,
    script: str | None,
    data_dir: Path | None,
    colours: Colours,
    steps: int,
    budget_s: float,
    root: Path | None = None,
) -> Scrub:
    """Start ``script``, open it (a cold-start sample), then time slider steps until
    ``steps`` are done or ``budget_s`` is spent (at least 3 steps)."""
    out = Scrub()
    plan = colours.steps(steps)
    with running(script, data_dir, wait=False, **({"root": root} if root else {})) as app:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        try:
            out.health_ms = _wait_up(app)
            out.cold_ms = open_map(page, app)
            end = colours.span[1]
            current = end
            page.wait_for_timeout(100)
            wait_for_colours(page, colours, end, 180, time.perf_counter())
            settle(page)
            started = time.perf_counter()
            for frm, to in plan:
                if len(out.ms) >= 3 and time.perf_counter() - started > budget_s:
                    break
                if current != frm:
                    _navigate(page, app, colours, frm)
                    out.navigations += 1
                latency, rerun = _step(page, colours, to)
                out.ms.append(latency)
                if rerun is not None:
                    out.to_rerun_ms.append(rerun)
                current = to
                settle(page)
        except Exception as err:  # report what was measured, and why it stopped
            out.error = f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"
        finally:
            context.close()
    return out


def _wait_up(app: App) -> float:
    """Poll /_stcore/health until the server answers; ms since the process started."""
    wait_healthy(app.url, app.proc, timeout=120)
    return (time.perf_counter() - app.started) * 1000.0


def _navigate(page: Page, app: App, colours: Colours, day: dt.date) -> None:
    """Open the app on ``day`` (untimed) and wait for its colours."""
    page.goto(f"{app.url}/?date={day.isoformat()}")
    wait_for_colours(page, colours, day, 180, time.perf_counter())
    settle(page)


def _step(page: Page, colours: Colours, to: dt.date) -> tuple[float, float | None]:
    slider = page.get_by_role("slider")
    slider.focus()
    page.wait_for_timeout(50)
    t0 = time.perf_counter()
    slider.press("ArrowLeft")
    return wait_for_colours(page, colours, to, 180, t0)


def cold_start(
    browser: Browser,
    script: str | None,
    data_dir: Path | None,
    root: Path | None = None,
    frame_selector: str = MAP_FRAME,
    env: dict[str, str] | None = None,
) -> tuple[float, float]:
    """One cold start, process start to the first marker in a fresh browser context, and
    process start to the server answering /_stcore/health (both ms); ``env`` adds to the
    server's environment."""
    with running(script, data_dir, wait=False, env=env, **({"root": root} if root else {})) as app:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            health = _wait_up(app)
            return open_map(page, app, frame_selector=frame_selector), health
        finally:
            context.close()


def summary(session: Scrub) -> dict[str, Any]:
    """Counts and notes of a scrub session for the result's params."""
    return {
        "steps": len(session.ms),
        "navigations": session.navigations,
        "to_rerun_ms": round(float(sorted(session.to_rerun_ms)[len(session.to_rerun_ms) // 2]), 1)
        if session.to_rerun_ms
        else None,
        "error": session.error,
    }
