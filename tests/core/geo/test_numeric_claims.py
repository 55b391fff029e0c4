"""Sources' distance figures against computed geodesic distances, with a tolerance."""

import pandas as pd
import pytest

from dashboard.core.geo.numeric_claims import check_distances

PLACES = pd.DataFrame(
    {"place": ["A", "B", "C"], "lat": [0.0, 0.0, 0.0], "lon": [0.0, 1.0, 5.0]}
)  # A-B is 111.3 km on the equator


def claims(*rows):
    return pd.DataFrame(rows, columns=["claim_id", "place", "from_place", "claimed_km"])


def test_a_figure_within_tolerance_is_not_flagged():
    out = check_distances(claims(("x", "B", "A", "120")), PLACES)
    assert out.at[0, "computed_km"] == pytest.approx(111.3, abs=0.1)
    assert out.at[0, "difference_km"] == pytest.approx(8.7, abs=0.1)
    assert not out.at[0, "flagged"]


def test_a_figure_off_by_more_than_the_tolerance_is_flagged():
    out = check_distances(claims(("x", "B", "A", "50")), PLACES)
    assert out.at[0, "tolerance_km"] == pytest.approx(22.3, abs=0.1)  # 20 % of 111.3
    assert out.at[0, "flagged"]


def test_the_absolute_tolerance_applies_to_short_distances():
    near = pd.DataFrame({"place": ["A", "D"], "lat": [0.0, 0.0], "lon": [0.0, 0.1]})
    out = check_distances(claims(("x", "D", "A", "20")), near, abs_tol_km=10.0)
    assert out.at[0, "tolerance_km"] == 10.0 and not out.at[0, "flagged"]
    out = check_distances(claims(("x", "D", "A", "25")), near, abs_tol_km=10.0)
    assert out.at[0, "flagged"]


def test_an_unknown_place_gives_nan_and_no_flag():
    out = check_distances(claims(("x", "Nowhere", "A", "50")), PLACES)
    assert pd.isna(out.at[0, "computed_km"]) and not out.at[0, "flagged"]
