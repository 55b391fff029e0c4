"""Who controls each place on a date, since when, and what changed between two dates.

Holdings and claims in force (rules: :mod:`dashboard.core.assess`) are precomputed once per
data load (:class:`ControlIndex`); a query for a date is one ``numpy.searchsorted`` over all
places, with no Python loop over events.

Examples
--------
>>> from dashboard.core.model import Model
>>> index = Model.load().index  # the bundled data
>>> state = index.state("2019-05-01").set_index("place")
>>> state.at["Gharyan", "controller"], str(state.at["Gharyan", "since"].date())
('LNA', '2019-04-04')
>>> state.at["Gharyan", "other_dates"]  # AFP's later text: 2 April, a minority date
'2019-04-02'
>>> june = index.state("2019-06-01").set_index("place")
>>> june.at["Aziziya", "controller"], june.at["Aziziya", "claim_faction"]  # LNA claims it
('GNA', 'LNA')
>>> run = index.timeline("Gharyan").iloc[-1]
>>> run["controller"], str(run["start"].date()), run["previous"]
('GNA', '2019-06-26', 'LNA')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from dashboard.core.assess import ASSESSED, RANK, assess
from dashboard.core.schema import UNKNOWN

__all__ = [
    "CONFIDENCE_RANK",
    "control_runs",
    "ControlIndex",
    "DAY",
    "effective_changes",
    "STATE_DAYS",
    "STATE_TEXT",
    "to_day",
]

CONFIDENCE_RANK = RANK
DAY = np.timedelta64(1, "D")
STATE_TEXT = (
    "controller",
    "confidence",
    "date_precision",
    "other_dates",
    "claim_faction",
    "claim_sources",
)
STATE_DAYS = ("since", "claim_since")


def to_day(value: dt.date | str | np.datetime64 | pd.Timestamp) -> np.datetime64:
    """A date as numpy day precision (accepts ISO strings)."""
    return np.datetime64(pd.Timestamp(value).date(), "D")


def effective_changes(events: pd.DataFrame) -> pd.DataFrame:
    """One state row per (place, day) with a control row: the state shown from that day on
    (see :mod:`dashboard.core.assess` for the rules)."""
    return assess(events)


def control_runs(changes: pd.DataFrame) -> pd.DataFrame:
    """Collapse the state rows of each place into holdings (a new holder or a new since).

    Columns: place, start, controller, previous ('unknown' for a place's first record),
    confidence, date_precision, event_ids, first_record (previous is unknown: a first
    record, never a change of hands), changed_hands (a known holder gave way to another).
    """
    key = changes["controller"] + "|" + changes["since"].astype(str)
    prev_key = key.groupby(changes["place"]).shift(1)
    new_run = prev_key.isna() | (prev_key != key)
    prev = changes.groupby("place")["controller"].shift(1)
    runs = changes.loc[new_run].copy()
    runs["previous"] = prev[new_run].fillna(UNKNOWN)
    runs = runs.rename(columns={"day": "start"})
    runs = runs[runs["controller"] != UNKNOWN]
    runs["start"] = runs["since"]
    runs["first_record"] = runs["previous"] == UNKNOWN
    runs["changed_hands"] = ~runs["first_record"] & (runs["previous"] != runs["controller"])
    keep = ["place", "start", "controller", "previous", "confidence", "date_precision"]
    keep += ["event_ids", "first_record", "changed_hands"]
    return runs[keep].reset_index(drop=True)


@dataclass(frozen=True)
class ControlIndex:
    """Precomputed control of every place, queried by date in O(places · log changes)."""

    places: pd.DataFrame  # place, lat, lon — sorted by place
    changes: pd.DataFrame  # effective_changes(): one row per place and day
    runs: pd.DataFrame  # control_runs()
    keys: np.ndarray  # int64 place_index * SPAN + day number, sorted
    place_index: np.ndarray  # place index of each change row
    since: np.ndarray  # start day (datetime64[D]) of the run each change belongs to
    arrays: dict[str, np.ndarray] = field(default_factory=dict, repr=False)  # per change row

    SPAN = 10_000_000  # more days than any calendar we store

    @classmethod
    def build(cls, events: pd.DataFrame, places: pd.DataFrame) -> ControlIndex:
        """Index the control rows of ``events`` for the places in ``places``."""
        places = places.sort_values("place").reset_index(drop=True)
        changes = effective_changes(events)
        runs = control_runs(changes)
        position = pd.Series(np.arange(len(places)), index=places["place"])
        place_index = position.reindex(changes["place"]).to_numpy(dtype=np.int64)
        days = changes["day"].to_numpy().astype("datetime64[D]").astype(np.int64)
        keys = place_index * cls.SPAN + (days + cls.SPAN // 2)
        arrays = {c: changes[c].to_numpy(dtype=object) for c in STATE_TEXT}
        for column in ("day", *STATE_DAYS):
            arrays[column] = changes[column].to_numpy().astype("datetime64[D]")
        arrays["place"] = places["place"].to_numpy(dtype=object)
        arrays["thin"] = changes["thin"].to_numpy(dtype=bool)
        return cls(places, changes, runs, keys, place_index, arrays["since"], arrays)

    def positions(self, day: dt.date | str) -> np.ndarray:
        """Index into ``changes`` of each place's latest change on or before ``day``; -1 if none."""
        number = int(to_day(day).astype(np.int64))
        query = np.arange(len(self.places), dtype=np.int64) * self.SPAN + (number + self.SPAN // 2)
        pos = np.searchsorted(self.keys, query, side="right") - 1
        valid = pos >= 0
        valid[valid] = self.place_index[pos[valid]] == np.flatnonzero(valid)
        return np.where(valid, pos, -1)

    def state(self, day: dt.date | str) -> pd.DataFrame:
        """Control of every place on ``day`` (inclusive: a change dated ``day`` counts).

        Columns: place, lat, lon; controller (assessed holder, else the claimed one,
        'unknown' before any record); since (earliest assessed report of the holding, or
        the claim's first day; NaT if unknown); confidence of the holding shown
        (confirmed/disputed/claimed, '' if unknown); date_precision; last_change (day of
        the state row in force); other_dates (earlier minority dates, ISO, comma-separated);
        claim_faction ('' if none), claim_since (NaT if none), claim_sources (event ids,
        '; '-separated) of a claim in force against the holder.
        """
        pos = self.positions(day)
        known = pos >= 0
        take = np.where(known, pos, 0)

        def pick(column: str, missing: Any) -> np.ndarray:
            values = self.arrays[column]
            if len(values) == 0:
                return np.full(len(pos), missing, dtype=values.dtype)
            return np.where(known, values[take], missing)

        def text(column: str, missing: str = "") -> pd.Series:
            return pd.Series(pick(column, missing), dtype=object, copy=False)

        nat = np.datetime64("NaT", "D")
        return pd.DataFrame(
            {
                "place": pd.Series(self.arrays["place"], dtype=object, copy=False),
                "lat": self.places["lat"].to_numpy(),
                "lon": self.places["lon"].to_numpy(),
                "controller": text("controller", UNKNOWN),
                "since": pick("since", nat),
                "confidence": text("confidence"),
                "date_precision": text("date_precision"),
                "last_change": pick("day", nat),
                "other_dates": text("other_dates"),
                "claim_faction": text("claim_faction"),
                "claim_since": pick("claim_since", nat),
                "claim_sources": text("claim_sources"),
            }
        )

    def transitions(self, after: dt.date | str | None, until: dt.date | str | None) -> pd.DataFrame:
        """Control changes (a new controller) dated in the half-open span (after, until]."""
        start = self.runs["start"]
        mask = pd.Series(True, index=self.runs.index)
        if after is not None:
            mask &= start > to_day(after)
        if until is not None:
            mask &= start <= to_day(until)
        return self.runs.loc[mask].sort_values(["start", "place"], kind="stable")

    def changes_of_hands(
        self, after: dt.date | str | None, until: dt.date | str | None
    ) -> pd.DataFrame:
        """Holdings in (after, until] that took over from another known holder (a first
        record, unknown → X, is not a change of hands; nor is a claim confirmed)."""
        runs = self.transitions(after, until)
        return runs[runs["changed_hands"]]

    def assessed_changes(
        self, after: dt.date | str | None, until: dt.date | str | None
    ) -> pd.DataFrame:
        """Changes of hands in (after, until] to an assessed (confirmed or disputed) holding."""
        runs = self.changes_of_hands(after, until)
        return runs[runs["confidence"].isin(ASSESSED)]

    def claims(self, after: dt.date | str | None, until: dt.date | str | None) -> pd.DataFrame:
        """Claims in force against the holder shown, one row per claim, whose span meets
        (after, until]: place, faction, since, until (day it was settled, NaT if never),
        against (the holder it contradicts), sources ('; '-separated event ids)."""
        return _claim_spans(self.changes, after, until)

    def change_days(self) -> np.ndarray:
        """Sorted distinct days on which any place changed controller."""
        return np.unique(self.runs["start"].to_numpy().astype("datetime64[D]"))

    def timeline(self, place: str) -> pd.DataFrame:
        """Control intervals of one place: start, end (exclusive, NaT = still), controller…"""
        runs = self.runs[self.runs["place"] == place].copy()
        runs["end"] = runs["start"].shift(-1)
        return runs.reset_index(drop=True)

    def counts_over_time(self) -> pd.DataFrame:
        """Places held per faction after each change day (long format: day, faction, places)."""
        plus = self.runs[["start", "controller"]].assign(delta=1)
        minus = self.runs.loc[self.runs["previous"] != UNKNOWN, ["start", "previous"]]
        minus = minus.rename(columns={"previous": "controller"}).assign(delta=-1)
        deltas = pd.concat([plus, minus]).groupby(["start", "controller"])["delta"].sum()
        wide = deltas.unstack(fill_value=0).sort_index().cumsum()
        long = wide.stack().rename("places").reset_index()
        return long.rename(columns={"start": "day", "controller": "faction"})


def _claim_spans(changes: pd.DataFrame, after: Any, until: Any) -> pd.DataFrame:
    """Group consecutive state rows with the same claim in force into one span each."""
    key = changes["claim_faction"] + "|" + changes["claim_since"].astype(str)
    new = key != key.groupby(changes["place"]).shift(1)
    span = new.cumsum()
    ends = changes["day"].where(new).groupby(changes["place"]).shift(-1)
    rows = changes.assign(span=span, ends=ends.groupby(span).transform("first"))
    rows = rows[rows["claim_faction"] != ""]
    last = rows.groupby("span").tail(1).set_index("span")["claim_sources"]
    out = rows.groupby("span").head(1).set_index("span")
    out = out.assign(sources=last).reset_index(drop=True)
    out = out.rename(columns={"claim_faction": "faction", "controller": "against"})
    out = out.assign(since=out["claim_since"], until=out["ends"])
    if after is not None:
        out = out[out["until"].isna() | (out["until"] > pd.Timestamp(to_day(after)))]
    if until is not None:
        out = out[out["since"] <= pd.Timestamp(to_day(until))]
    cols = ["place", "faction", "since", "until", "against", "sources"]
    return out[cols].sort_values(["since", "place"], kind="stable").reset_index(drop=True)
