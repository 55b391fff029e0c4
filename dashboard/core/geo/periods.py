"""Control periods: each holding of each place as one row with ``valid_from``/``valid_to``.

The shape QGIS's Temporal Controller and kepler.gl animate: a point per place and holding,
shown from ``valid_from`` (the earliest assessed report of the holding, or a claim's first
day) until ``valid_to`` (the day the next holding of that place begins, exclusive; empty
while it is still in force). Holdings come from :class:`dashboard.core.control.ControlIndex`
(its ``runs``), so the periods say exactly what the map says on every day.

Examples
--------
>>> from dashboard.core.model import Model
>>> periods = control_periods(Model.load())
>>> asabaa = periods[periods["place"] == "al-Asabaa"]
>>> print(asabaa[["controller", "previous", "valid_from", "valid_to"]].to_string(index=False))
controller previous valid_from   valid_to
       LNA  unknown 2019-04-04 2020-05-21
       GNA      LNA 2020-05-21 2020-06-01
       LNA      GNA 2020-06-01 2020-06-05
       GNA      LNA 2020-06-05        NaT
>>> asabaa["event_ids"].iloc[-2]
'LY-E39a; LY-E39b; LY-E39d; LY-E39e; LY-E39h'
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from dashboard.core.model import Model

__all__ = ["control_periods", "PERIOD_COLUMNS"]

PERIOD_COLUMNS = [
    "place",
    "controller",
    "previous",
    "valid_from",
    "valid_to",
    "confidence",
    "date_precision",
    "sources",
    "source_urls",
    "event_ids",
    "geometry",
]
"""Columns of :func:`control_periods` (``sources``: '; '-joined "publisher: title";
``source_urls`` and ``event_ids`` '; '-joined, in the same order)."""


def control_periods(model: Model) -> gpd.GeoDataFrame:
    """Every holding of every place, oldest first per place, as points (EPSG:4326)."""
    runs = model.index.runs.sort_values(["place", "start"], kind="stable").reset_index(drop=True)
    valid_to = runs.groupby("place")["start"].shift(-1)
    events = model.data.events.set_index("event_id")
    ids = [list(found) for found in runs["event_ids"]]
    places = model.index.places.set_index("place")

    def joined(column: str) -> list[str]:
        return [
            "; ".join(str(events.at[i, column]) for i in row if i in events.index) for row in ids
        ]

    sources = [
        "; ".join(
            f"{events.at[i, 'source_publisher']}: {events.at[i, 'source_title']}"
            for i in row
            if i in events.index
        )
        for row in ids
    ]
    frame = pd.DataFrame(
        {
            "place": runs["place"].astype(str),
            "controller": runs["controller"].astype(str),
            "previous": runs["previous"].astype(str),
            "valid_from": pd.to_datetime(runs["start"]).astype("datetime64[ms]"),
            "valid_to": pd.to_datetime(valid_to).astype("datetime64[ms]"),
            "confidence": runs["confidence"].astype(str),
            "date_precision": runs["date_precision"].astype(str),
            "sources": sources,
            "source_urls": joined("source_url"),
            "event_ids": ["; ".join(row) for row in ids],
        }
    )
    lon = places["lon"].reindex(frame["place"]).to_numpy(float)
    lat = places["lat"].reindex(frame["place"]).to_numpy(float)
    geometry = gpd.points_from_xy(lon, lat, crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")[PERIOD_COLUMNS]
