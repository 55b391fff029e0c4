"""Load test: N browser sessions scrub and filter the dashboard against one server.

Each session is its own Chromium context (own cookies, own Streamlit session) in one
headless browser. A session opens the app on its own start day, then loops for a fixed
time: press the map's date-range arrows a random number of days (scrub, in the browser;
the page follows when the keys stop), or remove / re-add a faction (filter, a rerun).
After every step it waits until the map shows exactly the places the chosen factions
hold on the day it asked for, each filled with its holder's colour (computed from
``Model.state``, not from the app), and the page below the map has followed to that day,
and records the step's latency. A step
that does not reach the right picture in STEP_TIMEOUT_S counts as an error, as does any
page error or Streamlit exception. The server's RSS is sampled from /proc after warm-up
and at the end.

Run the full figure (20 sessions, 2 minutes) with::

    .venv/bin/python -m tests.support.load --sessions 20 --seconds 120 --out load.json

The pytest version (tests/reliability/test_load.py) runs a smaller load.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, Page, async_playwright

from dashboard.core.model import Model
from dashboard.core.schema import UNKNOWN
from tests.support.load_figures import Figures, cpu_s, rss_mb
from tests.support.mapdom import MAP_FRAME
from tests.support.server import CHROMIUM, CHROMIUM_ARGS, ROOT, running

STEP_TIMEOUT_S = 45.0
UNKNOWN_FILL = "#FFFFFF"  # a place with no record: a hollow white marker
OPEN_TIMEOUT_S = 150.0  # first load of a page while the other sessions are busy
# The shown place markers of the map page: place -> fill.
MARKERS_JS = """
() => {
  if (!window.frontline) return [];
  return window.frontline.markers.map(m => m.getElement()).filter(n => n && n.getAttribute('stroke-opacity') !== '0')
    .map(n => ({place: n.getAttribute('aria-label'), fill: n.getAttribute('fill')}));
}
"""
DAY_JS = "() => window.frontline ? window.FrontlineTimeline.isoOf(window.frontline.day) : null"
FILTERED = "LNA"  # the faction sessions remove and re-add


@contextlib.contextmanager
def server(data_dir: Path | None = None) -> Iterator[tuple[str, int]]:
    """The dashboard on loopback (:func:`tests.support.server.running`); yields (url, pid)."""
    env = None if data_dir is not None else {"FRONTLINE_DATA_DIR": ""}
    with running(data_dir=data_dir, env=env) as app:
        yield app.url, app.proc.pid


class Expected:
    """The picture the map must show: computed from the core, not from the UI code."""

    def __init__(self, model: Model):
        self.model = model
        self.start, self.end = model.data.info.period or model.span()  # the map's range
        colors = dict(
            zip(model.data.factions["faction"], model.data.factions["color"], strict=True)
        )
        self.colors = {k: v.upper() for k, v in colors.items()} | {UNKNOWN: UNKNOWN_FILL}
        self.labels = dict(
            zip(model.data.factions["faction"], model.data.factions["label"], strict=True)
        )
        days = {d.date() for d in model.index.runs["start"]}
        self.change_days = sorted(d for d in days if self.start <= d <= self.end)

    def markers(self, day: dt.date, factions: set[str]) -> dict[str, str]:
        """place -> fill colour of every marker that must be drawn."""
        state = self.model.state(day)
        everything = factions >= set(self.model.factions)
        return {
            r.place: self.colors[r.controller]
            for r in state.itertuples()
            if r.controller in factions or (everything and r.controller == UNKNOWN)
        }


async def in_map(page: Page, script: str) -> Any:
    """Evaluate ``script`` in the map page; None while the map is being replaced (a new
    faction filter builds a new map: its old frame detaches)."""
    try:
        handle = await page.locator(MAP_FRAME).element_handle(timeout=60_000)
        frame = await handle.content_frame()
        return await frame.evaluate(script) if frame else None
    except Exception as err:  # noqa: BLE001 - only a detached or replaced frame is expected
        if "detached" in str(err) or "Execution context was destroyed" in str(err):
            return None
        raise


async def drawn(page: Page) -> dict[str, str]:
    markers = await in_map(page, MARKERS_JS) or []
    return {m["place"]: (m["fill"] or "").upper() for m in markers}


async def slider_day(page: Page) -> dt.date:
    """The day the map's range shows (what the user asked for)."""
    text = await in_map(page, DAY_JS)
    while text is None:
        await asyncio.sleep(0.1)
        text = await in_map(page, DAY_JS)
    return dt.date.fromisoformat(str(text))


async def wait_for_picture(
    page: Page,
    expected: Expected,
    factions: set[str],
    started: float,
    timeout: float = STEP_TIMEOUT_S,
) -> tuple[dt.date, float, int]:
    """Poll until the day line and the map show the slider's day with exactly the places
    the chosen factions hold, in their holders' colours; return (day, latency, markers)."""
    got: dict[str, str] = {}
    want: dict[str, str] = {}
    day = await slider_day(page)
    while time.monotonic() - started < timeout:
        day = await slider_day(page)
        want = expected.markers(day, factions)
        followed = await page.get_by_test_id("fl-day").first.get_attribute("data-day")
        if followed == day.isoformat():
            got = await drawn(page)
            if got == want:
                return day, time.monotonic() - started, len(want)
        await asyncio.sleep(0.1)
    wrong = {p: (got.get(p), c) for p, c in want.items() if got.get(p) != c}
    extra = sorted(set(got) - set(want))
    text = await page.get_by_test_id("fl-day").first.get_attribute("data-day")
    raise AssertionError(
        f"{day}: after {timeout} s {len(wrong)} wrong {wrong} extra {extra}; page shows {text}"
    )


async def session(
    browser: Browser,
    url: str,
    expected: Expected,
    n: int,
    until: float,
    figures: Figures,
    delay: float = 0.0,
) -> None:
    """One user: arrive after ``delay``, open on a start day, then scrub and filter until
    ``until``."""
    rng = random.Random(n)
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    context.set_default_timeout(OPEN_TIMEOUT_S * 1000)
    page = await context.new_page()
    page.on("pageerror", lambda err: figures.errors.append(f"session {n}: page error {err}"))
    day = rng.choice(expected.change_days)
    factions = set(expected.model.factions)
    steps: list[str] = []
    try:
        started = time.monotonic()
        await page.goto(f"{url}/?date={day.isoformat()}")
        day, opened, _ = await wait_for_picture(page, expected, factions, started, OPEN_TIMEOUT_S)
        figures.open_s.append(opened)
        while time.monotonic() < until:
            await asyncio.sleep(rng.uniform(0.0, 0.5))  # think time
            started = time.monotonic()
            if rng.random() < 0.8:
                asked = await scrub(page, rng, day, expected)
            else:
                asked, factions = day, await toggle_filter(page, factions, expected)
            day, latency, count = await wait_for_picture(page, expected, factions, started)
            figures.days_short += abs((asked - day).days)
            steps.append(f"{day}/{','.join(sorted(factions))}")
            if await page.locator("[data-testid='stException']").count():
                figures.errors.append(f"session {n}: Streamlit exception on {day}")
            figures.steps += 1
            figures.latencies_s.append(latency)
            figures.checked_markers += count
    except Exception as err:  # noqa: BLE001 - every failure is a counted error
        with contextlib.suppress(Exception):
            shots = ROOT / "test-results"
            shots.mkdir(exist_ok=True)
            await page.screenshot(path=str(shots / f"load-session-{n}.png"))
        figures.errors.append(
            f"session {n} after {steps[-3:]}: {type(err).__name__}: {str(err)[:1500]}"
        )
    finally:
        await context.close()


async def scrub(page: Page, rng: random.Random, day: dt.date, expected: Expected) -> dt.date:
    """Press ArrowLeft/ArrowRight 1-5 times on the map's range; return the day asked for."""
    step = rng.choice([-1, 1]) * rng.randint(1, 5)
    if not expected.start <= day + dt.timedelta(days=step) <= expected.end:
        step = -step
    slider = page.frame_locator(MAP_FRAME).locator(".fl-range")
    await slider.focus()
    for _ in range(abs(step)):
        await slider.press("ArrowRight" if step > 0 else "ArrowLeft")
    return day + dt.timedelta(days=step)


async def toggle_filter(page: Page, factions: set[str], expected: Expected) -> set[str]:
    """Remove FILTERED from the faction filter, or add it back; return the chosen set."""
    label = expected.labels[FILTERED]
    if FILTERED in factions:
        await page.get_by_role("button", name=f"Remove {label}").click()
        return factions - {FILTERED}
    await (
        page.get_by_test_id("stSidebar")
        .get_by_test_id("stMultiSelect")
        .get_by_role("combobox")
        .first.click()
    )  # the faction filter, below the map-language box
    await page.get_by_role("option", name=label).click()
    await page.keyboard.press("Escape")
    return factions | {FILTERED}


async def run(url: str, pid: int, sessions: int, seconds: float, warmup: float) -> Figures:
    """Drive ``sessions`` concurrent users for ``seconds`` after a ``warmup``."""
    expected = Expected(Model.load())
    figures = Figures(sessions=sessions, seconds=seconds)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        until = time.monotonic() + warmup + seconds
        arrive = 0.6 * warmup / max(sessions, 1)  # users arrive over the warm-up
        tasks = [
            asyncio.create_task(session(browser, url, expected, n, until, figures, n * arrive))
            for n in range(sessions)
        ]
        await asyncio.sleep(warmup)
        figures.rss_warm_mb = rss_mb(pid)
        cpu0, wall0 = cpu_s(pid), time.monotonic()
        peak = figures.rss_warm_mb
        while not all(t.done() for t in tasks):
            peak = max(peak, rss_mb(pid))
            await asyncio.sleep(1.0)
        await asyncio.gather(*tasks)
        figures.server_cpu_share = (cpu_s(pid) - cpu0) / (time.monotonic() - wall0)
        figures.rss_end_mb = rss_mb(pid)
        figures.rss_peak_mb = max(peak, figures.rss_end_mb)
        await browser.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--warmup", type=float, default=40)
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    with server() as (url, pid):
        figures = asyncio.run(run(url, pid, args.sessions, args.seconds, args.warmup))
    summary = figures.summary()
    text = json.dumps(summary, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
        (args.out.with_suffix(".raw.json")).write_text(json.dumps(asdict(figures)))
    return 0 if not figures.errors else 1


if __name__ == "__main__":
    sys.exit(main())
