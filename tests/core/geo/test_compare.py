"""Changes of hands between two days, in places and in area: first records never count."""

import pandas as pd
import pytest
import shapely

from dashboard.core.geo.compare import area_changes, changed_hands, first_records
from dashboard.core.model import Model


@pytest.fixture
def model(tiny_dir):
    return Model.load(tiny_dir)


def test_changed_hands_excludes_first_records(model):
    before, after = model.state("2020-01-05"), model.state("2020-02-25")
    moved = changed_hands(before, after)
    assert list(zip(moved["place"], moved["from"], moved["to"], strict=True)) == [
        ("Alphaville", "North", "South"),
        ("Betatown", "South", "North"),
    ]
    assert first_records(before, after) == ["Gammaburg"]


def test_area_of_a_first_record_counts_for_nobody(model):
    outline = shapely.box(19, 9, 22, 12)
    before, after = model.state("2020-01-20"), model.state("2020-02-05")  # Gammaburg first seen
    changes = area_changes(before, after, outline)
    assert (changes[["won_km2", "lost_km2", "net_km2"]] == 0).all().all()


def test_area_won_equals_area_lost_when_places_change_hands(model):
    outline = shapely.box(19, 9, 22, 12)
    before, after = model.state("2020-01-05"), model.state("2020-02-25")
    changes = area_changes(before, after, outline).set_index("faction")
    assert changes["won_km2"].sum() == pytest.approx(changes["lost_km2"].sum())
    assert changes.loc["North", "won_km2"] > 0 and changes.loc["South", "won_km2"] > 0
    assert changes["net_km2"].sum() == pytest.approx(0.0, abs=1e-6)


def test_no_change_no_area():
    states = pd.DataFrame(
        {"place": ["A", "B"], "lat": [0.0, 1.0], "lon": [0.0, 1.0], "controller": ["X", "Y"],
         "confidence": "confirmed", "last_change": pd.Timestamp("2020-01-01")}
    )  # fmt: skip
    out = area_changes(states, states, shapely.box(-2, -2, 3, 3))
    assert (out["won_km2"] == 0).all()
