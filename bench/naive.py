"""The naive ways the benchmarks compare against (plain pandas, folium and shapely)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dashboard.core.schema import UNKNOWN_COLOR
from dashboard.ui.text import esc

if TYPE_CHECKING:  # folium and shapely are imported where used: a plain read loads pandas only
    import folium
    from shapely.geometry.base import BaseGeometry


def read_folder(folder: Path) -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    """Every event table of a data folder with plain pandas (a typical first version),
    plus the faction colours and labels of its factions.csv."""
    files = sorted(p for p in Path(folder, "events").glob("*.csv") if p.name != "factions.csv")
    events = pd.concat(
        [pd.read_csv(p, dtype=str, keep_default_na=False) for p in files], ignore_index=True
    )
    events["date"] = pd.to_datetime(events["date"])
    events["lat"] = events["lat"].astype(float)
    events["lon"] = events["lon"].astype(float)
    events["order"] = range(len(events))
    factions = pd.read_csv(Path(folder, "events", "factions.csv"), dtype=str, keep_default_na=False)
    return (
        events,
        dict(zip(factions["faction"], factions["color"], strict=True)),
        dict(zip(factions["faction"], factions["label"], strict=True)),
    )


def naive_state(events: pd.DataFrame, day: dt.date | str) -> pd.DataFrame:
    """Controller of each place on ``day``: filter date <= day, sort, group by place, last.

    No index: every call scans, sorts and groups the whole event table.
    """
    control = events[events["controller"] != ""]
    upto = control[control["date"] <= pd.Timestamp(day)]
    ordered = upto.sort_values(["date", "order"], kind="stable")
    return ordered.groupby("place").last().reset_index()


def circle_marker_group(
    events: pd.DataFrame, day: dt.date | str, colors: dict[str, str], labels: dict[str, str]
) -> folium.FeatureGroup:
    """One ``folium.CircleMarker`` per place, each with its own tooltip and popup.

    The same information as the app's place layer (place, holder, date of the last
    control report), one folium object per marker instead of one GeoJSON layer.
    """
    import folium

    state = naive_state(events, day)
    group = folium.FeatureGroup(name="Places")
    for row in state.itertuples(index=False):
        holder, when = esc(labels.get(row.controller, row.controller)), str(row.date)[:10]
        folium.CircleMarker(
            location=[row.lat, row.lon],
            radius=8,
            color="#222222",
            weight=1,
            fill=True,
            fill_color=colors.get(row.controller, UNKNOWN_COLOR),
            fill_opacity=0.95,
            tooltip=f"{esc(row.place)}: {holder} (reported {when})",
            popup=folium.Popup(
                f"<b>{esc(row.place)}</b><br>Held by {holder}<br>Reported {when}", max_width=300
            ),
        ).add_to(group)
    return group


def voronoi_zones(
    lat: np.ndarray, lon: np.ndarray, controller: np.ndarray, outline: BaseGeometry
) -> dict[str, Any]:
    """Faction zones without caching: Voronoi cells in degrees, clipped, unary_union per faction."""
    import shapely

    points = shapely.multipoints(np.column_stack([lon, lat]))
    frame = shapely.envelope(shapely.union(outline.envelope, points.envelope)).buffer(5.0)
    cells = shapely.get_parts(shapely.voronoi_polygons(points, extend_to=frame, ordered=True))
    clipped = shapely.intersection(cells, outline)
    return {
        f: shapely.union_all(clipped[controller == f])
        for f in np.unique(controller)
        if f != "unknown"
    }
