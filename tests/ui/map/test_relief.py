"""Terrain for any country: the map page of a dataset outside Libya carries a crop of the
coarse world relief around its places; Libya keeps its detailed relief."""

from __future__ import annotations

import base64
import io
import json

import numpy as np
import pytest
from PIL import Image

from dashboard.core.geo.mercator import lonlat_to_image
from dashboard.core.geo.relief import WORLD_RELIEF, crop_box, relief_for
from dashboard.core.model import Model
from dashboard.ui.map import config as map_config
from dashboard.ui.map.page import standalone_html, timeline_page
from tests.support.builders import write_points
from tests.support.map_payload import payload
from tests.support.paths import BUNDLED

# Six towns of eastern Ukraine (GeoNames coordinates, rounded): Kharkiv, Izium,
# Kramatorsk, Sloviansk, Bakhmut, Lysychansk.
UKRAINE = [
    (49.98, 36.25),
    (49.21, 37.26),
    (48.72, 37.56),
    (48.85, 37.61),
    (48.59, 38.00),
    (48.90, 38.44),
]
GEO = BUNDLED / "geo"


def image_of(uri: str) -> Image.Image:
    assert uri.startswith("data:image/png;base64,")
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))


@pytest.fixture(scope="module")
def ukraine(tmp_path_factory) -> Model:
    return Model.load(write_points(tmp_path_factory.mktemp("ukraine"), UKRAINE))


def ukraine_page(model: Model) -> str:
    """The app's map page of the dataset, without the areas layer."""
    config = map_config.app_config(model, tuple(model.factions))
    return timeline_page(model, tuple(model.factions), None, None, config)


def test_a_dataset_outside_libya_draws_terrain(ukraine) -> None:
    relief = payload(ukraine_page(ukraine))["relief"]
    assert relief is not None and relief["coarse"] is True
    (south, west), (north, east) = relief["bounds"]
    lat, lon = np.array(UKRAINE).T
    assert south < lat.min() and lat.max() < north and west < lon.min() and lon.max() < east
    assert north - south < 20 and east - west < 20  # a crop around the places, not the world
    image = image_of(relief["url"]).convert("RGBA")
    # Land under every town: the pixel there is opaque (the sea is transparent).
    cols_rows = lonlat_to_image(lon, lat, image.size, (west, south, east, north))
    for col, row in cols_rows:
        assert image.getpixel((int(col), int(row)))[3] == 255


def test_libya_keeps_its_detailed_relief() -> None:
    model = Model.load(BUNDLED)
    found = relief_for([GEO], (13.0, 32.0, 14.0, 33.0))
    assert found is not None and not found.coarse
    assert found.png == (GEO / "relief-lby.png").read_bytes()
    assert payload(standalone_html(model, model.span()[0]))["relief"]["coarse"] is False


def test_the_world_relief_crop_is_where_the_world_image_has_it() -> None:
    """The crop's pixels are the world image's pixels at the same place."""
    meta = json.loads((GEO / WORLD_RELIEF).read_text(encoding="utf-8"))
    (w_south, w_west), (w_north, w_east) = meta["bounds"]
    world = Image.open(GEO / meta["image"]).convert("RGBA")
    found = relief_for([GEO], (36.0, 48.0, 39.0, 50.0))
    assert found is not None and found.coarse
    (south, west), (north, east) = found.bounds
    crop = Image.open(io.BytesIO(found.png)).convert("RGBA")
    inner = (west + 1e-6, south + 1e-6, east - 1e-6, north - 1e-6)
    box = crop_box(world.size, (w_west, w_south, w_east, w_north), inner)
    assert box is not None and (box[2] - box[0], box[3] - box[1]) == crop.size
    assert crop.tobytes() == world.crop(box).tobytes()


def test_no_relief_where_the_world_has_none(tmp_path) -> None:
    assert relief_for([tmp_path], (36.0, 48.0, 39.0, 50.0)) is None
    assert (GEO / WORLD_RELIEF).exists()
