"""The instant map, timed in the page: key press to repainted frame, drag and Play.

Inside the map page a probe records, for every key press on the date range, the event's
timestamp and the time of the first animation frame after the timeline repainted (the
``show`` call returned, then ``requestAnimationFrame`` + a zero timeout: the frame with
the new colours has been produced). Times are the page's own clock
(``performance.now``), so the Python side's polling adds nothing.

- key step: ArrowLeft presses, each waited for, on the day range.
- drag: the mouse held down on the range thumb and moved across it in small steps;
  repaints per second = timeline repaints while the button is down / drag time; a
  check that marker colours changed before the button was released.
- Play: at 3 months a second for a few seconds; frames per second = repaints while
  playing / time between the first and last, beside the browser's own frame rate on the
  same page with nothing to paint (the ceiling on this machine).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from playwright.sync_api import Frame, Page

from tests.support.mapdom import MAP_FRAME

PROBE_JS = """
() => {
  if (window.__probe) return true;
  const t = window.frontline;
  const probe = window.__probe = {keys: [], paints: 0, work: [], times: []};
  const show = t.show.bind(t);
  t.show = function (d, force) {
    const a = performance.now();
    show(d, force);
    probe.work.push(performance.now() - a);
    probe.paints += 1;
    if (t.playing) probe.times.push(a);
  };
  t.range.addEventListener('keydown', (e) => {
    const start = e.timeStamp;
    requestAnimationFrame(() => setTimeout(() => probe.keys.push(performance.now() - start), 0));
  }, true);
  return true;
}
"""
FILLS_JS = "() => window.frontline.places.map((_, i) => window.frontline.markOf(i).fill).join(',')"


def install(frame: Frame) -> None:
    """Put the probe into the map page (once)."""
    frame.wait_for_function("() => window.frontline && window.frontline.range")
    frame.evaluate(PROBE_JS)


def key_steps(frame: Frame, steps: int) -> dict[str, Any]:
    """``steps`` ArrowLeft presses from the end of the range; in-page ms each, and JS work."""
    install(frame)
    frame.evaluate(
        "() => { window.frontline.show(window.frontline.end); window.__probe.keys = []; window.__probe.work = []; }"
    )
    rng = frame.locator(".fl-range")
    rng.focus()
    for k in range(steps):
        rng.press("ArrowLeft")
        frame.wait_for_function(f"() => window.__probe.keys.length >= {k + 1}")
    probe = frame.evaluate("() => window.__probe")
    return {"ms": probe["keys"], "work_ms": probe["work"]}


def drag(page: Page, frame: Frame, seconds: float = 2.0, moves: int = 120) -> dict[str, Any]:
    """Hold the mouse on the range thumb and sweep it; repaints per second while held."""
    install(frame)
    frame.evaluate("() => window.frontline.show(window.frontline.start)")
    box = frame.locator(".fl-range").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    x0, x1 = box["x"] + 6, box["x"] + box["width"] - 6
    before = frame.evaluate(FILLS_JS)
    page.mouse.move(x0, y)
    page.mouse.down()
    frame.evaluate("() => { window.__probe.paints = 0; }")
    started = time.perf_counter()
    for k in range(1, moves + 1):
        page.mouse.move(x0 + (x1 - x0) * k / moves, y)
        wait = started + seconds * k / moves - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
    elapsed = time.perf_counter() - started
    paints = frame.evaluate("() => window.__probe.paints")
    changed_before_release = frame.evaluate(FILLS_JS) != before
    page.mouse.up()
    return {"repaints_per_s": paints / elapsed, "changed_before_release": changed_before_release}


PLAY_SPEED = 91
"""Days per second for the Play measure ("3 months/s"): 1.5 days per frame at 60 Hz, so
every animation frame has a new day to paint, and the bundled campaign lasts 6 s."""


def play(frame: Frame, seconds: float = 3.0) -> dict[str, Any]:
    """Play for ``seconds`` (or until the end of the range); frames per second = timeline
    repaints / time between the first and the last, read from the page's own clock."""
    install(frame)
    frame.evaluate(
        """(speed) => { const t = window.frontline; t.stop(false); t.show(t.start);
        t.speedSel.value = String(speed); t.speedSel.dispatchEvent(new Event('change'));
        window.__probe.times = []; }""",
        PLAY_SPEED,
    )
    frame.locator(".fl-play").click()
    frame.wait_for_function(
        f"() => !window.frontline.playing || (window.__probe.times.length > 1 && "
        f"window.__probe.times.at(-1) - window.__probe.times[0] >= {seconds * 1000})",
        timeout=int(seconds * 1000) + 60_000,
    )
    times = frame.evaluate("() => window.__probe.times.slice()")
    frame.evaluate("() => window.frontline.stop(false)")
    span = (times[-1] - times[0]) / 1000.0 if len(times) > 1 else 0.0
    return {
        "fps": (len(times) - 1) / span if span else 0.0,
        "frames": len(times),
        "speed": PLAY_SPEED,
    }


def frame_rate(frame: Frame, seconds: float = 2.0) -> float:
    """The browser's own animation-frame rate here, with nothing to repaint: the ceiling
    any Play measure can reach on this machine (the baseline of ``play``)."""
    return float(
        frame.evaluate(
            """(ms) => new Promise((done) => { let n = 0, t0 = null;
            function tick(now) { if (t0 === null) t0 = now; else n += 1;
              if (now - t0 < ms) requestAnimationFrame(tick); else done(n / ((now - t0) / 1000)); }
            requestAnimationFrame(tick); })""",
            seconds * 1000,
        )
    )


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) of values, or None."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def summary(values: list[float]) -> dict[str, float | None]:
    """Median and p95 of a list of ms."""
    return {"p50": statistics.median(values) if values else None, "p95": percentile(values, 95)}


def map_frame(page: Page, selector: str = MAP_FRAME) -> Frame:
    """The Playwright frame of the map page inside the app."""
    handle = page.locator(selector).element_handle(timeout=180_000)
    frame = handle.content_frame() if handle else None
    assert frame is not None, "no map frame"
    frame.wait_for_function("() => window.frontline && window.frontline.range", timeout=180_000)
    return frame


def release_follow(page: Page, frame: Frame, steps: int = 8) -> list[float]:
    """ms from letting go of the range (a change event on a new day) until the page below
    the map shows that day (the place panel's date line): the rerun after release."""
    install(frame)
    out = []
    for k in range(steps):
        frame.evaluate("(d) => { const t = window.frontline; t.show(t.end - 40 - 9 * d); }", k)
        iso = frame.evaluate("() => window.FrontlineTimeline.isoOf(window.frontline.day)")
        started = time.perf_counter()
        frame.evaluate(
            "() => window.frontline.report('day', window.FrontlineTimeline.isoOf(window.frontline.day))"
        )
        page.wait_for_selector(f"[data-testid='fl-day'][data-day='{iso}']", timeout=60_000)
        page.wait_for_selector(
            "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
        )
        out.append((time.perf_counter() - started) * 1000.0)
    return out
