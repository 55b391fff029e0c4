"""What changed hands between two days: places and area (equal-area km²).

A place's first record (``unknown`` → X) is never a change of hands: nobody lost it.
Both functions take two ``ControlIndex.state`` frames of the same place set.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from shapely.geometry.base import BaseGeometry

from dashboard.core.geo.territory import cell_winners, tessellate
from dashboard.core.schema import UNKNOWN

__all__ = ["area_changes", "changed_hands", "first_records"]


def changed_hands(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Places held by one known faction before and another after: place, from, to."""
    a = before.set_index("place")["controller"]
    b = after.set_index("place")["controller"].reindex(a.index)
    moved = (a != b) & (a != UNKNOWN) & (b != UNKNOWN) & b.notna()
    out = pd.DataFrame({"place": a.index[moved], "from": a[moved].values, "to": b[moved].values})
    return out.reset_index(drop=True)


def first_records(before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """Places with no record before and a holder after (not counted as won)."""
    a = before.set_index("place")["controller"]
    b = after.set_index("place")["controller"].reindex(a.index)
    return list(a.index[(a == UNKNOWN) & b.notna() & (b != UNKNOWN)])


def area_changes(before: pd.DataFrame, after: pd.DataFrame, outline: BaseGeometry) -> pd.DataFrame:
    """Per faction: won_km2, lost_km2 and net_km2 of cells that changed hands between the
    two states (Voronoi cells of the places, equal-area km²); cells with no holder before
    are first records and count for nobody."""
    before = before.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    after = after.set_index("place").reindex(before["place"]).reset_index()
    columns = ["faction", "won_km2", "lost_km2", "net_km2"]
    if before.empty:
        return pd.DataFrame(columns=columns)
    tess = tessellate(before, outline)
    old = before["controller"].to_numpy()[cell_winners(tess, before)]
    new = after["controller"].fillna(UNKNOWN).to_numpy()[cell_winners(tess, after)]
    moved = (old != new) & (old != UNKNOWN) & (new != UNKNOWN)
    area = pd.Series(tess.area_km2)
    won = area[moved].groupby(new[moved]).sum()
    lost = area[moved].groupby(old[moved]).sum()
    factions = sorted(set(np.concatenate([old, new])) - {UNKNOWN})
    out = pd.DataFrame({"faction": factions})
    out["won_km2"] = won.reindex(factions).fillna(0.0).to_numpy()
    out["lost_km2"] = lost.reindex(factions).fillna(0.0).to_numpy()
    out["net_km2"] = out["won_km2"] - out["lost_km2"]
    return out[columns]
