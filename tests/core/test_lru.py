"""Caches bounded by bytes: the JSON cache of the per-day UI data."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from dashboard.core.lru import json_cache


def test_json_cache_is_bounded_by_bytes_and_returns_fresh_copies():
    calls = []

    @json_cache(max_bytes=10_000)
    def layer(n: int) -> dict:
        calls.append(n)
        return {"features": ["x" * 1000] * 3, "n": n}

    first = layer(1)
    first["features"].clear()  # a caller changing its copy must not change the cache
    assert layer(1)["features"] == ["x" * 1000] * 3 and calls == [1]
    for n in range(2, 20):
        layer(n)
    assert layer.cache.nbytes <= 10_000 and len(layer.cache) == 3
    layer(1)
    assert calls.count(1) == 2  # evicted, so computed again


def test_json_cache_round_trips_dates_timestamps_and_numpy_scalars():
    value = {
        "day": dt.date(2020, 6, 1),
        "since": pd.Timestamp("2020-05-31"),
        "none": pd.NaT,
        "km": np.float64(1.5),
        "n": np.int64(3),
        "pair": ("a", "b"),
    }
    back = json_cache(max_bytes=10_000)(lambda: value)()
    assert back["day"] == dt.date(2020, 6, 1) and back["since"] == pd.Timestamp("2020-05-31")
    assert back["none"] is pd.NaT and back["km"] == 1.5 and back["n"] == 3
    assert back["pair"] == ["a", "b"]
