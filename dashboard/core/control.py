"""Who controls each place on a date, since when, and what changed between two dates.

Control runs are precomputed once per data load (:class:`ControlIndex`); a query for a
date is one ``numpy.searchsorted`` over all places, with no Python loop over events.

Examples
--------
>>> from dashboard.core.model import Model
>>> index = Model.load().index  # the bundled data
>>> state = index.state("2019-05-01").set_index("place")
>>> state.at["Gharyan", "controller"], str(state.at["Gharyan", "since"].date())
('LNA', '2019-04-02')
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

from dashboard.core.schema import UNKNOWN

CONFIDENCE_RANK = {"confirmed": 2, "disputed": 1, "claimed": 0}
DAY = np.timedelta64(1, "D")
STATE_TEXT = ("controller", "state_confidence", "date_precision")


def to_day(value: dt.date | str | np.datetime64 | pd.Timestamp) -> np.datetime64:
    """A date as numpy day precision (accepts ISO strings)."""
    return np.datetime64(pd.Timestamp(value).date(), "D")


def effective_changes(events: pd.DataFrame) -> pd.DataFrame:
    """One control row per (place, date): the day's last controller, merged sources.

    Rows giving the same controller on the same day are several sources for one event;
    their confidence is the strongest among them.
    """
    ctrl = events[events["controller"] != ""].copy()
    ctrl["day"] = ctrl["date"].to_numpy().astype("datetime64[D]")
    ctrl = ctrl.sort_values(["place", "day", "order"], kind="stable")
    last = ctrl.groupby(["place", "day"], sort=False).tail(1)
    winners = ctrl.merge(last[["place", "day", "controller"]], on=["place", "day", "controller"])
    winners["rank"] = winners["confidence"].map(CONFIDENCE_RANK).fillna(0)
    best = winners.sort_values("rank", kind="stable").groupby(["place", "day"]).tail(1)
    ids = winners.groupby(["place", "day"])["event_id"].agg(list).rename("event_ids")
    out = best.drop(columns=["rank"]).set_index(["place", "day"]).join(ids).reset_index()
    return out.sort_values(["place", "day"], kind="stable").reset_index(drop=True)


def control_runs(changes: pd.DataFrame) -> pd.DataFrame:
    """Collapse consecutive same-controller changes of a place into runs.

    Columns: place, start (first day), controller, previous, confidence, date_precision,
    event_ids; sorted by place then start. A change that repeats the current controller
    (a second report, a status row) extends the run instead of starting a new one.
    """
    prev = changes.groupby("place")["controller"].shift(1)
    new_run = prev.isna() | (prev != changes["controller"])
    runs = changes.loc[new_run].copy()
    runs["previous"] = prev[new_run].fillna(UNKNOWN)
    runs = runs.rename(columns={"day": "start"})
    keep = ["place", "start", "controller", "previous", "confidence", "date_precision", "event_ids"]
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
        since = _run_start_per_change(changes, runs)
        changes["state_confidence"] = _run_confidence(changes)
        arrays = {c: changes[c].to_numpy(dtype=object) for c in STATE_TEXT}
        arrays["day"] = changes["day"].to_numpy().astype("datetime64[D]")
        arrays["place"] = places["place"].to_numpy(dtype=object)
        return cls(places, changes, runs, keys, place_index, since, arrays)

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

        Columns: place, lat, lon, controller ('unknown' before a place's first change),
        since (run start, NaT if unknown), confidence (the strongest any source has given
        the current holding so far), date_precision, last_change.
        """
        pos = self.positions(day)
        known = pos >= 0
        take = np.where(known, pos, 0)

        def pick(column: str, missing: Any) -> np.ndarray:
            values = self.arrays[column]
            if len(values) == 0:
                return np.full(len(pos), missing, dtype=values.dtype)
            return np.where(known, values[take], missing)

        def text(values: np.ndarray) -> pd.Series:
            return pd.Series(values, dtype=object, copy=False)

        since = self.since if len(self.since) else np.zeros(1, "datetime64[D]")
        return pd.DataFrame(
            {
                "place": text(self.arrays["place"]),
                "lat": self.places["lat"].to_numpy(),
                "lon": self.places["lon"].to_numpy(),
                "controller": text(pick("controller", UNKNOWN)),
                "since": np.where(known, since[take], np.datetime64("NaT", "D")),
                "confidence": text(pick("state_confidence", "")),
                "date_precision": text(pick("date_precision", "")),
                "last_change": pick("day", np.datetime64("NaT", "D")),
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


def _run_start_per_change(changes: pd.DataFrame, runs: pd.DataFrame) -> np.ndarray:
    """For each change row, the first day of the run it belongs to."""
    prev = changes.groupby("place")["controller"].shift(1)
    new_run = (prev.isna() | (prev != changes["controller"])).to_numpy()
    starts = np.where(
        new_run, changes["day"].to_numpy().astype("datetime64[D]"), np.datetime64("NaT", "D")
    )
    return pd.Series(starts).ffill().to_numpy().astype("datetime64[D]")


def _run_confidence(changes: pd.DataFrame) -> np.ndarray:
    """Strongest confidence reached so far within each run (a later, weaker re-report of
    the same holding, e.g. a disputed alternative date, does not weaken it)."""
    prev = changes.groupby("place")["controller"].shift(1)
    run_id = (prev.isna() | (prev != changes["controller"])).cumsum()
    rank = changes["confidence"].map(CONFIDENCE_RANK).fillna(0).astype(float)
    best = rank.groupby(run_id).cummax()
    names = {v: k for k, v in CONFIDENCE_RANK.items()}
    return best.map(names).to_numpy()
