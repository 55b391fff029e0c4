"""Plain GeoJSON dicts (RFC 7946: [lon, lat]) for control states and distance lines."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

Feature = dict[str, Any]
FeatureCollection = dict[str, Any]


def feature_collection(features: list[Feature]) -> FeatureCollection:
    """Wrap features in a FeatureCollection."""
    return {"type": "FeatureCollection", "features": features}


def point(lat: float, lon: float, properties: dict[str, Any]) -> Feature:
    """A Point feature; coordinates in [lon, lat] order, 5 decimals (about 1 m)."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(float(lon), 5), round(float(lat), 5)]},
        "properties": properties,
    }


def line(a: tuple[float, float], b: tuple[float, float], properties: dict[str, Any]) -> Feature:
    """A two-point LineString from (lat, lon) ``a`` to ``b``."""
    coords = [
        [round(float(a[1]), 5), round(float(a[0]), 5)],
        [round(float(b[1]), 5), round(float(b[0]), 5)],
    ]
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": properties,
    }


def iso(value: Any) -> str | None:
    """ISO date string of a date-like value, None for NaT/None."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or pd.isna(value):
        return None
    return str(pd.Timestamp(value).date())


def state_features(
    state: pd.DataFrame, extra: dict[str, list[Any]] | None = None
) -> FeatureCollection:
    """One Point per place of a control state with place, controller, since, confidence.

    ``extra`` adds properties column-wise (same order as ``state``).
    """
    extra = extra or {}
    features = []
    for i, row in enumerate(state.itertuples(index=False)):
        props = {
            "place": row.place,
            "controller": row.controller,
            "since": iso(row.since),
            "confidence": row.confidence or None,
        }
        props.update({key: values[i] for key, values in extra.items()})
        features.append(point(row.lat, row.lon, props))
    return feature_collection(features)
