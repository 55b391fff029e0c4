"""The bundled Libya 2019-2020 dataset: sourced, valid, and faithful to its reference facts."""

import datetime as dt
import json

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from dashboard.core.geo.distance import distance_km
from dashboard.core.model import Model
from tests.conftest import BUNDLED


@pytest.fixture(scope="module")
def model():
    """The bundled dataset, loaded once for this module."""
    return Model.load(BUNDLED)


def holder(model, place, day):
    state = model.state(day).set_index("place")
    return state.at[place, "controller"]


def test_every_control_row_has_a_source_and_a_confidence(model):
    control = model.data.events[model.data.events["controller"] != ""]
    assert len(control) >= 46
    assert (control["source_title"] != "").all()
    assert control["confidence"].isin(["confirmed", "claimed", "disputed"]).all()


def test_urls_are_http(model):
    urls = model.data.events["source_url"]
    assert urls[urls != ""].str.match(r"^https?://").all()


def test_every_place_lies_in_libya(model, bundled_dir):
    libya = shape(
        json.loads((bundled_dir / "geo" / "libya.geojson").read_text())["features"][0]["geometry"]
    )
    outside = [
        p.place for p in model.data.places.itertuples() if not libya.contains(Point(p.lon, p.lat))
    ]
    assert outside == []


def test_at_least_20_places_of_the_campaign(model):
    places = set(model.data.places["place"])
    assert len(places) >= 20
    assert {"al-Asabaa", "Tarhuna", "Gharyan", "Tripoli", "al-Watiya air base"} <= places


def test_al_asabaa_coordinates_come_from_geonames(model):
    row = model.data.places.set_index("place").loc["al-Asabaa"]
    assert (round(row["lat"], 4), round(row["lon"], 4)) == (32.0333, 12.8667)


@pytest.mark.parametrize(
    ("place", "day", "expected"),
    [
        ("Gharyan", "2019-05-01", "LNA"),
        ("Gharyan", "2019-06-26", "GNA"),
        ("Tarhuna", "2019-06-01", "LNA"),
        ("Tarhuna", "2020-06-05", "GNA"),
        ("al-Asabaa", "2020-05-25", "GNA"),
        ("al-Asabaa", "2020-06-01", "LNA"),
        ("al-Watiya air base", "2020-05-17", "LNA"),
        ("al-Watiya air base", "2020-05-18", "GNA"),
        ("Sirte", "2020-01-06", "LNA"),
    ],
)
def test_reference_facts(model, place, day, expected):
    assert holder(model, place, day) == expected


def test_tripoli_is_held_by_the_gna_throughout_the_war(model):
    day = dt.date(2019, 4, 4)
    while day <= dt.date(2020, 10, 23):
        assert holder(model, "Tripoli", day) == "GNA", day
        day += dt.timedelta(days=30)


def test_the_disputed_day_of_al_asabaa_is_kept_as_both_days(model):
    events = model.data.events
    rows = events[(events["place"] == "al-Asabaa") & (events["controller"] == "LNA")]
    days = {str(d.date()): c for d, c in zip(rows["date"], rows["confidence"], strict=True)}
    assert days.get("2020-05-31") == "disputed"
    assert days.get("2020-06-01") == "confirmed"


def test_tripoli_al_asabaa_is_about_99_km_not_the_reported_50(model):
    places = model.data.places.set_index("place")
    a, b = places.loc["Tripoli"], places.loc["al-Asabaa"]
    assert distance_km(a["lat"], a["lon"], b["lat"], b["lon"]) == pytest.approx(99, abs=2)


def test_no_event_is_after_the_ceasefire_window(model):
    assert model.data.events["date"].max() <= pd.Timestamp("2020-12-31")
