"""Sources' own distance figures checked against the gazetteer (geodesic km, WGS84).

A source often says where a place is ("about 50 km south of the capital"). This module
compares such figures with the geodesic distance between the two places' coordinates
and flags those further off than a tolerance: sources round, and some give road
distance, so the tolerance is the larger of an absolute and a relative margin.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core.errors import DataError
from dashboard.core.geo.distance import WGS84

__all__ = [
    "ABS_TOLERANCE_KM",
    "check_distances",
    "CLAIM_COLUMNS",
    "FILE",
    "read_claims",
    "REL_TOLERANCE",
]

FILE = "numeric-claims.csv"
ABS_TOLERANCE_KM = 10.0
REL_TOLERANCE = 0.2
CLAIM_COLUMNS = ("claim_id", "place", "from_place", "claimed_km", "claim", "source_title",
                 "source_publisher", "source_date", "source_url", "source_kind")  # fmt: skip


def read_claims(path: Path) -> pd.DataFrame:
    """The claims table at ``path`` as text columns (an empty table when there is none)."""
    if not path.exists():
        return pd.DataFrame(columns=list(CLAIM_COLUMNS))
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in CLAIM_COLUMNS if c not in table.columns]
    if missing:
        raise DataError.single(str(path), 1, f"missing column(s): {', '.join(missing)}")
    return table


def check_distances(
    claims: pd.DataFrame,
    places: pd.DataFrame,
    abs_tol_km: float = ABS_TOLERANCE_KM,
    rel_tol: float = REL_TOLERANCE,
) -> pd.DataFrame:
    """Each claim with computed_km (geodesic, NaN if a place is missing), difference_km
    (claimed - computed), tolerance_km and flagged (|difference| > tolerance)."""
    coords = places.drop_duplicates("place").set_index("place")[["lat", "lon"]].astype(float)
    a = coords.reindex(claims["place"]).to_numpy()
    b = coords.reindex(claims["from_place"]).to_numpy()
    computed = np.full(len(claims), np.nan)
    known = ~(np.isnan(a).any(axis=1) | np.isnan(b).any(axis=1))
    if known.any():
        _, _, metres = WGS84.inv(b[known, 1], b[known, 0], a[known, 1], a[known, 0])
        computed[known] = np.asarray(metres) / 1000.0
    out = claims.copy()
    out["claimed_km"] = pd.to_numeric(out["claimed_km"], errors="coerce")
    out["computed_km"] = computed.round(1)
    out["difference_km"] = (out["claimed_km"] - computed).round(1)
    out["tolerance_km"] = np.maximum(abs_tol_km, rel_tol * computed).round(1)
    out["flagged"] = (out["difference_km"].abs() > out["tolerance_km"]).to_numpy(dtype=bool)
    return out
