"""Offline geocoding (project gazetteer + GeoNames) and the generic spreadsheet import."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.core.errors import DataError, UsageError
from dashboard.core.ingest.geocode import AMBIGUOUS_KM, Geocoder
from dashboard.core.ingest.names import geonames_index, places_index
from dashboard.core.ingest.sheet import import_csv_file, parse_mapping
from dashboard.core.model import Model
from tests.support.paths import BUNDLED, ROOT

PLACES = BUNDLED / "geo" / "places.csv"
SHEET = ROOT / "tests" / "data" / "import" / "sheet.csv"
SHEET_MAP = (
    "date=Date,place=Town,controller=Side,source_title=Source,source_url=Link,"
    "lat=Lat,lon=Lon,notes=Note"
)


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    """The bundled places.csv, then the whole GeoNames cities500 extract."""
    return Geocoder.from_places_csv(PLACES)


@pytest.mark.parametrize(
    ("name", "place", "lat", "lon"),
    [
        ("Al Asabi'ah", "al-Asabaa", 32.03333, 12.86667),
        ("Al-Asabia", "al-Asabaa", 32.03333, 12.86667),
        ("الأصابعة", "al-Asabaa", 32.03333, 12.86667),
        ("AL-ASABAA", "al-Asabaa", 32.03333, 12.86667),
        ("Gharian", "Gharyan", 32.17222, 13.02028),
        ("tarhouna", "Tarhuna", 32.43501, 13.63320),
        ("ترهونة", "Tarhuna", 32.43501, 13.63320),
        ("Qasr Ben Gashir", "Qasr bin Ghashir", 32.68333, 13.18333),
    ],
)
def test_project_gazetteer_spellings(geocoder, name, place, lat, lon):
    match = geocoder.lookup(name)
    assert match.ok, match.reason
    best = match.best
    assert (best.name, best.source, best.score) == (place, "places", 1.0)
    assert (best.lat, best.lon) == pytest.approx((lat, lon), abs=1e-5)


@pytest.mark.parametrize(
    ("name", "country", "expected", "geonameid"),
    [
        # towns not in the bundled places.csv (Derna and Ghadames joined it in issue 20)
        ("El Marj", "LY", "Al Marj", "88903"),
        ("Kikla", "LY", "Kiklah", "2215758"),
        ("Bakhmut", "UA", "Bakhmut", "713174"),
    ],
)
def test_geonames_answers(geocoder, name, country, expected, geonameid):
    match = geocoder.lookup(name, country)
    assert match.ok and match.best.name == expected
    assert (match.best.source, match.best.geonameid) == ("geonames", geonameid)
    assert match.best.population and match.best.population > 1000


def test_misspelling_found_fuzzily_with_a_lower_score(geocoder):
    match = geocoder.lookup("Tarhunna")
    assert match.ok and match.best.name == "Tarhuna"
    assert 0.85 <= match.best.score < 1.0


def test_tripoli_without_country_is_refused_with_distances(geocoder):
    match = geocoder.lookup("Tripoli")
    assert match.status == "ambiguous" and match.best is None
    countries = {c.country for c in match.candidates}
    assert {"LY", "LB"} <= countries
    assert match.spread_km > 2000 > AMBIGUOUS_KM
    assert "Tripoli (LB)" in match.reason and "km away" in match.reason
    assert "give a country" in match.reason


@pytest.mark.parametrize(("country", "lat"), [("LY", 32.88743), ("LB", 34.43352)])
def test_tripoli_with_a_country_resolves(geocoder, country, lat):
    match = geocoder.lookup("Tripoli", country)
    assert match.ok and match.best.country == country
    assert match.best.lat == pytest.approx(lat, abs=1e-4)


@pytest.mark.parametrize("name", ["Xqzzvt", "Blorptown Heights", "   ", "!!!"])
def test_nonsense_is_unknown(geocoder, name):
    match = geocoder.lookup(name)
    assert match.status == "unknown" and match.candidates == () and match.best is None


def test_country_filter_excludes_other_countries(geocoder):
    assert geocoder.lookup("Gharyan", "LB").status == "unknown"


def test_namesakes_within_25_km_are_one_answer(geocoder):
    match = geocoder.lookup("Zawiya", "LY")  # places.csv and two GeoNames entries ~0.6 km apart
    assert match.ok and match.best.name == "Zawiya" and match.spread_km < AMBIGUOUS_KM


@pytest.mark.timing
def test_lookups_are_fast_once_indexed(geocoder):
    geocoder.lookup("warm up")
    names = ["Gharian", "Benghazi", "Tripoli", "Kyiv", "Sabratha", "Xqzzvt"] * 10
    start = time.perf_counter()
    for name in names:
        geocoder.lookup(name)
    per_lookup_ms = (time.perf_counter() - start) * 1000 / len(names)
    assert per_lookup_ms < 50  # measured ~1-5 ms (exact), ~40 ms when a fuzzy scan runs


def test_geonames_index_is_built_once():
    assert geonames_index() is geonames_index()
    assert len(geonames_index()) > 500_000  # distinct normalised spellings


def test_places_csv_without_country_column(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(
        "place,alt_names,lat,lon\nAlphaville,Alfa|Alpha Ville,10,20\n", encoding="utf-8"
    )
    local = Geocoder(places_index(path), use_geonames=False)
    assert local.lookup("alpha-ville", "LY").best.name == "Alphaville"
    assert local.lookup("Betatown").status == "unknown"


# --- generic spreadsheet import -----------------------------------------------------------------


@pytest.fixture(scope="module")
def sheet(geocoder):
    """tests/data/import/sheet.csv imported without a country."""
    return import_csv_file(SHEET, parse_mapping(SHEET_MAP), geocoder)


def test_sheet_rows_converted(sheet):
    events = sheet.events.set_index("place_as_written")
    assert list(sheet.events["place"]) == [
        "Gharyan",
        "Gharyan",
        "Tarhuna",
        "al-Asabaa",
        "Checkpoint 27",
        "Sabratha",
    ]
    assert events.at["Gharian", "date"] == "2019-04-04"
    assert events.at["Gharyan", "date"] == "2019-06-26"
    assert events.at["tarhouna", "date"] == "2020-06-05"
    assert events.at["tarhouna", "geocode_source"] == "places.csv"
    assert (events.at["Checkpoint 27", "lat"], events.at["Checkpoint 27", "lon"]) == (
        "32.5",
        "13.0",
    )
    assert set(sheet.events["confidence"]) == {"claimed", ""}
    assert any("set to 'claimed'" in note for note in sheet.notes)


@pytest.mark.parametrize(
    ("town", "reason"),
    [
        ("Tripoli", "ambiguous place 'Tripoli'"),
        ("Xqzzvt", "unknown place 'Xqzzvt'"),
        ("Sabratha", "bad date '2020-13-01'"),
        ("Sirte", "no source"),
    ],
)
def test_sheet_review_reasons(sheet, town, reason):
    rows = sheet.review[sheet.review["town"] == town]
    assert any(reason in r for r in rows["reason"]), list(rows["reason"])


def test_sheet_with_country_resolves_tripoli(geocoder):
    result = import_csv_file(SHEET, parse_mapping(SHEET_MAP), geocoder, country="LY")
    assert "Tripoli" in set(result.events["place"])
    assert result.counts["review_rows"] == 3


def test_sheet_round_trip_through_the_model(sheet, tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "sheet.csv").write_text(sheet.events_csv(), encoding="utf-8")
    shutil.copy(BUNDLED / "events" / "factions.csv", tmp_path / "events")
    state = Model.load(tmp_path).state("2020-06-05").set_index("place")
    assert state.at["Gharyan", "controller"] == "GNA"
    assert state.at["Tarhuna", "controller"] == "GNA"
    assert state.at["al-Asabaa", "controller"] == "LNA"


def test_sheet_output_keeps_the_data_text(sheet):
    rows = list(csv.DictReader(io.StringIO(sheet.events_csv())))
    assert next(r for r in rows if r["place"] == "Sabratha")["notes"] == "=cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("date=Date,plcae=Town", "unknown target column 'plcae' in --map (did you mean 'place'?)"),
        ("date", "bad --map item 'date'"),
        ("date=Date,date=Other", "gives 'date' twice"),
    ],
)
def test_bad_mapping(spec, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        parse_mapping(spec)


def test_missing_source_column_is_a_data_error(geocoder):
    with pytest.raises(
        DataError, match=r"sheet.csv:1: column\(s\) not found: 'Town2' \(for place\)"
    ):
        import_csv_file(SHEET, parse_mapping("date=Date,place=Town2,source_title=Source"), geocoder)


def test_mapping_needs_a_source_column(geocoder):
    with pytest.raises(UsageError, match="map source_title or source_url"):
        import_csv_file(SHEET, parse_mapping("date=Date,place=Town"), geocoder)


# --- CLI ----------------------------------------------------------------------------------------


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_geocode_json(capsys):
    code, out, _ = run(capsys, "geocode", "Gharian", "--json")
    answer = json.loads(out)
    assert code == 0 and answer["status"] == "ok"
    assert answer["candidates"][0] | {"score": 1.0} == {
        "name": "Gharyan",
        "country": "LY",
        "lat": 32.17222,
        "lon": 13.02028,
        "population": None,
        "geonameid": "2217362",
        "source": "places",
        "score": 1.0,
        "matched": "Gharian",
    }


def test_cli_geocode_ambiguous_lists_candidates_and_exits_2(capsys):
    code, out, err = run(capsys, "geocode", "Tripoli")
    assert code == 2
    header = out.splitlines()[0].split()
    assert header == ["name", "country", "lat", "lon", "population", "geonameid", "source", "score"]
    assert "LB" in out and "LY" in out and "ambiguous place 'Tripoli'" in err


def test_cli_geocode_unknown_exits_2(capsys):
    code, out, err = run(capsys, "geocode", "Xqzzvt", "--country", "LY")
    assert code == 2 and "(no candidates)" in out and "unknown place 'Xqzzvt'" in err


def test_cli_import_csv(capsys, tmp_path):
    out = tmp_path / "sheet-out.csv"
    code, stdout, _ = run(
        capsys, "import", "csv", SHEET, "--map", SHEET_MAP, "--country", "LY", "-o", out
    )
    assert code == 0
    assert "read 10 rows" in stdout and "3 rows for review" in stdout
    assert len(pd.read_csv(out)) == 7
    assert pd.read_csv(tmp_path / "sheet-out.review.csv").columns[-1] == "reason"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("date=Date,plcae=Town,source_title=Source", "did you mean 'place'?"),
        ("date=Date,place=Nope,source_title=Source", "'Nope' (for place)"),
    ],
)
def test_cli_import_csv_bad_map_exits_2(capsys, tmp_path, spec, message):
    code, _, err = run(capsys, "import", "csv", SHEET, "--map", spec, "-o", tmp_path / "o.csv")
    assert code == 2 and message in err
    assert not Path(tmp_path / "o.csv").exists()
