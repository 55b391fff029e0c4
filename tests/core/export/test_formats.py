"""Exports (state CSV, events CSV, GeoJSON) and the CSV formula neutraliser."""

from __future__ import annotations

import csv
import io
import json
import sys
import types

import geopandas
import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.core.errors import UsageError
from dashboard.core.export.formats import (
    FORMATS,
    events_path,
    export_bytes,
    feature_collection_at,
    state_table,
)
from dashboard.core.export.neutralise import csv_text, neutralise_cell, neutralise_frame
from dashboard.core.model import Model
from tests.support.builders import write_events


@pytest.fixture(scope="module")
def tiny():
    """The tiny three-place model (tests/data/tiny)."""
    from tests.support.paths import TINY

    return Model.load(TINY)


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("＝1+1", "'＝1+1"),
        ("-5.3", "-5.3"),
        ("+12", "+12"),
        ("-1e-3", "-1e-3"),
        ("2020-05-31", "2020-05-31"),
        ("Gharyan", "Gharyan"),
        ("a=b", "a=b"),
        ("", ""),
        (" =1+1", "' =1+1"),
        ("  +cmd", "'  +cmd"),
        ("\t @SUM(A1)", "'\t @SUM(A1)"),
        (" \t-2+3", "' \t-2+3"),
        (" -5.3", " -5.3"),
        (" plain", " plain"),
    ],
)
def test_neutralise_cell(cell, written):
    assert neutralise_cell(cell) == written


def test_numbers_are_never_neutralised():
    assert neutralise_cell(-5.3) == "-5.3"
    frame = pd.DataFrame({"lon": [-5.3, 13.2], "lat": ["-33.9", "=1"], "n": [-1, 2]})
    out = neutralise_frame(frame)
    assert out["lon"].tolist() == [-5.3, 13.2] and out["n"].tolist() == [-1, 2]
    assert out["lat"].tolist() == ["-33.9", "'=1"]


def test_csv_text_neutralises_text_and_header_but_keeps_numbers():
    frame = pd.DataFrame(
        {"=evil": ['=HYPERLINK("http://x")', "ok"], "lon": [-5.3, 1.0], "note": [None, "@x"]}
    )
    rows = list(csv.reader(io.StringIO(csv_text(frame))))
    assert rows[0] == ["'=evil", "lon", "note"]
    assert rows[1] == ['\'=HYPERLINK("http://x")', "-5.3", ""]
    assert rows[2] == ["ok", "1.0", "'@x"]


def test_empty_frames_write_a_header_only():
    empty = pd.DataFrame({"event_id": pd.Series([], dtype=str), "lat": pd.Series([], dtype=float)})
    assert csv_text(empty) == "event_id,lat\n"
    assert csv_text(pd.DataFrame({"a": [None, None]}, dtype=object)) == 'a\n""\n""\n'
    mixed = pd.DataFrame({"a": [1, "=x", None, -2.5]}, dtype=object)
    assert csv_text(mixed) == 'a\n1\n\'=x\n""\n-2.5\n'


def test_state_table_columns_and_values(tiny):
    state = state_table(tiny, "2020-01-10").set_index("place")
    assert list(state.columns) == [
        "lat",
        "lon",
        "controller",
        "since",
        "confidence",
        "date_precision",
        "last_change",
        "as_of",
    ]
    assert state.loc["Betatown"].to_dict() == {
        "lat": 10.0,
        "lon": 21.0,
        "controller": "North",
        "since": "2020-01-10",
        "confidence": "confirmed",
        "date_precision": "day",
        "last_change": "2020-01-10",
        "as_of": "2020-01-10",
    }
    assert (
        state.loc["Gammaburg", "controller"] == "unknown" and state.loc["Gammaburg", "since"] == ""
    )


def test_feature_collection_is_rfc7946_lon_lat(tiny):
    collection = feature_collection_at(tiny, "2020-01-10")
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    beta = next(f for f in collection["features"] if f["properties"]["place"] == "Betatown")
    assert beta["geometry"] == {"type": "Point", "coordinates": [21.0, 10.0]}  # [lon, lat]
    assert [e["event_id"] for e in beta["properties"]["events"]] == ["T2", "T3", "T4"]
    assert beta["properties"]["event_count"] == 3
    assert beta["properties"]["since"] == "2020-01-10" and beta["properties"]["color"] == "#0072B2"


def test_events_are_only_those_up_to_the_date(tiny):
    gamma = next(
        f
        for f in feature_collection_at(tiny, "2020-01-20")["features"]
        if f["properties"]["place"] == "Gammaburg"
    )
    assert [e["event_id"] for e in gamma["properties"]["events"]] == ["T5"]
    assert (
        gamma["properties"]["controller"] == "unknown" and gamma["properties"]["confidence"] is None
    )


def test_geojson_opens_in_geopandas(tiny, tmp_path):
    path = tmp_path / "state.geojson"
    path.write_bytes(export_bytes(tiny, "2020-03-01", "geojson"))
    frame = geopandas.read_file(path)
    assert len(frame) == 3 and frame.crs.to_epsg() == 4326
    alpha = frame[frame["place"] == "Alphaville"].iloc[0]
    assert (alpha.geometry.x, alpha.geometry.y) == (20.0, 10.0)
    assert alpha["controller"] == "South"
    assert json.loads(path.read_text())["features"][0]["type"] == "Feature"


def test_faction_filter_and_unknown_faction(tiny):
    rows = list(
        csv.DictReader(io.StringIO(export_bytes(tiny, "2020-03-01", "csv", ["South"]).decode()))
    )
    assert [r["place"] for r in rows] == ["Alphaville", "Gammaburg"]
    with pytest.raises(UsageError, match="unknown faction"):
        export_bytes(tiny, "2020-03-01", "csv", ["East"])


def test_unknown_format_is_refused(tiny):
    with pytest.raises(UsageError, match="unknown export format 'xlsx'"):
        export_bytes(tiny, "2020-03-01", "xlsx")
    assert {"csv", "geojson"} <= set(FORMATS)


def test_events_file_name():
    assert events_path("/x/state.csv").name == "state.events.csv"


# --- CLI ----------------------------------------------------------------------------------------


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_export_csv_with_events_neutralised(capsys, tmp_path):
    folder = write_events(
        tmp_path / "data",
        "event_id,date,place,lat,lon,controller,confidence,source_title,notes\n"
        "E1,2020-01-01,-Town,10,-5.3,North,confirmed,=cmd|' /C calc'!A0,@note\n",
    )
    out = tmp_path / "state.csv"
    code, stdout, _ = run(
        capsys, "export", "--date", "2020-02-01", "--events", "-o", out, "--data", folder
    )
    assert code == 0 and "wrote" in stdout
    state = list(csv.DictReader(out.open(encoding="utf-8")))
    assert (state[0]["place"], state[0]["lon"]) == ("'-Town", "-5.3")
    events = list(csv.DictReader((tmp_path / "state.events.csv").open(encoding="utf-8")))
    assert events[0]["source_title"] == "'=cmd|' /C calc'!A0" and events[0]["notes"] == "'@note"
    assert events[0]["lon"] == "-5.3"


def test_cli_export_geojson(capsys, tmp_path, tiny_dir):
    out = tmp_path / "s.geojson"
    code, _, _ = run(
        capsys,
        "export",
        "--date",
        "2020-01-10",
        "--format",
        "geojson",
        "-o",
        out,
        "--data",
        tiny_dir,
    )
    assert code == 0 and len(geopandas.read_file(out)) == 3


def test_cli_export_html_not_available_without_the_map_builder(
    capsys, monkeypatch, tmp_path, tiny_dir
):
    monkeypatch.setitem(
        sys.modules, "dashboard.ui.map.page", types.ModuleType("dashboard.ui.map.page")
    )
    code, _, err = run(
        capsys,
        "export",
        "--date",
        "2020-01-10",
        "--format",
        "html",
        "-o",
        tmp_path / "m.html",
        "--data",
        tiny_dir,
    )
    assert code == 2 and "--format html is not available yet" in err
    assert not (tmp_path / "m.html").exists()


def test_cli_export_html_uses_the_map_builder(capsys, monkeypatch, tmp_path, tiny_dir):
    fake = types.ModuleType("dashboard.ui.map.page")
    fake.standalone_html = lambda model, day, factions, lang: (
        f"<html>{day} {factions} {lang}</html>"
    )  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dashboard.ui.map.page", fake)
    out = tmp_path / "m.html"
    args = ("export", "--date", "2020-01-10", "--format", "html", "--faction", "North", "-o", out)
    code, _, _ = run(capsys, *args, "--data", tiny_dir)
    assert code == 0 and out.read_text() == "<html>2020-01-10 ['North'] en</html>"
    code, _, _ = run(capsys, *args, "--data", tiny_dir, "--lang", "ar")
    assert code == 0 and out.read_text() == "<html>2020-01-10 ['North'] ar</html>"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2020-01-10", "--faction", "East"], "unknown faction(s): East"),
        (["--date", "2020-01-10", "-o", "/nonexistent/dir/x.csv"], "output folder not found"),
    ],
)
def test_cli_export_bad_input_exits_2(capsys, tmp_path, tiny_dir, args, message):
    if "-o" not in args:
        args = [*args, "-o", tmp_path / "x.csv"]
    code, _, err = run(capsys, "export", *args, "--data", tiny_dir)
    assert code == 2 and message in err


def test_neutralise_frame_matches_neutralise_cell_on_blank_prefixed_cells():
    cells = [" =1", "\t+x", "  @a", " -5.3", "ok", "=b", " - 3"]
    out = neutralise_frame(pd.DataFrame({"c": cells}))
    assert out["c"].tolist() == [neutralise_cell(c) for c in cells]
    assert out["c"].tolist() == ["' =1", "'\t+x", "'  @a", " -5.3", "ok", "'=b", "' - 3"]
