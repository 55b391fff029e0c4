"""Property tests: cells and zones partition the outline, places lie in their zone,
fronts lie on zone borders, and every point of a zone is nearest to one of its places."""

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from dashboard.core.geo.distance import distances_from_km, is_hostile
from dashboard.core.geo.territory import control_cells, control_zones, front_lines

SQUARE = shapely.box(10.0, 30.0, 12.0, 32.0)
# An L: the square without its north-east quarter, so cells get cut into pieces.
ELL = shapely.difference(SQUARE, shapely.box(11.0, 31.0, 12.0, 32.0))
CONTROLLERS = ["A", "B", "C", "neutral", "unknown"]
TOLERANCE = 1e-7  # degrees (about 1 cm)

# A coarse grid makes duplicate, collinear and co-circular places likely.
grid = st.tuples(st.integers(0, 8), st.integers(0, 8)).map(
    lambda ij: (30 + ij[0] / 4, 10 + ij[1] / 4)
)

pytestmark = pytest.mark.property
anywhere = st.tuples(st.floats(29.8, 32.2), st.floats(9.8, 12.2))
place = st.tuples(st.one_of(grid, anywhere), st.sampled_from(CONTROLLERS))
layouts = st.lists(place, min_size=1, max_size=14)
outlines = st.sampled_from([SQUARE, ELL])


def make_state(layout):
    """A control state with places P00, P01, … at the generated points."""
    return pd.DataFrame(
        {
            "place": [f"P{i:02d}" for i in range(len(layout))],
            "lat": [lat for (lat, _), _ in layout],
            "lon": [lon for (_, lon), _ in layout],
            "controller": [c for _, c in layout],
            "confidence": "confirmed",
            "last_change": pd.NaT,
        }
    )


def assert_partition(geoms, outline):
    """No two geometries overlap and together they cover ``outline``."""
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            assert shapely.intersection(geoms[i], geoms[j]).area < 1e-9 * outline.area
    union = shapely.union_all(geoms)
    # 1e-5: the round trip through the dataset's projection and back (issue 14)
    assert shapely.symmetric_difference(union, outline).area < 1e-5 * outline.area


@given(layouts, outlines)
def test_cells_partition_the_outline(layout, outline):
    cells = control_cells(make_state(layout), outline)
    assert_partition(list(cells.geometry), outline)
    assert cells["area_km2"].sum() > 0


@given(layouts, outlines)
def test_zones_and_unknown_cells_partition_the_outline(layout, outline):
    state = make_state(layout)
    zones = control_zones(state, outline)
    cells = control_cells(state, outline)
    unknown = list(cells.loc[cells["controller"] == "unknown"].geometry)
    assert "unknown" not in set(zones["faction"])
    assert zones["faction"].is_unique
    assert_partition(list(zones.geometry) + unknown, outline)
    unknown_km2 = cells.loc[cells["controller"] == "unknown", "area_km2"].sum()
    assert zones["area_km2"].sum() + unknown_km2 == pytest.approx(cells["area_km2"].sum(), rel=1e-6)


@given(layouts, outlines)
def test_every_place_lies_in_its_controllers_zone(layout, outline):
    state = make_state(layout)
    zones = control_zones(state, outline).set_index("faction").geometry
    shared = state.duplicated(["lat", "lon"], keep=False)
    for row in state[~shared].itertuples():
        point = shapely.Point(row.lon, row.lat)
        if row.controller != "unknown" and outline.contains(point):
            assert zones[row.controller].distance(point) < TOLERANCE


@given(layouts, outlines)
def test_front_lines_lie_on_both_zone_borders_and_only_between_enemies(layout, outline):
    zones = control_zones(make_state(layout), outline).set_index("faction").geometry
    front = front_lines(zones.reset_index())
    assert front["factions"].is_unique
    for row in front.itertuples():
        a, b = row.factions.split("|")
        assert a < b and is_hostile(a, b)
        for faction in (a, b):
            border = zones[faction].boundary.buffer(TOLERANCE)
            assert shapely.difference(row.geometry, border).length < 1e-9
        assert row.length_km > 0


@given(layouts, st.integers(0, 2**32 - 1))
def test_a_point_belongs_to_the_zone_of_its_nearest_place(layout, seed):
    state = make_state(layout)
    state = state.drop_duplicates(["lat", "lon"], keep=False)
    if state.empty:
        return
    zones = control_zones(state, SQUARE).set_index("faction").geometry
    rng = np.random.default_rng(seed)
    for lat, lon in zip(rng.uniform(30, 32, 20), rng.uniform(10, 12, 20), strict=True):
        km = distances_from_km(lat, lon, state["lat"].to_numpy(), state["lon"].to_numpy())
        order = np.argsort(km)
        if len(km) > 1 and km[order[1]] - km[order[0]] < 0.01 * km[order[0]] + 0.5:
            continue  # too near a cell border for the map-plane vs geodesic difference
        owner = state["controller"].iloc[order[0]]
        point = shapely.Point(lon, lat)
        for faction, zone in zones.items():
            assert (zone.distance(point) < TOLERANCE) == (faction == owner)
