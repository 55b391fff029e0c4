"""Property tests: the indexed control state equals a naive reference on random logs."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.core.control import ControlIndex
from dashboard.core.geo.distance import distance_km, matrix_km

pytestmark = pytest.mark.property

PLACES = ["P0", "P1", "P2", "P3"]
FACTIONS = ["A", "B", "C", ""]
BASE = dt.date(2020, 1, 1)

event = st.tuples(st.integers(0, 60), st.sampled_from(PLACES), st.sampled_from(FACTIONS))


def frame(log):
    return pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(len(log))],
            "date": pd.to_datetime([BASE + dt.timedelta(days=d) for d, _, _ in log]),
            "place": [p for _, p, _ in log],
            "controller": [c for _, _, c in log],
            "confidence": "confirmed",
            "date_precision": "day",
            "order": range(len(log)),
        }
    )


def naive_state(log, day):
    """Reference: the last control row on or before ``day`` per place (file order breaks ties)."""
    held = dict.fromkeys(PLACES, "unknown")
    for _, (d, place, controller) in sorted(enumerate(log), key=lambda x: (x[1][0], x[0])):
        if controller and BASE + dt.timedelta(days=d) <= day:
            held[place] = controller
    return held


PLACES_FRAME = pd.DataFrame({"place": PLACES, "lat": [0.0, 1, 2, 3], "lon": [0.0, 1, 2, 3]})


@given(st.lists(event, min_size=1, max_size=40), st.integers(-2, 65))
def test_state_matches_naive_reference(log, offset):
    day = BASE + dt.timedelta(days=offset)
    state = ControlIndex.build(frame(log), PLACES_FRAME).state(day)
    assert dict(zip(state["place"], state["controller"], strict=True)) == naive_state(log, day)


@given(st.lists(event, min_size=1, max_size=40), st.integers(0, 65))
def test_since_is_a_day_of_a_change_to_the_current_holder(log, offset):
    day = BASE + dt.timedelta(days=offset)
    state = ControlIndex.build(frame(log), PLACES_FRAME).state(day)
    for row in state.itertuples():
        if row.controller == "unknown":
            assert pd.isna(row.since)
            continue
        since = pd.Timestamp(row.since).date()
        assert since <= day
        assert any(
            BASE + dt.timedelta(days=d) == since and p == row.place and c == row.controller
            for d, p, c in log
        )


coord = st.tuples(st.floats(-80, 80), st.floats(-179, 179))


@given(coord, coord)
def test_distance_is_symmetric(a, b):
    assert np.isclose(distance_km(*a, *b), distance_km(*b, *a), atol=1e-6)


@given(coord, coord, coord)
def test_triangle_inequality(a, b, c):
    assert distance_km(*a, *c) <= distance_km(*a, *b) + distance_km(*b, *c) + 1e-6


@given(st.lists(coord, min_size=1, max_size=8))
def test_matrix_symmetric_zero_diagonal(points):
    lats, lons = np.array(points).T
    m = matrix_km(lats, lons)
    assert np.allclose(m, m.T) and np.all(np.diag(m) == 0)
