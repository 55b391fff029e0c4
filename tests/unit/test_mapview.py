"""The folium output for a date: expected features and colours, and no CDN anywhere."""

from __future__ import annotations

import datetime as dt
import json
import re

import folium
import pytest

from dashboard.core.model import Model
from dashboard.ui import mapview, scene
from tests.conftest import BUNDLED

GNA, LNA = "#0072B2", "#D55E00"


@pytest.fixture(scope="module")
def model():
    """The bundled dataset."""
    return Model.load(BUNDLED)


def layer_features(model, day):
    state = scene.shown_state(model, day, tuple(model.factions))
    return scene.place_features(model, state, day)


def test_features_carry_the_holders_colour(model):
    fc = layer_features(model, dt.date(2019, 5, 1))
    by_place = {f["properties"]["place"]: f for f in fc["features"]}
    assert by_place["Gharyan"]["properties"]["color"] == LNA
    assert by_place["Tripoli"]["properties"]["color"] == GNA
    lon, lat = by_place["Gharyan"]["geometry"]["coordinates"]
    assert (lat, lon) == (32.17222, 13.02028)


def test_rendered_layer_holds_every_place_and_its_style(model):
    fc = layer_features(model, dt.date(2020, 6, 6))
    fmap = mapview.offline_map(location=[32, 13], zoom_start=7)
    mapview.places_layer(fc).add_to(fmap)
    page = fmap.get_root().render()
    payload = re.search(r'_add\((\{"bbox".*?"type": "FeatureCollection"\})\);', page, re.S)
    payload = payload or re.search(
        r'_add\((\{"features".*?"type": "FeatureCollection"\})\);', page, re.S
    )
    data = json.loads(payload.group(1))
    tarhuna = next(f for f in data["features"] if f["properties"]["place"] == "Tarhuna")
    assert tarhuna["properties"]["color"] == GNA
    assert len(data["features"]) == len(model.data.places)
    assert '"fillColor": "#0072B2"' in page and '"fillColor": "#D55E00"' in page


def test_claimed_and_unknown_places_are_styled_apart():
    confirmed = mapview.place_style(
        {"properties": {"color": GNA, "confidence": "confirmed", "controller": "GNA"}}
    )
    claimed = mapview.place_style(
        {"properties": {"color": GNA, "confidence": "claimed", "controller": "GNA"}}
    )
    unknown = mapview.place_style(
        {"properties": {"color": "#BBBBBB", "confidence": None, "controller": "unknown"}}
    )
    assert confirmed["dashArray"] is None and claimed["dashArray"] == "4 3"
    assert unknown["fillOpacity"] < claimed["fillOpacity"] < confirmed["fillOpacity"]


def test_base_map_loads_only_app_served_leaflet(model):
    basemap = json.loads((BUNDLED / "geo" / "countries.geojson").read_text())
    fmap = mapview.base_map(scene.bounds(model), basemap, "LBY")
    page = fmap.get_root().render()
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    sheets = re.findall(r'<link[^>]+href="([^"]+)"', page)
    assert scripts == ["/app/static/vendor/leaflet/leaflet.js"]
    assert sheets == ["/app/static/vendor/leaflet/leaflet.css"]
    assert not re.search(r"cdn\.|cdnjs|unpkg|jsdelivr|bootstrapcdn|code\.jquery", page)


def test_tooltips_are_escaped(tmp_path):
    from tests.conftest import write_events

    folder = write_events(
        tmp_path,
        "event_id,date,place,lat,lon,controller,confidence,source_title\n"
        'E1,2020-01-01,"<img src=x onerror=alert(1)>",1,1,A,confirmed,T\n',
    )
    hostile = Model.load(folder)
    fc = layer_features(hostile, dt.date(2020, 1, 2))
    tip = fc["features"][0]["properties"]["tip_place"]
    assert tip == "&lt;img src&#61;x onerror&#61;alert&#40;1&#41;&gt;"  # ui.text.tooltip_text
    fmap = folium.Map(tiles=None)
    mapview.places_layer(fc).add_to(fmap)
    assert "<img src=x" not in fmap.get_root().render()
