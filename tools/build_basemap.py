"""Build the offline basemap: data/geo/countries.geojson and data/geo/libya.geojson.

Input is ``countries-10m.json`` from the npm package ``world-atlas`` (Natural Earth
1:10m admin-0 countries, public domain, packaged as TopoJSON).  Install it once,
outside the repository, then point this script at the file::

    cd "$(mktemp -d)" && npm install world-atlas@2
    .venv/bin/python tools/build_basemap.py "$PWD/node_modules/world-atlas/countries-10m.json"

GDAL (through pyogrio) reads the TopoJSON ``countries`` layer directly.  If a GDAL
build cannot, convert first with ``npx -p topojson-client topo2geo
countries=countries.geojson < countries-10m.json`` and pass the GeoJSON instead.

Output is RFC 7946 GeoJSON (WGS84 lon/lat, EPSG:4326) with properties ``name``,
``iso_a3`` and ``id`` (ISO 3166-1 numeric, as world-atlas stores it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geopandas as gpd
from shapely.geometry import MultiPolygon, Polygon

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "data" / "geo"

# ISO 3166-1 numeric (world-atlas "id") -> (alpha-3, name used in the app)
COUNTRIES: dict[str, tuple[str, str]] = {
    "434": ("LBY", "Libya"),
    "788": ("TUN", "Tunisia"),
    "012": ("DZA", "Algeria"),
    "562": ("NER", "Niger"),
    "148": ("TCD", "Chad"),
    "729": ("SDN", "Sudan"),
    "818": ("EGY", "Egypt"),
    "470": ("MLT", "Malta"),
    "380": ("ITA", "Italy"),
    "300": ("GRC", "Greece"),
}
LIBYA_ID = "434"
TOLERANCE_DEG = 0.01  # neighbours
LIBYA_TOLERANCE_DEG = 0.0005  # Libya keeps nearly all source detail (zoom 6-9)
MIN_PART_AREA_DEG2 = 0.0005  # drop islets smaller than this (~5 km2) after simplifying
PRECISION = 5  # decimals in the written coordinates (~1 m)


def drop_small_parts(geom: Polygon | MultiPolygon) -> Polygon | MultiPolygon:
    """Remove tiny polygons (islets) from a (multi)polygon; keep at least the largest."""
    if isinstance(geom, Polygon):
        return geom
    parts = sorted(geom.geoms, key=lambda p: p.area, reverse=True)
    kept = [p for p in parts if p.area >= MIN_PART_AREA_DEG2] or parts[:1]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def load(path: Path) -> gpd.GeoDataFrame:
    """Read the world-atlas countries layer and keep Libya and its neighbours."""
    layer = "countries" if path.suffix == ".json" and "countries" in _layers(path) else None
    frame = gpd.read_file(path, layer=layer)
    frame["id"] = frame["id"].astype(str).str.zfill(3)
    frame = frame[frame["id"].isin(COUNTRIES)].copy()
    missing = set(COUNTRIES) - set(frame["id"])
    if missing:
        raise ValueError(f"countries missing from {path}: {sorted(missing)}")
    frame["iso_a3"] = frame["id"].map(lambda i: COUNTRIES[i][0])
    frame["name"] = frame["id"].map(lambda i: COUNTRIES[i][1])
    return frame.set_crs("EPSG:4326", allow_override=True)[["name", "iso_a3", "id", "geometry"]]


def _layers(path: Path) -> list[str]:
    import pyogrio

    return [str(name) for name, _ in pyogrio.list_layers(path)]


def simplify(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Topology-preserving simplification, finer for Libya."""
    out = frame.copy()
    is_libya = out["id"] == LIBYA_ID
    out.loc[is_libya, "geometry"] = out.loc[is_libya].simplify(
        LIBYA_TOLERANCE_DEG, preserve_topology=True
    )
    out.loc[~is_libya, "geometry"] = out.loc[~is_libya].simplify(
        TOLERANCE_DEG, preserve_topology=True
    )
    out["geometry"] = out["geometry"].make_valid().map(drop_small_parts)
    return out.sort_values("name").reset_index(drop=True)


def write(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write RFC 7946 GeoJSON with rounded coordinates."""
    if path.exists():
        path.unlink()
    frame.to_file(
        path,
        driver="GeoJSON",
        engine="pyogrio",
        layer_options={"RFC7946": "YES", "COORDINATE_PRECISION": str(PRECISION)},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="path to world-atlas countries-10m.json")
    parser.add_argument("--out-dir", type=Path, default=GEO)
    args = parser.parse_args(argv)
    frame = simplify(load(args.source))
    write(frame, args.out_dir / "countries.geojson")
    write(frame[frame["id"] == LIBYA_ID], args.out_dir / "libya.geojson")
    for name in ("countries.geojson", "libya.geojson"):
        size = (args.out_dir / name).stat().st_size
        print(f"wrote {args.out_dir / name} ({size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
