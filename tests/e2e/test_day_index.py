"""A day step revisits only the places that can change (js/days.js) and redraws only the
boxes their sprites reach (js/canvas.js): after a walk of key presses, single-day steps
and jumps, everything the map shows equals the same day painted from scratch."""

from __future__ import annotations

import random

import pytest

from bench.synth import generate
from dashboard.core.model import Model
from dashboard.ui.map import standalone_html

# What the map shows of the current day, everything the day index keeps or derives.
SNAPSHOT_JS = """
window.__snap = () => { const t = window.frontline;
  return JSON.stringify({rows: Array.from(t.row), keys: Array.from(t.shownKey),
    counts: Array.from(t.countOf), legend: t.legendBox.textContent,
    changes: t.changesLine.textContent,
    marks: t.places.map((_, i) => [t.markOf(i).fill, !!t.rings[i], !!t.claims[i]])}); };
"""
# Each day of the walk shown by a step from the day before, then from scratch (every
# place recomputed and repainted); the days where the two differ, and the most places a
# one-day step visited.
WALK_JS = """
(days) => { const t = window.frontline, bad = []; let most = 0;
  const update = t.update;
  let visited = 0; t.update = function (...a) { visited++; return update.apply(this, a); };
  for (const d of days) {
    const oneDay = Math.abs(d - t.day) === 1;
    visited = 0; t.show(d);
    if (oneDay) most = Math.max(most, visited);
    const stepped = window.__snap();
    t.show(d, true);
    if (window.__snap() !== stepped) bad.push(d);
  }
  t.update = update;
  return {bad: bad, most: most, places: t.places.length}; }
"""
# Some places lie outside the map's view (zoomed in): the canvas's edges are exercised.
EDGE_JS = """
() => { const t = window.frontline, b = t.map.getBounds();
  return t.places.some((_, i) => !b.contains(t.pointOf(i))) && t.places.some((_, i) => b.contains(t.pointOf(i))); }
"""
# Pan the map until the first place lies 6 px left of the canvas (its view plus
# Leaflet's 10 % padding).
PAN_JS = """
() => { const t = window.frontline, m = t.map, p = m.latLngToContainerPoint(t.pointOf(0));
  m.panBy([p.x + 0.1 * m.getSize().x + 6, 0], {animate: false}); }
"""
# The canvas after the steps, and after the box around every place was redrawn on its own
# (places across the canvas's edges too), equals a full redraw, pixel for pixel.
STEPPED_CANVAS_JS = """
() => { const m = window.frontline.marks, c = m.canvas._container, ctx = c.getContext('2d');
  for (let i = 0; i < m.x.length; i++) { m.dirty.push(i, Math.ceil(16 * m.dpr)); m.flush(); }
  const stepped = ctx.getImageData(0, 0, c.width, c.height).data;
  m.drawAll();
  const full = ctx.getImageData(0, 0, c.width, c.height).data;
  let diff = 0; for (let k = 0; k < full.length; k++) if (full[k] !== stepped[k]) diff++;
  return diff; }
"""


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Model:
    """Random data: offensives and counter-offensives, claims, rings that start and end."""
    folder = generate(tmp_path_factory.mktemp("days"), places=300, events=6000, seed=5)
    return Model.load(folder)


def walk(first: int, last: int, seed: int, n: int = 120) -> list[int]:
    """Day numbers: mostly single-day steps either way, some jumps, both ends."""
    rng = random.Random(seed)
    day, out = (first + last) // 2, []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.7:
            day += rng.choice((-1, 1))
        elif roll < 0.95:
            day += rng.randint(-90, 90)
        else:
            day = rng.choice((first, last))
        day = max(first, min(last, day))
        out.append(day)
    return out


@pytest.mark.parametrize("canvas", [False, True], ids=["svg", "canvas"])
def test_stepped_days_equal_days_painted_from_scratch(page, synthetic, canvas) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.set_content(standalone_html(synthetic, synthetic.span()[0], canvas=canvas))
    page.wait_for_function("() => window.frontline && window.frontline.range")
    page.evaluate(SNAPSHOT_JS)
    # one zoom in: places off the canvas and across its edges, whose sprites reach in
    page.evaluate(
        "() => { const m = window.frontline.map; m.setZoom(m.getZoom() + 1, {animate: false}); }"
    )
    page.wait_for_function(EDGE_JS)
    first, last = page.evaluate("() => [window.frontline.start, window.frontline.end]")
    # real key presses first: the range's input path, then the walk
    page.evaluate("(d) => window.frontline.show(d)", (first + last) // 2)
    rng = page.locator(".fl-range")
    rng.focus()
    for key in ["ArrowLeft"] * 5 + ["PageDown", "ArrowRight", "PageUp", "End"]:
        before = page.evaluate("() => window.frontline.day")
        rng.press(key)
        page.wait_for_function("(d) => window.frontline.day !== d", arg=before)
    result = page.evaluate(WALK_JS, walk(first, last, seed=2))
    assert result["bad"] == []
    assert 0 < result["most"] < result["places"]  # a one-day step visits few places
    if canvas:
        # the first place just off the canvas's left edge: its sprites reach in
        page.evaluate(PAN_JS)
        page.wait_for_function(
            "() => { const x = window.frontline.marks.x[0]; return x < 0 && x > -12; }"
        )
        assert page.evaluate(STEPPED_CANVAS_JS) == 0
    assert errors == []
