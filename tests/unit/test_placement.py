"""Label placement with marker spread (placement.py): deterministic, collision-free per zoom."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from dashboard.core.geo.mercator import fit_zoom, lonlat_to_px
from dashboard.core.geo.placement import LabelStyle, place_labels, text_size
from dashboard.core.io.load import load_dataset
from tests.conftest import BUNDLED

STYLE = LabelStyle()


@pytest.fixture(scope="module")
def inputs():
    data = load_dataset(BUNDLED)
    towns = pd.read_csv(BUNDLED / "geo" / "towns.csv", keep_default_na=False)
    return data.places, towns


@pytest.fixture(scope="module", params=["en", "ar", "both"])
def layout(request, inputs):
    places, towns = inputs
    return place_labels(places, towns, request.param)


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def circle_hits(x, y, r, box):
    nx, ny = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
    return (x - nx) ** 2 + (y - ny) ** 2 < r * r - 1e-6


def test_same_output_twice_and_for_any_input_order(inputs):
    places, towns = inputs
    first = place_labels(places, towns, "both")
    again = place_labels(places, towns, "both")
    shuffled = place_labels(
        places.sample(frac=1, random_state=3), towns.sample(frac=1, random_state=4), "both"
    )
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    assert json.dumps(first, sort_keys=True) == json.dumps(shuffled, sort_keys=True)


def test_no_two_shown_labels_overlap_nor_cover_a_marker(layout, inputs):
    places = inputs[0]
    for zoom in layout["zooms"]:
        spread = layout["spread"][str(zoom)]
        markers = []
        for row in places.itertuples():
            x, y = lonlat_to_px(row.lon, row.lat, zoom)
            dx, dy = spread.get(row.place, [0.0, 0.0])
            markers.append((x + dx, y + dy))
        boxes, dots = [], []
        for label in layout["labels"]:
            if str(zoom) not in label["at"]:
                continue
            side, dx, dy, _ = label["at"][str(zoom)]
            x, y = lonlat_to_px(label["lon"], label["lat"], zoom)
            w, h = text_size(label["lines"], STYLE)
            boxes.append((x + dx, y + dy, x + dx + w, y + dy + h))
            if label["kind"] == "town":
                dots.append((x, y))
        assert len(boxes) > 0
        grid = np.array(boxes)
        for i, box in enumerate(boxes):  # pairwise, vectorised per box
            later = grid[i + 1 :]
            hit = (
                (box[0] < later[:, 2])
                & (later[:, 0] < box[2])
                & (box[1] < later[:, 3])
                & (later[:, 1] < box[3])
            )
            assert not hit.any(), f"zoom {zoom}: label boxes overlap"
            for mx, my in markers:
                assert not circle_hits(mx, my, STYLE.marker_px, box), (
                    f"zoom {zoom}: a label covers a marker"
                )
        for tx, ty in dots:
            assert not any(circle_hits(tx, ty, STYLE.town_px, b) for b in boxes), (
                f"zoom {zoom}: a label covers a town dot"
            )


def test_every_place_is_labelled_at_the_zoom_that_fits_the_data(layout, inputs):
    places = inputs[0]
    extent = (places["lon"].min(), places["lat"].min(), places["lon"].max(), places["lat"].max())
    zoom = fit_zoom(extent, (1000, 600))
    labelled = {lab["key"]: lab for lab in layout["labels"] if lab["kind"] == "place"}
    assert set(labelled) == set(places["place"])
    assert all(lab["min_zoom"] <= zoom for lab in labelled.values())


def test_a_label_once_shown_stays_at_every_higher_zoom(layout):
    top = max(layout["zooms"])
    for label in layout["labels"]:
        assert sorted(map(int, label["at"])) == list(range(label["min_zoom"], top + 1))


def test_close_places_are_spread_apart_until_they_separate(inputs):
    places, towns = inputs
    layout = place_labels(places, towns, "en")
    pts = places.set_index("place").loc[["Qasr bin Ghashir", "Tripoli International Airport"]]
    for zoom in layout["zooms"]:
        spread = layout["spread"][str(zoom)]
        xy = [
            lonlat_to_px(r.lon, r.lat, zoom) + np.array(spread.get(name, [0, 0]))
            for name, r in pts.iterrows()
        ]
        assert np.hypot(*(xy[0] - xy[1])) >= 2 * STYLE.marker_px  # circles do not overlap
    true_gap = np.hypot(
        *(
            lonlat_to_px(pts.lon.iloc[0], pts.lat.iloc[0], 11)
            - lonlat_to_px(pts.lon.iloc[1], pts.lat.iloc[1], 11)
        )
    )
    assert true_gap > 2 * STYLE.marker_px + 1 and layout["spread"]["11"] == {}
    assert "Qasr bin Ghashir" in layout["spread"]["5"]


def test_languages_and_towns(inputs):
    places, towns = inputs
    ar = place_labels(places, towns, "ar")
    town_lines = {lab["key"]: lab["lines"] for lab in ar["labels"] if lab["kind"] == "town"}
    benghazi = town_lines["geonames:88319"]
    assert benghazi == ["بنغازي"]
    both = {lab["key"]: lab["lines"] for lab in place_labels(places, towns, "both")["labels"]}
    assert both["geonames:88319"] == ["Benghazi", "بنغازي"]
    assert "geonames:2210247" not in town_lines  # GeoNames' Tripoli is the place Tripoli
    with pytest.raises(ValueError, match="language"):
        place_labels(places, towns, "fr")


def test_arabic_text_is_estimated_narrower_per_character():
    assert text_size(["بنغازي"], STYLE)[0] < text_size(["Bengha"], STYLE)[0]
    assert text_size(["a", "b"], STYLE)[1] == 2 * text_size(["a"], STYLE)[1]
