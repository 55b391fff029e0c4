"""Control zones, cells, front lines and areas: small layouts with known answers."""

import json

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import shape

from dashboard.cli import main
from dashboard.core.control import ControlIndex
from dashboard.core.geo.geojson import to_feature_collection
from dashboard.core.geo.outline import hull_outline, outline_for
from dashboard.core.geo.territory import (
    areas_over_time,
    control_cells,
    control_zones,
    front_lines,
    tessellate,
)
from dashboard.core.io.load import load_dataset
from dashboard.core.model import Model

GEOD = Geod(ellps="WGS84")
# One degree of longitude on the equator × one degree of latitude next to it (WGS84).
EQUATOR_CELL_KM2 = 111.319 * 110.574


@pytest.fixture
def square():
    """A 1°×1° square on the equator, lon 0–1, lat 0–1 (≈ 12,309 km²)."""
    return shapely.box(0.0, 0.0, 1.0, 1.0)


def make_state(rows):
    """A control state from (place, lat, lon, controller[, confidence[, last_change]])."""
    full = [(*r, "confirmed", None)[:6] if len(r) < 6 else r for r in rows]
    frame = pd.DataFrame(
        full, columns=["place", "lat", "lon", "controller", "confidence", "last_change"]
    )
    frame["last_change"] = pd.to_datetime(frame["last_change"])
    return frame


def zone_of(zones, faction):
    return zones.set_index("faction").geometry[faction]


def test_two_places_split_the_square_into_halves(square):
    state = make_state([("W", 0.5, 0.25, "A"), ("E", 0.5, 0.75, "B")])
    zones = control_zones(state, square)
    assert list(zones["faction"]) == ["A", "B"]
    assert zones["area_km2"].to_list() == pytest.approx([EQUATOR_CELL_KM2 / 2] * 2, rel=1e-3)
    assert zone_of(zones, "A").bounds == pytest.approx((0.0, 0.0, 0.5, 1.0), abs=1e-6)
    assert zones.crs.to_epsg() == 4326


def test_front_between_two_halves_is_the_meridian_half_way(square):
    zones = control_zones(make_state([("W", 0.5, 0.25, "A"), ("E", 0.5, 0.75, "B")]), square)
    front = front_lines(zones)
    assert list(front["factions"]) == ["A|B"]
    assert front["length_km"].iloc[0] == pytest.approx(110.574, rel=1e-3)  # not the coast
    assert front.geometry.iloc[0].bounds == pytest.approx((0.5, 0.0, 0.5, 1.0), abs=1e-6)


def test_three_places_in_a_row_make_strips_and_fronts_only_between_neighbours(square):
    rows = [("W", 0.5, 1 / 6, "A"), ("M", 0.5, 0.5, "B"), ("E", 0.5, 5 / 6, "C")]
    zones = control_zones(make_state(rows), square)
    assert zones["area_km2"].to_list() == pytest.approx([EQUATOR_CELL_KM2 / 3] * 3, rel=2e-3)
    assert list(front_lines(zones)["factions"]) == ["A|B", "B|C"]


def test_one_place_holds_the_whole_outline(square):
    zones = control_zones(make_state([("Solo", 0.3, 0.3, "A")]), square)
    assert zones["area_km2"].to_list() == pytest.approx([EQUATOR_CELL_KM2], rel=1e-3)
    assert zone_of(zones, "A").symmetric_difference(square).area < 1e-6 * square.area
    assert front_lines(zones).empty


def test_no_places_give_empty_layers_with_their_columns(square):
    empty = make_state([])
    assert list(control_zones(empty, square).columns) == ["faction", "area_km2", "geometry"]
    assert control_zones(empty, square).empty and control_cells(empty, square).empty
    assert to_feature_collection(control_zones(empty, square)) == {
        "type": "FeatureCollection",
        "features": [],
    }


def test_unknown_cell_is_kept_in_cells_but_left_out_of_zones(square):
    state = make_state([("W", 0.5, 0.25, "A"), ("E", 0.5, 0.75, "unknown")])
    cells = control_cells(state, square)
    zones = control_zones(state, square)
    assert list(cells["controller"]) == ["A", "unknown"]
    assert list(zones["faction"]) == ["A"]
    assert zones["area_km2"].iloc[0] == pytest.approx(EQUATOR_CELL_KM2 / 2, rel=1e-3)


def test_no_front_with_neutral_or_unknown_ground(square):
    rows = [("W", 0.5, 1 / 6, "A"), ("M", 0.5, 0.5, "neutral"), ("E", 0.5, 5 / 6, "B")]
    assert front_lines(control_zones(make_state(rows), square)).empty
    rows[1] = ("M", 0.5, 0.5, "A")
    assert list(front_lines(control_zones(make_state(rows), square))["factions"]) == ["A|B"]


@pytest.mark.parametrize(
    ("first", "second", "winner"),
    [
        (("X", "A", "confirmed", None), ("Y", "B", "claimed", None), "X"),
        (("X", "A", "claimed", None), ("Y", "B", "disputed", None), "Y"),
        (("X", "A", "confirmed", "2020-01-01"), ("Y", "B", "confirmed", "2020-02-01"), "Y"),
        (("X", "A", "confirmed", "2020-01-01"), ("Y", "B", "confirmed", None), "X"),
        (("X", "A", "disputed", None), ("Y", "B", "disputed", None), "X"),
        (("Y", "A", "disputed", None), ("A0", "B", "disputed", None), "A0"),
        (("X", "unknown", "", None), ("Y", "B", "claimed", None), "Y"),
    ],
)
def test_places_at_one_point_share_a_cell_by_the_documented_rule(square, first, second, winner):
    """Known controller, then confidence, then latest change, then name."""
    at = (0.5, 0.25)
    rows = [(p, *at, c, conf, last) for p, c, conf, last in (first, second)]
    state = make_state([*rows, ("E", 0.5, 0.75, "C")])
    cells = control_cells(state, square)
    assert len(cells) == 2
    row = cells[cells["places"] == "|".join(sorted([first[0], second[0]]))].iloc[0]
    assert row["place"] == winner
    assert row["controller"] == state.set_index("place").at[winner, "controller"]


def test_a_place_outside_the_outline_shapes_cells_but_has_none(square):
    rows = [("In", 0.5, 0.25, "A"), ("Out", 0.5, 2.0, "B")]  # bisector at lon 1.125
    cells = control_cells(make_state(rows), square)
    assert list(cells["place"]) == ["In"]
    rows[1] = ("Out", 0.5, 1.25, "B")  # bisector at lon 0.75
    zones = control_zones(make_state(rows), square)
    assert zones["area_km2"].to_list() == pytest.approx(
        [EQUATOR_CELL_KM2 * 0.75, EQUATOR_CELL_KM2 * 0.25], rel=2e-3
    )


def test_area_is_equal_area_not_degrees_at_high_latitude():
    box = shapely.box(0.0, 60.0, 1.0, 61.0)
    zones = control_zones(make_state([("P", 60.5, 0.5, "A")]), box)
    geodesic = abs(GEOD.geometry_area_perimeter(shapely.segmentize(box, 0.01))[0]) / 1e6
    assert zones["area_km2"].iloc[0] == pytest.approx(geodesic, rel=1e-3)
    assert geodesic < EQUATOR_CELL_KM2 * 0.55  # cos 60° ≈ 0.5


def test_tessellation_is_cached_per_place_set(square):
    state = make_state([("W", 0.5, 0.25, "A"), ("E", 0.5, 0.75, "B")])
    assert tessellate(state, square) is tessellate(state.assign(controller="B"), square)
    assert tessellate(state, square) is not tessellate(state.assign(lat=0.4), square)


def test_areas_over_time_match_zones_on_each_change_day(tiny_dir):
    data = load_dataset(tiny_dir)
    index = ControlIndex.build(data.events, data.places)
    outline = hull_outline(data.places)
    areas = areas_over_time(index, outline)
    assert sorted(areas["day"].unique()) == list(pd.to_datetime(index.change_days()))
    for day, group in areas.groupby("day"):
        zones = control_zones(index.state(day), outline).set_index("faction")["area_km2"]
        got = group.set_index("faction")["area_km2"]
        assert got[got > 0].to_dict() == pytest.approx(zones.to_dict(), rel=1e-9)


def test_tiny_data_is_clipped_to_the_country_its_places_are_in(tiny_dir):
    data = load_dataset(tiny_dir)  # synthetic places in Chad: Chad's outline, not a hull
    outline = outline_for(data)
    lon, lat = data.places["lon"].to_numpy(), data.places["lat"].to_numpy()
    assert shapely.contains_xy(outline, lon, lat).all()
    assert 1.2e6 < abs(GEOD.geometry_area_perimeter(outline)[0]) / 1e6 < 1.35e6  # Chad
    assert not outline.equals(hull_outline(data.places))


def test_bundled_data_uses_the_libya_outline(bundled_dir):
    data = load_dataset(bundled_dir)
    outline = outline_for(data)
    assert outline.contains(shapely.Point(13.18733, 32.88743))  # Tripoli
    assert 1.5e6 < abs(GEOD.geometry_area_perimeter(outline)[0]) / 1e6 < 1.8e6


@pytest.mark.parametrize(
    ("day", "place", "faction"),
    [
        ("2019-05-01", "Gharyan", "LNA"),
        ("2020-06-06", "Tarhuna", "GNA"),
        ("2019-05-01", "Tripoli", "GNA"),
        ("2020-06-06", "Tripoli", "GNA"),
    ],
)
def test_bundled_places_lie_in_their_controllers_zone(bundled_dir, day, place, faction):
    model = Model.load(bundled_dir)
    zones = control_zones(model.state(day), outline_for(model.data))
    lat, lon = model.data.gazetteer.coordinates(place)
    assert zone_of(zones, faction).contains(shapely.Point(lon, lat))


def test_feature_collection_is_rfc7946(square):
    zones = control_zones(make_state([("W", 0.5, 0.25, "A"), ("E", 0.5, 0.75, "B")]), square)
    collection = to_feature_collection(zones)
    json.dumps(collection)  # plain JSON types only
    ring = np.asarray(collection["features"][0]["geometry"]["coordinates"][0])
    assert shapely.LinearRing(ring).is_ccw  # exterior ring counter-clockwise
    assert np.allclose(ring * 1e5, np.round(ring * 1e5), atol=1e-6)
    assert collection["features"][0]["properties"] == {
        "faction": "A",
        "area_km2": pytest.approx(EQUATOR_CELL_KM2 / 2, rel=1e-3),
    }


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_zones_json_on_bundled_data(capsys, bundled_dir):
    code, out, _ = run(
        capsys, "zones", "--date", "2020-06-06", "--data", str(bundled_dir), "--json"
    )
    collection = json.loads(out)
    by_faction = {f["properties"]["faction"]: f for f in collection["features"]}
    assert code == 0 and collection["type"] == "FeatureCollection"
    assert set(by_faction) == {"GNA", "LNA"}
    assert shape(by_faction["GNA"]["geometry"]).contains(shapely.Point(13.63320, 32.43501))
    coords = shapely.get_coordinates(shape(by_faction["LNA"]["geometry"]))
    assert (coords[:, 0] > 9).all() and (coords[:, 1] < 34).all()  # lon, lat order
    assert by_faction["LNA"]["properties"]["area_km2"] > by_faction["GNA"]["properties"]["area_km2"]


def test_cli_front_json_on_bundled_data(capsys, bundled_dir):
    code, out, _ = run(
        capsys, "front", "--date", "2020-06-06", "--data", str(bundled_dir), "--json"
    )
    features = json.loads(out)["features"]
    assert code == 0 and [f["properties"]["factions"] for f in features] == ["GNA|LNA"]
    assert features[0]["geometry"]["type"] in ("LineString", "MultiLineString")
    assert features[0]["properties"]["length_km"] > 100


def test_cli_zones_text(capsys, tiny_dir):
    code, out, _ = run(capsys, "zones", "--date", "2020-03-01", "--data", str(tiny_dir))
    assert code == 0
    assert out.splitlines()[0].split() == ["faction", "area_km2"]
    assert [line.split()[0] for line in out.splitlines()[1:3]] == ["North", "South"]


def test_cli_zones_bad_date_exits_2(capsys, tiny_dir):
    with pytest.raises(SystemExit) as exit_info:
        main(["zones", "--date", "2020-02-30", "--data", str(tiny_dir)])
    assert exit_info.value.code == 2 and "bad date" in capsys.readouterr().err
