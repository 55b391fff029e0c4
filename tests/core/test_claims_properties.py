"""Property tests: assessed holder, since, other dates and claims in force equal a naive,
loop-by-loop reading of the rules (dashboard.core.assess) on random logs."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.core.control import ControlIndex

PLACES = ["P0", "P1", "P2"]
BASE = dt.date(2020, 1, 1)
CONF = ["confirmed", "disputed", "claimed"]
RANK = {"confirmed": 2, "disputed": 1, "claimed": 0}

# few days and factions so that same-day sources, claims against holdings and disputed
# earlier dates are common
row = st.tuples(
    st.integers(0, 12), st.sampled_from(PLACES), st.sampled_from(["A", "B", ""]),
    st.sampled_from(CONF),
)  # fmt: skip

pytestmark = pytest.mark.property
PLACES_FRAME = pd.DataFrame({"place": PLACES, "lat": [0.0, 1, 2], "lon": [0.0, 1, 2]})


def frame(log):
    return pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(len(log))],
            "date": pd.to_datetime([BASE + dt.timedelta(days=d) for d, *_ in log]),
            "place": [r[1] for r in log],
            "controller": [r[2] for r in log],
            "confidence": [r[3] for r in log],
            "date_precision": "day",
            "order": range(len(log)),
        }
    )


def records(rows):
    """{day: (controller, best confidence)} from (order, day, controller, confidence) rows."""
    out = {}
    for d in sorted({r[1] for r in rows}):
        today = [r for r in rows if r[1] == d]
        last = max(today, key=lambda r: r[0])[2]
        best = max((r[3] for r in today if r[2] == last), key=RANK.get)
        out[d] = (last, best)
    return out


def naive(log, place, day):
    """The rules read literally for one place and one day (day numbers from BASE)."""
    rows = [(i, d, c, k) for i, (d, p, c, k) in enumerate(log) if p == place and c]
    assessed = records([r for r in rows if r[3] != "claimed"])
    claims = records([r for r in rows if r[3] == "claimed"])
    runs, holdings, settle = [], [], []
    for d, (c, k) in sorted(assessed.items()):
        if runs and runs[-1][0][1] == c:
            runs[-1].append((d, c, k))
        else:
            runs.append([(d, c, k)])
    for run in runs:
        confirmed = [d for d, _, k in run if k == "confirmed"]
        start = min(confirmed) if confirmed else run[0][0]
        other = ", ".join((BASE + dt.timedelta(days=d)).isoformat() for d, _, _ in run if d < start)
        holdings.append((start, run[0][1], "confirmed" if confirmed else "disputed", other))
        settle += [d for d, _, _ in run if d >= start]
    holding = [h for h in holdings if h[0] <= day]
    cut = max([s for s in settle if s <= day], default=-1)
    live = [(d, c) for d, (c, _) in sorted(claims.items()) if cut <= d <= day]
    claim, claim_since = (live[-1][1], live[-1][0]) if live else (None, None)
    for d, c in reversed(live):
        if c != claim:
            break
        claim_since = d
    if holding:
        start, holder, conf, other = holding[-1]
        if claim == holder:
            claim = None
        return holder, start, conf, other, claim or "", claim_since if claim else None
    if claim:
        return claim, claim_since, "claimed", "", "", None
    return "unknown", None, "", "", "", None


def day_number(value):
    return None if pd.isna(value) else (pd.Timestamp(value).date() - BASE).days


@settings(max_examples=150, deadline=None)
@given(st.lists(row, min_size=1, max_size=30), st.integers(-1, 14))
def test_state_matches_the_naive_rules(log, offset):
    state = ControlIndex.build(frame(log), PLACES_FRAME).state(BASE + dt.timedelta(days=offset))
    for r in state.itertuples():
        got = (
            r.controller, day_number(r.since), r.confidence, r.other_dates,
            r.claim_faction, day_number(r.claim_since),
        )  # fmt: skip
        assert got == naive(log, r.place, offset), r.place


@settings(max_examples=100, deadline=None)
@given(st.lists(row, min_size=1, max_size=30))
def test_state_changes_only_at_state_rows(log):
    """Every column is constant between two state rows of a place (the browser relies on it)."""
    index = ControlIndex.build(frame(log), PLACES_FRAME)
    days = set(index.changes["day"].dt.date)
    previous = None
    for offset in range(-1, 15):
        day = BASE + dt.timedelta(days=offset)
        state = index.state(day).drop(columns=["lat", "lon"]).astype(str)
        if previous is not None and day not in days:
            assert state.equals(previous)
        previous = state


@settings(max_examples=100, deadline=None)
@given(st.lists(row, min_size=1, max_size=30))
def test_counts_over_time_equal_places_held(log):
    index = ControlIndex.build(frame(log), PLACES_FRAME)
    counts = index.counts_over_time()
    for day, group in counts.groupby("day"):
        held = index.state(pd.Timestamp(day).date())["controller"].value_counts()
        expected = {f: n for f, n in held.items() if f != "unknown"}
        got = {f: n for f, n in zip(group["faction"], group["places"], strict=True) if n}
        assert got == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(row, min_size=1, max_size=30))
def test_changes_of_hands_never_start_from_unknown_or_repeat_the_holder(log):
    moved = ControlIndex.build(frame(log), PLACES_FRAME).changes_of_hands(None, None)
    assert (moved["previous"] != "unknown").all()
    assert (moved["previous"] != moved["controller"]).all()
