"""Folium elements put into the page as text: a layer added after the first frame carries
its data as an inert JSON block and registers itself for the timeline."""

from __future__ import annotations

import json
import re

import folium

from dashboard.ui.map.plain import LaterGeoJson, PlainGeoJson

HOSTILE = "</script><img src=x onerror=alert(1)>&'"


def collection(name: str) -> dict:
    feature = {
        "type": "Feature",
        "properties": {"fl": "district", "name": name},
        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
    }
    return {"type": "FeatureCollection", "features": [feature]}


def page_with(layer_class, data: dict, **kwargs) -> str:
    fmap = folium.Map(tiles=None)
    layer_class(data, name="district", **kwargs).add_to(fmap)
    return fmap.get_root().render()


def test_a_later_layer_carries_its_data_as_a_json_block_the_script_only_names():
    page = page_with(LaterGeoJson, collection(HOSTILE), kind="district")
    (name, text) = re.findall(
        r'<script type="application/json" id="(geo_json_\w+)_later">(.*?)</script>', page, re.S
    )[0]
    assert json.loads(text) == collection(HOSTILE)  # the same features, parsed as data
    assert "<img" not in page and HOSTILE not in page  # inert: escaped inside the block
    script = page[page.index("L.geoJson(null") :]
    assert f"{name}_add({{" not in script  # not compiled with the page's script
    assert f'kind: "district", layer: {name}' in script
    assert f'document.getElementById("{name}_later")' in script


def test_a_plain_layer_adds_its_data_at_once():
    page = page_with(PlainGeoJson, collection("Tarhuna"))
    assert "_later" not in page and "FrontlineLater" not in page
    assert re.search(r"geo_json_\w+_add\(\{", page)
