"""Geodesic distances on the WGS84 ellipsoid, in km (pyproj.Geod)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from pyproj import Geod

from dashboard.core.control import ControlIndex
from dashboard.core.schema import NON_HOSTILE

__all__ = [
    "distance_km",
    "distance_table",
    "distances_from_km",
    "front_distance_series",
    "is_hostile",
    "matrix_km",
    "nearest_hostile",
    "WGS84",
]

WGS84 = Geod(ellps="WGS84")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance on WGS84 between two points, in km.

    Examples
    --------
    >>> round(distance_km(0, 0, 0, 1), 3)
    111.319
    """
    _, _, metres = WGS84.inv(lon1, lat1, lon2, lat2)
    return float(metres) / 1000.0


def distances_from_km(lat: float, lon: float, lats: ArrayLike, lons: ArrayLike) -> np.ndarray:
    """Geodesic km from one point to many (vectorised)."""
    lats = np.asarray(lats, dtype=float)
    lons = np.asarray(lons, dtype=float)
    if lats.size == 0:
        return np.zeros(0)
    _, _, metres = WGS84.inv(np.full(lats.shape, lon), np.full(lats.shape, lat), lons, lats)
    return np.asarray(metres) / 1000.0


def matrix_km(lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Symmetric matrix of geodesic km between all points, zero on the diagonal."""
    lats = np.asarray(lats, dtype=float)
    lons = np.asarray(lons, dtype=float)
    i, j = np.triu_indices(lats.size, k=1)
    out = np.zeros((lats.size, lats.size))
    if i.size:
        _, _, metres = WGS84.inv(lons[i], lats[i], lons[j], lats[j])
        out[i, j] = out[j, i] = np.asarray(metres) / 1000.0
    return out


def is_hostile(a: str, b: str) -> bool:
    """Two controllers are hostile when they differ and neither is unknown or neutral.

    Examples
    --------
    >>> is_hostile("GNA", "LNA"), is_hostile("GNA", "GNA"), is_hostile("LNA", "neutral")
    (True, False, False)
    """
    return a != b and a not in NON_HOSTILE and b not in NON_HOSTILE


def distance_table(state: pd.DataFrame, place: str) -> pd.DataFrame:
    """Every other place of ``state`` with its km from ``place``, nearest first."""
    origin = state.loc[state["place"] == place].iloc[0]
    others = state.loc[state["place"] != place].copy()
    others["km"] = distances_from_km(origin["lat"], origin["lon"], others["lat"], others["lon"])
    return others.sort_values(["km", "place"]).reset_index(drop=True)


def nearest_hostile(state: pd.DataFrame, place: str, side: str | None = None) -> pd.Series | None:
    """Nearest place held by a faction hostile to ``side`` (default: the place's controller)."""
    table = distance_table(state, place)
    own = side or str(state.loc[state["place"] == place, "controller"].iloc[0])
    if own in NON_HOSTILE:
        return None
    hostile = table[[is_hostile(own, c) for c in table["controller"]]]
    return None if hostile.empty else hostile.iloc[0]


def front_distance_series(
    index: ControlIndex, target: str, side: str | None = None
) -> pd.DataFrame:
    """Distance from ``target`` to the nearest place hostile to ``side`` after each change day.

    ``side`` defaults to the target's controller on each day. Columns: day, km (NaN when no
    hostile place is known), nearest, controller (of the nearest place), side.
    """
    rows = []
    for day in index.change_days():
        state = index.state(day)
        own = side or str(state.loc[state["place"] == target, "controller"].iloc[0])
        near = nearest_hostile(state, target, own)
        rows.append(
            {
                "day": pd.Timestamp(day),
                "km": np.nan if near is None else float(near["km"]),
                "nearest": None if near is None else near["place"],
                "controller": None if near is None else near["controller"],
                "side": own,
            }
        )
    return pd.DataFrame(rows, columns=["day", "km", "nearest", "controller", "side"])
