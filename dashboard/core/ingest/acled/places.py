"""ACLED locations as place names: namesakes far apart are told apart, and a gazetteer's
names are used where the name and the coordinates agree."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.core.geo.distance import WGS84, distance_km
from dashboard.core.io.gazetteer import Gazetteer

__all__ = ["name_places", "SAME_PLACE_KM"]

SAME_PLACE_KM = 25.0
"""Rows of one ACLED location further apart than this are different places."""


def name_places(rows: pd.DataFrame, gazetteer: Gazetteer | None) -> pd.DataFrame:
    """``_place``: the ACLED location; namesakes more than 25 km apart get ``(admin1)``;
    with a gazetteer, locations it knows (coordinates within 25 km) take its name."""
    rows = rows.copy()
    rows["acled_location"] = rows["location"].astype(str).str.strip()
    place = rows["acled_location"]
    first = rows.groupby(place)[["_lat", "_lon"]].transform("first")
    far = _km(first["_lat"], first["_lon"], rows["_lat"], rows["_lon"]) > SAME_PLACE_KM
    spread = far.groupby(place).transform("any")
    admin = rows["admin1"].astype(str).str.strip()
    place = place.where(~spread | (admin == ""), place + " (" + admin + ")")
    rows["_place"] = (
        _gazetteer_names(place, rows["_lat"], rows["_lon"], gazetteer) if gazetteer else place
    )
    return rows


def _gazetteer_names(
    place: pd.Series, lat: pd.Series, lon: pd.Series, gazetteer: Gazetteer
) -> pd.Series:
    firsts = pd.DataFrame({"place": place, "lat": lat, "lon": lon}).groupby("place").first()
    rename = {}
    points = zip(firsts.index, firsts["lat"].to_numpy(), firsts["lon"].to_numpy(), strict=True)
    for name, at_lat, at_lon in points:  # one iteration per distinct location, not per row
        known = gazetteer.resolve(str(name))
        coords = gazetteer.coords.get(known) if known else None
        if coords and distance_km(*coords, at_lat, at_lon) <= SAME_PLACE_KM:
            rename[name] = known
    return place.map(lambda p: rename.get(p, p))


def _km(lat1: pd.Series, lon1: pd.Series, lat2: pd.Series, lon2: pd.Series) -> pd.Series:
    """Geodesic km between paired points (NaN where a coordinate is missing)."""
    a = [np.asarray(v, dtype=float) for v in (lat1, lon1, lat2, lon2)]
    ok = np.isfinite(a[0]) & np.isfinite(a[1]) & np.isfinite(a[2]) & np.isfinite(a[3])
    safe = [np.where(ok, v, 0.0) for v in a]
    _, _, metres = WGS84.inv(safe[1], safe[0], safe[3], safe[2])
    return pd.Series(np.where(ok, np.asarray(metres) / 1000.0, np.nan), index=lat2.index)
