"""The browser's truth equals the core's: every marker's colour and tooltip, on random days."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from bench.synth import generate
from dashboard.core.model import Model
from dashboard.ui.map import standalone_html
from dashboard.ui.scene import faction_filter
from tests.support.timeline_probe import (
    MARKER_OPTIONS_JS,
    MARKERS_JS,
    compare,
    expected,
    step_to,
)

DAYS = 50


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Model:
    """Random data: claimed, disputed, unknown places, same-day sources and reversals."""
    folder = generate(tmp_path_factory.mktemp("synth"), places=120, events=2500, seed=7)
    return Model.load(folder)


def random_days(model: Model, n: int, seed: int) -> list[dt.date]:
    """``n`` days in the data's span: random ones plus change days and the day before."""
    start, end = model.span()
    rng = random.Random(seed)
    changes = [d.astype("datetime64[D]").item() for d in model.index.change_days()]
    picks = rng.sample(changes, min(n // 2, len(changes)))
    picks += [d - dt.timedelta(days=1) for d in picks[: n // 4]]
    while len(picks) < n:
        picks.append(start + dt.timedelta(days=rng.randrange((end - start).days + 1)))
    return [max(start, min(end, d)) for d in picks]


def check_days(page, model: Model, days: list[dt.date], factions=None, probe=MARKERS_JS) -> None:
    for day in days:
        label = step_to(page, day)
        assert label, "the date label is empty"
        problems = compare(page.evaluate(probe), expected(model, day, factions))
        assert not problems, f"{day}: {problems[:5]}"


@pytest.mark.parametrize("dataset", ["synthetic", "bundled"])
def test_exported_html_matches_core(page, dataset, synthetic, tmp_path: Path) -> None:
    """The self-contained export, stepped to 50 random days, shows ControlIndex.state."""
    model = synthetic if dataset == "synthetic" else Model.load()
    html = standalone_html(model, model.span()[0])
    seen: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.set_content(html)
    page.wait_for_function("() => window.frontline && window.frontline.markers.length > 0")
    check_days(page, model, random_days(model, DAYS, seed=3))
    assert [u for u in seen if not u.startswith(("data:", "about:"))] == []
    assert errors == []


def test_every_day_of_the_record_can_be_shown(page, tmp_path_factory):
    """Sweep the whole record (as a drag does): no day breaks the map, even where a
    holding has no start date (the table's missing-day sentinel)."""
    folder = generate(tmp_path_factory.mktemp("sweep"), places=400, events=20000, seed=1)
    model = Model.load(folder)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.set_content(standalone_html(model, model.span()[0]), timeout=120_000)
    page.wait_for_function("() => window.frontline && window.frontline.markers.length > 0")
    failed = page.evaluate(
        """() => { const t = window.frontline; const bad = [];
                   for (let d = t.firstDay; d <= t.lastDay; d++) {
                     try { t.show(d); } catch (e) { bad.push(String(e)); } }
                   return bad.slice(0, 3); }"""
    )
    assert failed == [] and errors == []


def test_the_canvas_renderer_shows_the_cores_truth(page, synthetic) -> None:
    """Above 5,000 places one canvas draws the markers; forced here on the synthetic data,
    its markers' colours, rings and tooltips equal ControlIndex.state on 30 random days."""
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.set_content(standalone_html(synthetic, synthetic.span()[0], canvas=True))
    page.wait_for_function("() => window.frontline && window.frontline.markers.length > 0")
    assert page.evaluate("() => window.frontline.cfg.canvas && !!document.querySelector('canvas')")
    check_days(page, synthetic, random_days(synthetic, 30, seed=11), probe=MARKER_OPTIONS_JS)
    assert page.evaluate(STEPPED_EQUALS_FULL_JS) == 0
    top = page.evaluate(TOP_PLACE_PIXEL_JS)
    assert top["fill"] and top["pixel"][3] == 255
    want = [int(top["fill"][k : k + 2], 16) for k in (1, 3, 5)]
    assert all(abs(a - b) <= 2 for a, b in zip(top["pixel"][:3], want, strict=True)), top
    assert errors == []


def test_a_place_with_only_an_early_minority_date_has_no_record_yet(page) -> None:
    """On 3 April 2019 Gharyan's only row is AFP's disputed 2 April date of the LNA
    holding confirmed from 4 April: the core shows no holder yet, and so does the page
    (it once printed "Since: " with an empty date, reading "a row" as "a holder")."""
    model = Model.load()
    day = dt.date(2019, 4, 3)
    row = model.index.state(day).set_index("place").loc["Gharyan"]
    assert str(row["last_change"].date()) == "2019-04-02" and row["controller"] == "unknown"
    page.set_content(standalone_html(model, day))
    page.wait_for_function("() => window.frontline && window.frontline.markers.length > 0")
    step_to(page, day)
    shown = {m["place"]: m for m in page.evaluate(MARKERS_JS)}
    assert shown["Gharyan"]["tooltip"] == ["Gharyan", "Held by: Unknown", "Since: no record yet"]
    assert compare(list(shown.values()), expected(model, day)) == []
    changes = page.evaluate("() => document.querySelector('.fl-changes').textContent")
    assert "since )" not in changes and "Gharyan" not in changes


def test_thin_records_are_marked_and_dated_as_their_sources_allow(page) -> None:
    """al-Asabaa on 10 July 2020 rests only on month-precise reports: the page draws its
    "≈" badge, paler, and its tooltip says "about June 2020 (month)" as the core does;
    Gharyan, taken on a known day, has neither."""
    model = Model.load()
    day = dt.date(2020, 7, 10)
    page.set_content(standalone_html(model, day))
    page.wait_for_function("() => window.frontline && window.frontline.markers.length > 0")
    step_to(page, day)
    shown = {m["place"]: m for m in page.evaluate(MARKERS_JS)}
    assert compare(list(shown.values()), expected(model, day)) == []
    assert shown["al-Asabaa"]["thin"] and not shown["Gharyan"]["thin"]
    assert "Since: about June 2020 (month)" in shown["al-Asabaa"]["tooltip"]
    opacity = page.evaluate(
        """() => { const t = window.frontline, a = t.places.indexOf('al-Asabaa'),
                   g = t.places.indexOf('Gharyan');
                   return [t.markers[a].options.fillOpacity, t.markers[g].options.fillOpacity]; }"""
    )
    assert opacity[0] < opacity[1]
    assert page.locator("[data-thin-of='al-Asabaa']").count() == 1


# After 30 day steps (each redrawing only the cells whose places changed), the canvas
# equals a full redraw, pixel for pixel: the number of differing bytes.
STEPPED_EQUALS_FULL_JS = """
() => { const m = window.frontline.marks, c = m.canvas._container, ctx = c.getContext('2d');
  const stepped = ctx.getImageData(0, 0, c.width, c.height).data;
  m.drawAll();
  const full = ctx.getImageData(0, 0, c.width, c.height).data;
  let diff = 0; for (let k = 0; k < full.length; k++) if (full[k] !== stepped[k]) diff++;
  return diff; }
"""
# The last place drawn with an opaque (confirmed) marker is on top: the canvas pixel at its
# point has its fill colour.
TOP_PLACE_PIXEL_JS = """
() => { const t = window.frontline, m = t.marks, c = m.canvas._container;
  for (let i = t.places.length - 1; i >= 0; i--) {
    const look = t.markOf(i);
    if (!look.shown || m.sprites[m.look[i]].style.fillOpacity < 0.95) continue;
    const x = Math.round(m.x[i]), y = Math.round(m.y[i]);
    if (x < 0 || y < 0 || x >= c.width || y >= c.height) continue;
    return {fill: look.fill, pixel: Array.from(c.getContext('2d').getImageData(x, y, 1, 1).data)};
  }
  return {fill: null, pixel: []}; }
"""


@pytest.mark.parametrize("canvas", [False, True])
def test_a_pushed_faction_filter_shows_the_cores_truth(page, synthetic, canvas) -> None:
    """One page serves every faction filter: pushed to it, the filter hides the other
    factions' places (and those of no known holder), on every day, as shown_state does."""
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.set_content(standalone_html(synthetic, synthetic.span()[0], canvas=canvas))
    page.wait_for_function("() => window.frontline && window.frontline.markers.length > 0")
    chosen = tuple(synthetic.factions[:1])
    page.evaluate("(f) => window.frontline.push({filter: f})", faction_filter(synthetic, chosen))
    probe = MARKER_OPTIONS_JS if canvas else MARKERS_JS
    check_days(page, synthetic, random_days(synthetic, 10, seed=5), chosen, probe=probe)
    assert errors == []
