"""Read what the browser timeline shows, and what the core says it should show."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from dashboard.core.model import Model
from dashboard.core.schema import UNKNOWN
from dashboard.core.timeline import (
    first_record,
    is_recent,
    start_confidence,
    start_precision,
    tooltip_lines,
)

UNKNOWN_FILL = "#ffffff"

# Every place marker: its name (aria-label), SVG fill, whether it is shown, and the
# tooltip lines the same function bound to its tooltip builds.
MARKERS_JS = """
() => {
  const t = window.frontline;
  return t.markers.map((m, i) => {
    const node = m.getElement();
    return {place: node.getAttribute('aria-label'), fill: node.getAttribute('fill'),
            shown: node.getAttribute('stroke-opacity') !== '0',
            tooltip: t.tooltipLines(i), ring: !!t.rings[i], claim: !!t.claims[i],
            thin: !!t.badges[i]};
  });
}
"""

# The same, read from what the map drew (markOf): canvas markers have no DOM element; on
# the canvas, the sprite each place was last drawn with.
MARKER_OPTIONS_JS = """
() => {
  const t = window.frontline;
  return t.places.map((place, i) => ({place: place, fill: t.markOf(i).fill,
    shown: t.markOf(i).shown, tooltip: t.tooltipLines(i), ring: !!t.rings[i],
    claim: !!t.claims[i], thin: !!t.badges[i]}));
}
"""

SET_DAY_JS = """
(iso) => {
  const range = document.querySelector('.fl-range');
  range.value = String(window.FrontlineTimeline.dayOf(iso));
  range.dispatchEvent(new Event('input', {bubbles: true}));
}
"""
SHOWN_JS = "(iso) => window.frontline.day === window.FrontlineTimeline.dayOf(iso)"


def step_to(frame: Any, day: dt.date) -> str:
    """Move the map's range to ``day`` as an input would; wait until it is shown."""
    frame.evaluate(SET_DAY_JS, day.isoformat())
    frame.wait_for_function(SHOWN_JS, arg=day.isoformat())
    return str(frame.evaluate("() => document.querySelector('.fl-date').textContent"))


def expected(model: Model, day: dt.date, factions: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Per place: fill colour, shown, and tooltip lines, from ControlIndex.state(day)."""
    index = model.index
    state = index.state(day)
    chosen = set(factions or model.factions)
    colors = dict(zip(model.data.factions["faction"], model.data.factions["color"], strict=True))
    labels = dict(zip(model.data.factions["faction"], model.data.factions["label"], strict=True))
    labels[UNKNOWN] = "Unknown"
    pos = index.positions(day)
    starts = start_confidence(index)
    precisions = start_precision(index)
    thin = index.arrays["thin"]
    firsts = first_record(index)
    out = {}
    for i, row in enumerate(state.itertuples()):
        known = row.controller != UNKNOWN
        since = pd.Timestamp(row.since).date().isoformat() if known else None
        start = str(starts[pos[i]]) if pos[i] >= 0 else ""
        shown = row.controller in chosen if known else chosen >= set(model.factions)
        first = bool(firsts[pos[i]]) if pos[i] >= 0 else True
        is_thin = known and bool(thin[pos[i]])
        out[row.place] = {
            "fill": colors[row.controller] if known else UNKNOWN_FILL,
            "shown": shown,
            "thin": shown and is_thin,
            "ring": shown
            and is_recent(pd.Timestamp(row.since).date() if known else None, first, day),
            "tooltip": tooltip_lines(
                row.place,
                labels.get(row.controller, row.controller),
                row.confidence if known else "",
                since,
                start,
                labels.get(row.claim_faction, row.claim_faction) if row.claim_faction else "",
                pd.Timestamp(row.claim_since).date().isoformat() if row.claim_faction else None,
                str(precisions[pos[i]]) if known else "day",
                is_thin,
            ),
        }
    return out


def compare(seen: list[dict[str, Any]], want: dict[str, Any]) -> list[str]:
    """Differences between the markers the browser drew and the expected ones."""
    problems = []
    by_place = {m["place"]: m for m in seen}
    if set(by_place) != set(want):
        problems.append(f"places differ: {sorted(set(by_place) ^ set(want))[:5]}")
    for place, exp in want.items():
        got = by_place.get(place)
        if got is None:
            continue
        if got["shown"] != exp["shown"]:
            problems.append(f"{place}: shown {got['shown']} != {exp['shown']}")
        elif exp["shown"] and (got["fill"] or "").lower() != exp["fill"].lower():
            problems.append(f"{place}: fill {got['fill']} != {exp['fill']}")
        if got["thin"] != exp["thin"]:
            problems.append(f"{place}: thin badge {got['thin']} != {exp['thin']}")
        if got["ring"] != exp["ring"]:
            problems.append(f"{place}: ring {got['ring']} != {exp['ring']}")
        if exp["shown"] and got["tooltip"] != exp["tooltip"]:
            problems.append(f"{place}: tooltip {got['tooltip']} != {exp['tooltip']}")
    return problems
