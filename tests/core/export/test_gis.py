"""GIS exports through the CLI, opened the way GIS tools read them: the GeoPackage with
pyogrio (GDAL), the GeoParquet files with pyarrow, the GeoJSON as plain JSON. Each holds
the control periods with valid_from/valid_to and al-Asabaa's return to the LNA on
1 June 2020 (after the GNA's ten days from 21 May), still in force at the end."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow.parquet as pq
import pyogrio
import pytest

from dashboard.cli import main
from dashboard.core.geo.periods import PERIOD_COLUMNS

PERIOD_FIELDS = [c for c in PERIOD_COLUMNS if c != "geometry"]
DAY = "2020-06-01"


def export(tmp_path, fmt, *extra):
    out = tmp_path / f"libya.{fmt}"
    assert main(["export", "--date", DAY, "--format", fmt, "-o", str(out), *extra]) == 0
    return out


def asabaa_rows(records):
    return [r for r in records if r["place"] == "al-Asabaa"]


def test_geopackage_has_three_layers_and_the_known_period(tmp_path):
    out = export(tmp_path, "gpkg")
    layers = dict(pyogrio.list_layers(out).tolist())
    assert layers == {
        "control_periods": "Point",
        "zones": "MultiPolygon",
        "front": "MultiLineString",
    }
    info = pyogrio.read_info(out, layer="control_periods")
    assert list(info["fields"]) == PERIOD_FIELDS
    assert info["crs"] == "EPSG:4326"
    periods = pyogrio.read_dataframe(out, layer="control_periods")
    rows = periods[(periods["place"] == "al-Asabaa") & (periods["previous"] == "GNA")]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["controller"] == "LNA" and row["confidence"] == "confirmed"
    assert row["valid_from"].date() == dt.date(2020, 6, 1)
    assert row["valid_to"].date() == dt.date(2020, 6, 5)  # the GNA's return (Truth III)
    assert "LY-E39a" in row["event_ids"]
    before = periods[(periods["place"] == "al-Asabaa") & (periods["controller"] == "GNA")].iloc[0]
    assert before["valid_to"].date() == dt.date(2020, 6, 1)  # ends when the LNA's begins
    zones = pyogrio.read_dataframe(out, layer="zones")
    assert {"GNA", "LNA"} <= set(zones["faction"]) and set(zones["date"]) == {DAY}
    assert list(pyogrio.read_dataframe(out, layer="front")["factions"]) == ["GNA|LNA"]


def test_geoparquet_files_one_per_layer(tmp_path):
    out = export(tmp_path, "parquet")
    table = pq.read_table(out)
    assert table.column_names == PERIOD_COLUMNS
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    assert str(table.schema.field("valid_from").type).startswith("timestamp")
    (row,) = [r for r in asabaa_rows(table.to_pylist()) if r["previous"] == "GNA"]
    assert row["controller"] == "LNA" and row["valid_from"].date() == dt.date(2020, 6, 1)
    assert row["valid_to"].date() == dt.date(2020, 6, 5)
    zones = pq.read_table(tmp_path / "libya.zones.parquet")
    assert {"faction", "area_km2", "date", "geometry"} <= set(zones.column_names)
    front = pq.read_table(tmp_path / "libya.front.parquet").to_pylist()
    assert [r["factions"] for r in front] == ["GNA|LNA"] and front[0]["length_km"] > 0


def test_geojson_periods_with_iso_dates(tmp_path):
    out = export(tmp_path, "geojson", "--periods")
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert list(features[0]["properties"]) == PERIOD_FIELDS
    props = [f["properties"] for f in features]
    asabaa = [(p["controller"], p["valid_from"], p["valid_to"]) for p in asabaa_rows(props)]
    assert asabaa[-3:] == [
        ("GNA", "2020-05-21", DAY),
        ("LNA", DAY, "2020-06-05"),
        ("GNA", "2020-06-05", None),
    ]
    zones = json.loads((tmp_path / "libya.zones.geojson").read_text(encoding="utf-8"))
    assert {f["geometry"]["type"] for f in zones["features"]} <= {"Polygon", "MultiPolygon"}
    assert (tmp_path / "libya.front.geojson").exists()


def test_the_faction_filter_keeps_that_side(tmp_path):
    out = export(tmp_path, "parquet", "--faction", "GNA")
    assert set(pq.read_table(out).column("controller").to_pylist()) == {"GNA"}
    assert pq.read_table(tmp_path / "libya.zones.parquet").column("faction").to_pylist() == ["GNA"]


def test_periods_with_csv_is_a_usage_error(tmp_path, capsys):
    code = main(
        ["export", "--date", DAY, "--format", "csv", "--periods", "-o", str(tmp_path / "x")]
    )
    assert code == 2 and "--periods applies to" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("fmt", ["gpkg", "parquet"])
def test_formats_are_in_the_registry_the_ui_uses(fmt):
    from dashboard.core.export.formats import FORMATS

    assert FORMATS[fmt].suffix == f".{fmt}"


def test_the_export_tab_offers_them():
    from dashboard.core.model import Model
    from dashboard.ui import exports
    from dashboard.ui.tabs import export as tab

    model, day = Model.load(), dt.date(2020, 6, 1)
    offered = {fmt for _, fmt, *_ in tab.GIS_BUTTONS}
    assert offered == {"gpkg", "parquet", "periods"}
    made = {fmt: exports.EXPORTERS[fmt](model, day, ["GNA", "LNA", "neutral"]) for fmt in offered}
    assert made["gpkg"].startswith(b"SQLite format 3\x00")
    assert made["parquet"][:4] == b"PAR1" == made["parquet"][-4:]
    assert json.loads(made["periods"])["type"] == "FeatureCollection"
