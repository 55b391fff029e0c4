"""Territory on places that one projection cannot simply hold: antimeridian, poles, the globe."""

import json

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from dashboard.cli import main
from dashboard.core.errors import TerritoryUnavailable
from dashboard.core.geo.extent import centre_of, split_antimeridian
from dashboard.core.geo.geojson import to_feature_collection
from dashboard.core.geo.outline import outline_for
from dashboard.core.geo.territory import control_cells, control_zones, front_lines
from dashboard.core.model import Model
from tests.support.builders import write_points

FIJI = [(-17.0, 179.5), (-17.5, -179.6), (-16.8, 179.9), (-18.0, -179.2)]
WORLD = [(10, 0), (10, 90), (10, 180), (10, -90), (-40, 45), (50, -120)]
POLAR = [(89.0, 0.0), (89.0, 90.0), (89.0, 180.0), (89.0, -90.0)]


def zones_of(folder, day="2020-01-05"):
    model = Model.load(folder)
    return model, control_zones(model.state(day), outline_for(model.data))


def test_centre_of_places_across_the_antimeridian_is_near_180():
    lat, lon = centre_of(np.array([p[0] for p in FIJI]), np.array([p[1] for p in FIJI]))
    assert -18 < lat < -16.5
    assert abs(abs(lon) - 180) < 0.5


def test_antimeridian_areas_are_those_of_the_buffered_hull(tmp_path):
    model, zones = zones_of(write_points(tmp_path, FIJI))
    # four places within ~150 km, hull buffered by 50 km: a few tens of thousands of km²,
    # not millions (the old projection, centred near lon 0, wrapped the hull round the globe)
    total = zones["area_km2"].sum()
    assert 10_000 < total < 60_000
    assert shapely.is_valid(zones.geometry.to_numpy()).all()
    front = front_lines(zones)
    assert len(front) == 1 and 50 < front["length_km"].iloc[0] < 400


def test_antimeridian_geojson_is_cut_at_180(tmp_path):
    model = Model.load(write_points(tmp_path, FIJI))
    cells = control_cells(model.state("2020-01-05"), outline_for(model.data))
    fc = to_feature_collection(cells)
    xs = [x for f in fc["features"] for x, _ in shapely.get_coordinates(shape(f["geometry"]))]
    assert min(xs) >= -180 and max(xs) <= 180
    assert min(xs) < -179 and max(xs) > 179  # both sides are drawn
    area = sum(shape(f["geometry"]).area for f in fc["features"])
    assert area < 10  # square degrees: the cut pieces, not a band round the globe


def test_split_antimeridian_keeps_a_plain_polygon_and_cuts_a_wrapped_one():
    plain = shapely.box(10, 0, 11, 1)
    wrapped = shapely.box(179, 0, 181, 1)
    out = split_antimeridian(np.array([plain, wrapped], dtype=object))
    assert out[0].equals(plain)
    assert out[1].geom_type == "MultiPolygon"
    assert sorted(p.bounds for p in out[1].geoms) == [(-180, 0, -179, 1), (179, 0, 180, 1)]


@pytest.mark.parametrize(
    "points, reason", [(WORLD, "within 2,500 km of one centre"), (POLAR, "north pole")]
)
def test_worldwide_and_polar_places_are_refused_with_a_reason(tmp_path, points, reason):
    with pytest.raises(TerritoryUnavailable, match=reason):
        zones_of(write_points(tmp_path, points))


@pytest.mark.parametrize("points", [WORLD, POLAR])
@pytest.mark.parametrize("command", ["zones", "front"])
def test_cli_refuses_in_one_line(tmp_path, capsys, points, command):
    folder = write_points(tmp_path, points)
    assert main([command, "--data", str(folder), "--date", "2020-01-05"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: areas and front lines")


def test_cli_zones_json_across_the_antimeridian(tmp_path, capsys):
    folder = write_points(tmp_path, FIJI)
    assert main(["zones", "--data", str(folder), "--date", "2020-01-05", "--json"]) == 0
    fc = json.loads(capsys.readouterr().out)
    assert {f["properties"]["faction"] for f in fc["features"]} == {"A", "B"}
    assert all(f["properties"]["area_km2"] < 60_000 for f in fc["features"])
