"""Label placement: deterministic, collision-free at every zoom, places before towns."""

from __future__ import annotations

import random

import pandas as pd

from dashboard.core.geo.labels import (
    ZOOMS,
    Label,
    arabic_name,
    dataset_labels,
    label_boxes,
    pixel,
    place_labels,
)
from dashboard.core.geo.spread import spread_offsets
from dashboard.core.model import Model
from dashboard.ui.map.config import names_config
from tests.support.labels_reference import reference_place_labels
from tests.support.paths import BUNDLED


def overlapping(boxes) -> list:
    return [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


def synthetic_labels(n: int, seed: int) -> list[Label]:
    rng = random.Random(seed)
    return [
        Label(
            f"Town {k:03d}", "", 30 + rng.random() * 3, 12 + rng.random() * 4, rng.random(), "town"
        )
        for k in range(n)
    ]


def test_no_two_shown_labels_overlap_at_any_zoom():
    placed = place_labels(synthetic_labels(150, 1), [], ZOOMS)
    for zoom in ZOOMS:
        assert overlapping(label_boxes(placed, zoom)) == [], zoom


def test_placement_is_deterministic_and_independent_of_input_order():
    labels = synthetic_labels(80, 2)
    shuffled = labels[:]
    random.Random(3).shuffle(shuffled)
    assert place_labels(labels, [], ZOOMS) == place_labels(shuffled, [], ZOOMS)


def test_labels_never_cover_another_place_marker():
    labels = synthetic_labels(60, 4)
    markers = [(lb.lat, lb.lon) for lb in labels]
    placed = place_labels(labels, markers, ZOOMS)
    for zoom in ZOOMS:
        points = [pixel(lat, lon, zoom) for lat, lon in markers]
        for box in label_boxes(placed, zoom):
            for x, y in points:
                nx, ny = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
                inside = (nx - x) ** 2 + (ny - y) ** 2 < 8.9**2
                assert not inside, (zoom, box, (x, y))


def test_more_labels_fit_as_you_zoom_in():
    placed = place_labels(synthetic_labels(150, 5), [], ZOOMS)
    counts = [len(label_boxes(placed, z)) for z in ZOOMS]
    assert counts == sorted(counts) and counts[-1] > counts[0]


def test_every_bundled_town_is_named_by_zoom_9_and_every_district_by_zoom_10():
    """The opening view (zoom 9 at 1280x720) names every town, base and field; a city's
    districts, a few pixels from the city and each other there, are named from zoom 10 on
    (cartographic generalisation: a neighbourhood's name comes with the city's streets)."""
    model = Model.load()
    names = names_config(model)
    places = [i for i in names["items"] if i["kind"] == "place"]
    assert len(places) == len(model.data.places)
    gazetteer = pd.read_csv(BUNDLED / "geo" / "places.csv", dtype=str, keep_default_na=False)
    kinds = dict(zip(gazetteer["place"], gazetteer["kind"], strict=True))
    for item in places:
        zoom = 10 if kinds[item["en"]] == "district" else 9
        assert item["sides"][zoom - names["zmin"]] != "-", (item["en"], zoom)
    assert sum(1 for i in places if i["ar"]) >= len(places) // 2


def test_arabic_name_is_taken_from_the_alternate_names():
    assert arabic_name("Gharian|Gharyān|غريان") == "غريان"
    assert arabic_name("Zawiya|Az Zawiyah") == ""


def clustered_labels(n: int, seed: int) -> list[Label]:
    """Places and towns in a few tight clusters and a sparse spread, with markers."""
    rng = random.Random(seed)
    centres = [(30 + rng.random() * 3, 12 + rng.random() * 4) for _ in range(4)]
    out = []
    for k in range(n):
        if k % 3:
            lat, lon = rng.choice(centres)
            lat, lon = lat + rng.gauss(0, 0.05), lon + rng.gauss(0, 0.05)
        else:
            lat, lon = 30 + rng.random() * 3, 12 + rng.random() * 4
        kind = "place" if k % 4 else "town"
        name = "x" * rng.randint(2, 30)
        out.append(Label(name, "ع" * rng.randint(0, 20), lat, lon, rng.random(), kind, k))
    return out


def test_indexed_placement_equals_the_full_scan_on_random_inputs():
    for seed in range(6):
        labels = clustered_labels(220, seed)
        markers = [(lb.lat, lb.lon) for lb in labels]
        offsets = spread_offsets(markers, ZOOMS) if seed % 2 else None
        ours = place_labels(labels, markers, ZOOMS, offsets)
        assert ours == reference_place_labels(labels, markers, ZOOMS, offsets), seed
        assert any("-" in p.sides for p in ours) and any(p.sides.strip("-") for p in ours)


def test_indexed_placement_equals_the_full_scan_on_the_bundled_data():
    model = Model.load()
    drawn = model.index.places
    markers = list(zip(drawn["lat"].astype(float), drawn["lon"].astype(float), strict=True))
    offsets = spread_offsets(markers, ZOOMS)
    towns = pd.read_csv(model.data.geo_file("towns.csv"), dtype={"name_ar": str})
    counts = model.data.events["place"].value_counts().to_dict()
    marker_of = {name: k for k, name in enumerate(drawn["place"])}
    labels = dataset_labels(model.data.places, counts, towns.fillna(""), marker_of)
    assert len(labels) > len(drawn)  # context towns too
    ours = place_labels(labels, markers, ZOOMS, offsets)
    assert ours == reference_place_labels(labels, markers, ZOOMS, offsets)
