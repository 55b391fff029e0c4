"""dataset.toml: what a data folder says about its conflict, and the defaults without it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.core.dataset import parse_info, read_info
from dashboard.core.errors import DataError
from dashboard.core.io.load import load_dataset
from tests.support.paths import BUNDLED, TINY


def tiny_with(tmp_path: Path, toml: str) -> Path:
    """A copy of the tiny folder with ``toml`` as its dataset.toml."""
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "dataset.toml").write_text(toml, encoding="utf-8")
    return folder


def test_bundled_dataset_describes_itself():
    info = load_dataset(BUNDLED).info
    assert info.focus_country == "LBY" and info.reference_place == "Tripoli"
    assert info.period == (dt.date(2019, 4, 4), dt.date(2020, 10, 23))
    assert info.rear_bases == {"LNA": ("Jufra", "Sirte"), "GNA": ("Tripoli", "Misrata")}
    west, south, east, north = info.open_view or (0, 0, 0, 0)  # the Tripoli front
    for lat, lon in ((32.887, 13.187), (32.172, 13.020), (32.435, 13.633), (32.033, 12.867)):
        assert west < lon < east and south < lat < north
    assert parse_info("open_view = [12.5, 31.75, 14, 32.95]").open_view == (12.5, 31.75, 14, 32.95)
    assert parse_info("").open_view is None
    assert info.outline is None  # no file named: areas are clipped to the detailed country
    assert info.acled_factions is not None and info.acled_factions.is_file()


def test_bundled_areas_are_clipped_to_libyas_detailed_outline():
    import shapely

    from dashboard.core.geo.basemap import country_outline
    from dashboard.core.geo.outline import outline_for

    outline = outline_for(load_dataset(BUNDLED))
    assert outline.equals(shapely.make_valid(country_outline(BUNDLED, "LBY")))
    assert shapely.get_num_coordinates(outline) >= 2_000  # OSM-derived coast, not the 548 of old


def test_a_folder_without_dataset_toml_gets_derived_defaults():
    info = load_dataset(TINY).info
    assert info.source is None and info.title == "tiny"
    assert info.period == (dt.date(2020, 1, 1), dt.date(2020, 2, 20))  # the data's span
    assert info.reference_place == "Betatown"  # the place with the most events
    assert info.rear_bases == {} and info.outline is None and info.focus_country is None


def test_names_resolve_to_canonical_places(tmp_path):
    folder = tiny_with(
        tmp_path, 'reference_place = "alphaville"\n[rear_bases]\nNorth = ["BETATOWN"]\n'
    )
    info = load_dataset(folder).info
    assert info.reference_place == "Alphaville" and info.rear_bases == {"North": ("Betatown",)}


@pytest.mark.parametrize(
    ("toml", "line", "message"),
    [
        ('title = "x"\nperiod = [2020-01-01\n', 2, "bad TOML"),
        (
            'title = "x"\nperiod = ["2020-02-01", "2020-01-01"]\n',
            2,
            "period ends (2020-01-01) before",
        ),
        ('\nopen_on = "June"\n', 2, "open_on: bad date 'June'"),
        ('outline = "geo/none.geojson"\n', 1, "outline: file 'geo/none.geojson' not found"),
        ("[basemap]\nbbox = [30, 18, 5, 38]\n", 2, "is not a lon/lat box"),
        ('title = "x"\nopen_view = [13, 32, 14]\n', 2, "open_view must be [lon_min, lat_min"),
        ("open_view = [13, 33, 14, 32]\n", 1, "open_view [13, 33, 14, 32] is not a lon/lat"),
        ('[rear_bases]\nNorth = "Alphaville"\n', 2, "rear_bases.North must be a list"),
    ],
)
def test_a_bad_dataset_toml_names_file_line_and_problem(tmp_path, toml, line, message):
    folder = tiny_with(tmp_path, toml)
    with pytest.raises(DataError) as err:
        read_info(folder)
    problem = err.value.problems[0]
    assert (Path(problem.path).name, problem.line) == ("dataset.toml", line)
    assert message in problem.message


def test_unknown_places_and_keys(tmp_path, capsys):
    folder = tiny_with(tmp_path, 'reference_place = "Gamaburg"\ncolour = "red"\n')
    assert main(["validate", "--data", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "dataset.toml: reference_place: unknown place 'Gamaburg' (closest: Gammaburg" in err
    folder = tiny_with(tmp_path / "b", 'colour = "red"\n')
    assert main(["validate", "--data", str(folder)]) == 0
    assert "dataset.toml:1: unknown key 'colour' ignored" in capsys.readouterr().err


def test_files_named_by_dataset_toml_are_not_event_tables(tmp_path):
    folder = tiny_with(tmp_path, '[acled]\nfactions = "events/acled-factions.csv"\n')
    (folder / "events" / "acled-factions.csv").write_text("faction,pattern\nNorth,north\n")
    data = load_dataset(folder)
    assert data.info.acled_factions == folder / "events" / "acled-factions.csv"
    assert set(data.events["file"].map(lambda f: Path(f).name)) == {"events.csv"}


def test_parse_info_keeps_the_documented_key_names():
    info = parse_info(
        'title = "T"\nfocus_country = "FRA"\nperiod = ["2020-01-01", "2020-02-01"]\n'
        'open_on = "2020-01-15"\nreference_place = "A"\n[rear_bases]\nN = ["A"]\n'
        '[acled]\nfactions = "f.csv"\n[basemap]\nbbox = [5.0, 18.0, 30.0, 38.0]\n'
    )
    assert (info.title, info.focus_country, info.open_on) == ("T", "FRA", dt.date(2020, 1, 15))
    assert info.basemap_bbox == (5.0, 18.0, 30.0, 38.0) and info.acled_factions == Path("f.csv")
