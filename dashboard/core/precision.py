"""Thin records: holdings known only from coarse dates, and how a date's precision reads.

The one rule (the map, its tooltips, the place panel and the exports all use it):

- A row's ``date_precision`` is ``day``, ``week``, ``month`` or ``year``. Month and year
  are *coarse*: a report describing who held a place over a period (a UN Panel report,
  an analysis, a general statement in a wire story) is entered with the precision its
  source gives, so general statements are coarse rows.
- The holding shown on a day is *thin* when no row naming its holder, dated from the
  holding's start to that day, is day or week precise (claims count for a holding that
  rests on claims, assessed rows for an assessed one). A thin holding is drawn less
  sharply than a dated change, with its precision in words.

Examples
--------
>>> precise_day("2020-06-14", "month"), precise_day("2016-03-30", "year")
('about June 2020 (month)', 'about 2016 (year)')
>>> precise_day("2019-04-09", "week"), precise_day("2019-04-04", "day")
('2019-04-09 (±1 week)', '2019-04-04')
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from dashboard.core.schema import UNKNOWN
from dashboard.core.words import text

__all__ = ["COARSE_PRECISIONS", "MONTHS", "precise_day", "thin_holdings", "THIN_NOTE"]


COARSE_PRECISIONS = frozenset({"month", "year"})
"""Date precisions too coarse to date a change: a holding resting only on them is thin."""
MONTHS = tuple(text(f"month_{m}") for m in range(1, 13))
"""English month names (the map's word table, :mod:`dashboard.core.words`)."""
THIN_NOTE = text("thin_note")
"""The tooltip line of a thin holding (the browser prints the same, from the same table)."""


def precise_day(iso: str, precision: str, lang: str = "en") -> str:
    """A day as its precision allows: ISO for a day, 'about June 2020 (month)' and so on,
    in ``lang`` (the map's word table)."""
    day = dt.date.fromisoformat(iso)
    if precision == "month":
        return text("precise_month", lang, month=text(f"month_{day.month}", lang), year=day.year)
    if precision == "year":
        return text("precise_year", lang, year=day.year)
    if precision == "week":
        return text("precise_week", lang, date=iso)
    return iso


def _support(frame: pd.DataFrame) -> pd.Series:
    """Key of the rows that can support a holding: place, holder and claimed-or-assessed."""
    kind = np.where(frame["confidence"] == "claimed", "c", "a")
    return frame["place"].astype(str) + "\x1f" + frame["controller"].astype(str) + "\x1f" + kind


def thin_holdings(state: pd.DataFrame, rows: pd.DataFrame) -> np.ndarray:
    """Per state row (place, day, controller, confidence, since): True where its holding is
    thin. ``rows`` are the control rows (place, day, controller, confidence,
    date_precision) the state was assessed from."""
    if not len(state):
        return np.zeros(0, dtype=bool)
    fine = rows[~rows["date_precision"].isin(COARSE_PRECISIONS)]
    fine = pd.DataFrame({"key": _support(fine), "fine_day": fine["day"].to_numpy()})
    fine["day"] = fine["fine_day"]
    query = pd.DataFrame(
        {"key": _support(state), "day": state["day"].to_numpy(), "at": np.arange(len(state))}
    )
    found = pd.merge_asof(
        query.sort_values("day", kind="stable"),
        fine.sort_values("day", kind="stable")[["key", "day", "fine_day"]],
        on="day",
        by="key",
        direction="backward",
    ).sort_values("at")
    since = pd.to_datetime(state["since"]).to_numpy()
    dated = (found["fine_day"].to_numpy() >= since) & ~pd.isna(found["fine_day"]).to_numpy()
    known = (state["controller"] != UNKNOWN).to_numpy()
    return known & ~dated
