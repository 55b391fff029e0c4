"""Assessed control and claims in force, one state row per place and event day.

The rules (one home for them):

- *Assessed* reports are ``confirmed`` or ``disputed`` rows; *claims* are ``claimed`` rows.
- On one day the last assessed row (file order) gives the day's assessed holder; the same
  for claims. Rows of that day naming the same holder are several sources of one report.
- Consecutive assessed days naming one holder are one *holding*. It takes effect on its
  first ``confirmed`` day (or its first day when no source confirms it); earlier, disputed
  days of the same holding are *other dates* (minority reports) and change nothing.
- The holder shown is the holding in force. A claim that contradicts it is a *claim in
  force* (faction, since, sources) until a later assessed report of the place settles it;
  an assessed report on the claim's own day does not settle it (their order is unknown).
- Where no holding is in force yet, the latest claims set the holder, shown as claimed.
- A holding resting only on month- or year-precise rows is *thin*
  (:mod:`dashboard.core.precision`).

Build time is a few pandas passes over the control rows; queries never come here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.core.precision import thin_holdings
from dashboard.core.schema import UNKNOWN

__all__ = [
    "assess",
    "ASSESSED",
    "claim_streaks",
    "day_records",
    "grouped_tuples",
    "holdings",
    "NAT",
    "RANK",
    "STATE_COLUMNS",
]

RANK = {"confirmed": 2, "disputed": 1, "claimed": 0}
ASSESSED = ("confirmed", "disputed")
NAT = np.datetime64("NaT", "D")
STATE_COLUMNS = (
    "controller",
    "confidence",
    "date_precision",
    "since",
    "other_dates",
    "claim_faction",
    "claim_since",
    "claim_sources",
    "event_ids",
    "thin",
)


def grouped_tuples(frame: pd.DataFrame, keys: str | list[str], column: str) -> pd.Series:
    """``frame.groupby(keys)[column].agg(tuple)`` without a Python call per group: the
    rows are ordered by group once (stable) and cut at the group sizes."""
    groups = frame.groupby(keys, sort=True)
    codes = groups.ngroup().to_numpy()
    if len(frame) == 0 or (codes < 0).any():  # empty, or NaN keys: pandas' own way
        return groups[column].agg(tuple)
    values = frame[column].to_numpy(dtype=object)[np.argsort(codes, kind="stable")].tolist()
    ends = np.cumsum(np.bincount(codes, minlength=groups.ngroups)).tolist()
    parts = [tuple(values[a:b]) for a, b in zip([0, *ends[:-1]], ends, strict=True)]
    return pd.Series(parts, index=groups.size().index, name=column, dtype=object)


def day_records(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per (place, day) of ``rows``: the day's last controller, its best confidence,
    the date precision of that best source and the event ids naming that controller."""
    rows = rows.sort_values(["place", "day", "order"], kind="stable")
    last = rows.groupby(["place", "day"], sort=False).tail(1)[["place", "day", "controller"]]
    agree = rows.merge(last, on=["place", "day", "controller"])
    agree["rank"] = agree["confidence"].map(RANK).fillna(0)
    best = agree.sort_values("rank", kind="stable").groupby(["place", "day"]).tail(1)
    ids = grouped_tuples(agree, ["place", "day"], "event_id").rename("ids")
    out = best.set_index(["place", "day"])[["controller", "confidence", "date_precision"]]
    out = out.join(ids).reset_index()
    return out.sort_values(["place", "day"], kind="stable").reset_index(drop=True)


def holdings(assessed: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(holdings, settle points) from assessed day records.

    holdings: place, start (effective day), controller, confidence, date_precision,
    other_dates (text of earlier minority days); settle points: place, day of every
    assessed day record on or after its holding's start.
    """
    rec = assessed.copy()
    prev = rec.groupby("place")["controller"].shift(1)
    rec["run"] = (prev.isna() | (prev != rec["controller"])).cumsum()
    confirmed = rec["day"].where(rec["confidence"] == "confirmed")
    first_confirmed = confirmed.groupby(rec["run"]).transform("min")
    first_day = rec.groupby("run")["day"].transform("min")
    rec["start"] = first_confirmed.fillna(first_day)
    deferred = rec["day"] < rec["start"]
    late = rec.loc[deferred].assign(text=lambda f: f["day"].dt.strftime("%Y-%m-%d"))
    other = grouped_tuples(late, "run", "text").map(", ".join)
    heads = rec.loc[rec["day"] == rec["start"]].copy()
    heads["confidence"] = np.where(first_confirmed.notna()[heads.index], "confirmed", "disputed")
    heads["other_dates"] = heads["run"].map(other).astype(object).fillna("")
    keep = ["place", "start", "controller", "confidence", "date_precision", "other_dates"]
    return heads[keep].reset_index(drop=True), rec.loc[~deferred, ["place", "day"]]


def claim_streaks(claims: pd.DataFrame, settle: pd.DataFrame) -> pd.DataFrame:
    """Claim day records with streak start and sources so far.

    A streak is a run of consecutive claim days naming one faction with no settle point
    between them (a settle point on a claim's own day does not cut before it).
    """
    rec = claims.copy()
    rec["settled"] = _count_before(settle, rec, inclusive=True)
    prev = rec.groupby("place")[["controller", "settled"]].shift(1)
    new = prev["controller"].isna() | (prev["controller"] != rec["controller"])
    new |= prev["settled"] != rec["settled"]
    streak = new.cumsum()
    rec["streak_since"] = rec.groupby(streak)["day"].transform("min")
    text = rec["ids"].map(lambda ids: "; ".join(ids) + "; ")
    so_far: dict[int, str] = {}
    sources = []
    for run, part in zip(streak.tolist(), text.tolist(), strict=True):  # rows in order
        so_far[run] = so_far.get(run, "") + part
        sources.append(so_far[run].rstrip("; "))
    rec["streak_sources"] = sources
    return rec


def _count_before(points: pd.DataFrame, at: pd.DataFrame, inclusive: bool) -> np.ndarray:
    """For each row of ``at``, how many ``points`` of its place fall on or before its day."""
    places = pd.concat([points["place"], at["place"]], ignore_index=True)
    codes = pd.factorize(places)[0].astype(np.int64)  # one number per place, both frames
    span = 10_000_000

    def key(frame: pd.DataFrame, idx: np.ndarray) -> np.ndarray:
        days = frame["day"].to_numpy().astype("datetime64[D]").astype(np.int64)
        return idx * span + days + span // 2

    keys = np.sort(key(points, codes[: len(points)]))
    query = key(at, codes[len(points) :])
    counts = np.searchsorted(keys, query, side="right" if inclusive else "left")
    return counts - np.searchsorted(keys, (query // span) * span, side="left")


def assess(events: pd.DataFrame) -> pd.DataFrame:
    """State of each place on every day it has a control row (columns: place, day and
    STATE_COLUMNS), sorted by place then day."""
    ctrl = events[events["controller"] != ""].copy()
    ctrl["day"] = pd.to_datetime(ctrl["date"]).dt.normalize()
    assessed = ctrl["confidence"].isin(ASSESSED)
    held, settle = holdings(day_records(ctrl[assessed]))
    claims = claim_streaks(day_records(ctrl[~assessed]), settle)
    days = ctrl[["place", "day"]].drop_duplicates().sort_values(["day", "place"])
    held = held.assign(since=held["start"]).rename(columns={"start": "day"})
    state = pd.merge_asof(days, held.sort_values("day"), on="day", by="place")
    last = claims.rename(
        columns={"controller": "claimer", "date_precision": "claim_precision"}
    ).assign(claim_day=claims["day"])
    keep = ["place", "day", "claimer", "settled", "streak_since", "streak_sources"]
    last = last[[*keep, "claim_precision"]].sort_values("day")
    state = pd.merge_asof(state, last, on="day", by="place")
    state["settled_now"] = _count_before(settle, state, inclusive=True)
    live = state["claimer"].notna() & (state["settled_now"] == state["settled"])
    out = _resolve(state, live, ctrl)
    out["thin"] = thin_holdings(out, ctrl)
    return out


def _resolve(state: pd.DataFrame, live: pd.Series, ctrl: pd.DataFrame) -> pd.DataFrame:
    """Combine the holding in force and the live claim into the state shown on each row."""
    held = state["controller"].notna()
    by_claim = ~held & live
    against = held & live & (state["claimer"] != state["controller"])
    out = state[["place", "day"]].copy()
    claimed = state["claimer"].where(by_claim)
    out["controller"] = state["controller"].where(held, claimed).fillna(UNKNOWN)
    out["confidence"] = state["confidence"].where(held, np.where(by_claim, "claimed", ""))
    precision = state["claim_precision"].where(by_claim, "")
    out["date_precision"] = state["date_precision"].where(held, precision)
    out["since"] = pd.to_datetime(state["since"].where(held, state["streak_since"].where(by_claim)))
    out["other_dates"] = state["other_dates"].where(held, "")
    out["claim_faction"] = state["claimer"].where(against, "")
    out["claim_since"] = pd.to_datetime(state["streak_since"].where(against))
    out["claim_sources"] = state["streak_sources"].where(against, "")
    ids = grouped_tuples(ctrl, ["place", "day", "controller"], "event_id").rename("event_ids")
    out = out.join(ids, on=["place", "day", "controller"])
    out["event_ids"] = out["event_ids"].map(lambda v: v if isinstance(v, tuple) else ())
    return out.sort_values(["place", "day"], kind="stable").reset_index(drop=True)
