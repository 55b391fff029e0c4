"""Exports for GIS: the control periods (``valid_from``/``valid_to``, for QGIS's Temporal
Controller and kepler.gl) plus the day's zones and front lines.

Three shapes of the same layers (:func:`gis_layers`):

- GeoPackage (``gpkg``): one file, one layer each (``control_periods``, ``zones``,
  ``front``), written by pyogrio; dates as DateTime fields, an empty ``valid_to`` while a
  holding is in force.
- GeoParquet (``parquet``): one file per layer, written by geopandas with pyarrow.
- GeoJSON (``geojson --periods``): one FeatureCollection per layer, dates as ISO text.

The periods are never filtered by date (they are the whole history); the faction filter
keeps the holdings, zones and front lines of the chosen factions.

Examples
--------
>>> from dashboard.core.model import Model
>>> layers = gis_layers(Model.load(), "2020-06-01")
>>> list(layers), layers["zones"]["date"].iloc[0]
(['control_periods', 'zones', 'front'], '2020-06-01')
>>> layer_name(Path("out/libya.parquet"), "front").as_posix()
'out/libya.front.parquet'
"""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dashboard.core.export.formats import ExportFormat, register_format
from dashboard.core.geo.geojson import to_feature_collection
from dashboard.core.geo.outline import outline_for
from dashboard.core.geo.periods import control_periods
from dashboard.core.geo.territory import control_zones, front_lines
from dashboard.core.model import Model

__all__ = [
    "Factions",
    "geojson_layer_bytes",
    "gis_files",
    "gis_layers",
    "gpkg_bytes",
    "GPKG_MEDIA_TYPE",
    "layer_name",
    "LAYERS",
    "parquet_bytes",
    "PARQUET_MEDIA_TYPE",
    "periods_geojson_bytes",
    "periods_parquet_bytes",
]

LAYERS = ("control_periods", "zones", "front")
GPKG_MEDIA_TYPE = "application/geopackage+sqlite3"
PARQUET_MEDIA_TYPE = "application/vnd.apache.parquet"
Factions = Iterable[str] | None


def gis_layers(
    model: Model, day: dt.date | str, factions: Factions = None
) -> dict[str, gpd.GeoDataFrame]:
    """The control periods (all dates) and the zones and front lines on ``day`` (EPSG:4326);
    zones and front carry the day as an ISO ``date`` column."""
    chosen = model.check_factions(factions)
    periods = control_periods(model)
    zones = control_zones(model.state(day), outline_for(model.data))
    front = front_lines(zones)
    if chosen is not None:
        periods = periods[periods["controller"].isin(chosen)]
        zones = zones[zones["faction"].isin(chosen)]
        front = front[[bool(set(pair.split("|")) & set(chosen)) for pair in front["factions"]]]
    iso = pd.Timestamp(day).date().isoformat()
    return {
        "control_periods": periods.reset_index(drop=True),
        "zones": zones.assign(date=iso).reset_index(drop=True),
        "front": front.assign(date=iso).reset_index(drop=True),
    }


def gpkg_bytes(model: Model, day: dt.date, factions: Factions = None) -> bytes:
    """One GeoPackage with a layer per :data:`LAYERS` entry."""
    import pyogrio  # only when a GeoPackage is asked for

    with tempfile.TemporaryDirectory(prefix="frontline-gpkg-") as tmp:
        path = Path(tmp) / "frontline.gpkg"
        for name, frame in gis_layers(model, day, factions).items():
            pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", append=path.exists())
        return path.read_bytes()


def parquet_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """One layer as GeoParquet (geopandas + pyarrow)."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def geojson_layer_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """One layer as an RFC 7946 FeatureCollection; dates as ISO text, null when empty."""
    plain = frame.copy()
    for column in plain.columns:
        if pd.api.types.is_datetime64_any_dtype(plain[column]):
            text = plain[column].dt.strftime("%Y-%m-%d")
            plain[column] = text.astype(object).where(plain[column].notna(), None)
    return json.dumps(to_feature_collection(plain), ensure_ascii=False).encode("utf-8")


def periods_geojson_bytes(model: Model, day: dt.date, factions: Factions = None) -> bytes:
    """The control periods alone as GeoJSON (what the Export tab offers)."""
    return geojson_layer_bytes(gis_layers(model, day, factions)["control_periods"])


def periods_parquet_bytes(model: Model, day: dt.date, factions: Factions = None) -> bytes:
    """The control periods alone as GeoParquet (what the Export tab offers)."""
    return parquet_bytes(gis_layers(model, day, factions)["control_periods"])


register_format(ExportFormat("gpkg", ".gpkg", GPKG_MEDIA_TYPE, gpkg_bytes))
register_format(ExportFormat("parquet", ".parquet", PARQUET_MEDIA_TYPE, periods_parquet_bytes))


def layer_name(out: Path, layer: str) -> Path:
    """The file of ``layer`` beside ``out``: ``NAME.LAYER.SUFFIX`` (``out`` holds the periods)."""
    return out.with_name(f"{out.stem}.{layer}{out.suffix}")


def gis_files(
    model: Model, day: dt.date, fmt: str, out: Path, factions: Factions = None
) -> dict[Path, bytes]:
    """What ``export --format gpkg|parquet`` or ``geojson --periods`` writes: the file
    ``out`` (the GeoPackage, or the periods) and, but for gpkg, one file per other layer."""
    if fmt == "gpkg":
        return {out: gpkg_bytes(model, day, factions)}
    write = {"parquet": parquet_bytes, "geojson": geojson_layer_bytes}[fmt]
    layers = gis_layers(model, day, factions)
    return {
        out if name == "control_periods" else layer_name(out, name): write(frame)
        for name, frame in layers.items()
    }
