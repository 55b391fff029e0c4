"""The notebook API: cheap to import, GeoDataFrames with the documented columns, and the
same answers as the core the dashboard uses."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import dashboard
from dashboard.core.errors import DataError
from dashboard.core.model import UnknownPlace
from tests.support.paths import ROOT


@pytest.fixture(scope="module")
def libya() -> dashboard.core.api.Frontline:
    return dashboard.open()


def test_importing_dashboard_loads_no_ui_and_no_data_library():
    code = (
        "import sys, dashboard; "
        "print(sorted(m for m in ('streamlit', 'folium', 'pandas', 'geopandas') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_state_is_a_geodataframe_of_points_matching_the_model(libya):
    state = libya.state("2020-06-01")
    assert list(state.columns) == [
        "place",
        "controller",
        "since",
        "confidence",
        "claims",
        "date_precision",
        "last_change",
        "geometry",
    ]
    assert state.crs.to_epsg() == 4326 and set(state.geom_type) == {"Point"}
    model = libya.model.state("2020-06-01")
    assert state["controller"].tolist() == model["controller"].tolist()
    assert state.geometry.x.tolist() == model["lon"].tolist()


def test_periods_cover_every_holding_and_chain_per_place(libya):
    periods = libya.periods()
    assert len(periods) == len(libya.model.index.runs)
    for _, rows in periods.groupby("place"):
        starts, ends = rows["valid_from"].tolist(), rows["valid_to"].tolist()
        assert ends[:-1] == starts[1:] and pd.isna(ends[-1])
    assert periods["sources"].str.len().gt(0).all()


def test_the_state_on_a_day_is_the_period_in_force_that_day(libya):
    periods = libya.periods()
    day = "2020-05-25"
    stamp = pd.Timestamp(day)
    live = periods[
        (periods["valid_from"] <= stamp)
        & (periods["valid_to"].isna() | (periods["valid_to"] > stamp))
    ]
    state = libya.state(day).set_index("place")
    for row in live.itertuples():
        assert state.at[row.place, "controller"] == row.controller


def test_distance_resolves_names_and_refuses_unknown_ones(libya):
    assert libya.distance("tripoli", "Gharyan") == pytest.approx(
        libya.distance("Gharyan", "Tripoli")
    )
    with pytest.raises(UnknownPlace, match="Tripoli"):
        libya.distance("Tripoly", "Gharyan")


def test_zones_and_front_are_wgs84_geodataframes(libya):
    zones, front = libya.zones("2019-06-01"), libya.front("2019-06-01")
    assert zones.crs.to_epsg() == 4326 and front.crs.to_epsg() == 4326
    assert {"faction", "area_km2"} <= set(zones.columns)
    assert (front["length_km"] > 0).all()


def test_a_bad_folder_is_a_data_error(tmp_path):
    with pytest.raises(DataError):
        dashboard.open(tmp_path)
