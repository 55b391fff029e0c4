"""Truth III (issue 20): the bundled data from the campaign's first day, and the audit's fixes."""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

from dashboard.core.geo.distance import distance_km
from dashboard.core.model import Model
from dashboard.core.schema import WEAK_SOURCE_KINDS
from tests.support.paths import BUNDLED

FIRST_DAY = "2019-04-04"
# Issue 20 asks for at most three places without a status on the first day. After the search
# listed in data/events/README.md, three remain: Tiji and al-Ajaylat, and al-Assa, added with its
# 2020 record though nothing names its first-day holder (Mizdah was resolved by the Nafusa pass).
# Lower this as sources are found; a fourth unknown needs a source for one of the three first.
FIRST_DAY_UNKNOWN_LIMIT = 3
EVENTS_README = BUNDLED / "events" / "README.md"
GEO_README = BUNDLED / "geo" / "README.md"


@pytest.fixture(scope="module")
def model():
    return Model.load(BUNDLED)


@pytest.fixture(scope="module")
def gazetteer():
    return pd.read_csv(BUNDLED / "geo" / "places.csv", dtype=str, keep_default_na=False)


def section(path, heading: str) -> list[str]:
    """The lines under a markdown heading, up to the next heading."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    return lines[start:end]


def listed_unknowns() -> dict[str, str]:
    """place -> what was searched, from the README's list of first-day unknowns."""
    entries = {}
    for line in section(EVENTS_README, "### Unknown on 4 April 2019"):
        found = re.match(r"^- \*\*([^*]+)\*\*: (.+)$", line)
        if found:
            entries[found.group(1)] = found.group(2)
    return entries


def separate_sites() -> set[frozenset[str]]:
    """Pairs of places the gazetteer README names as separate sites less than 1 km apart."""
    pairs = set()
    for line in section(GEO_README, "## Separate sites closer than 1 km"):
        found = re.match(r"^- `([^`]+)` and `([^`]+)`: \S", line)
        if found:
            pairs.add(frozenset(found.groups()))
    return pairs


def row(model, place, day):
    return model.state(day).set_index("place").loc[place]


def test_first_day_unknowns_are_few_and_each_is_listed_with_what_was_searched(model):
    state = model.state(FIRST_DAY)
    unknown = set(state.loc[state["controller"] == "unknown", "place"])
    listed = listed_unknowns()
    assert unknown == set(listed)
    assert len(unknown) <= FIRST_DAY_UNKNOWN_LIMIT
    assert all(len(text) > 60 for text in listed.values())  # says what was searched


def test_most_places_have_a_holder_on_the_first_day(model):
    state = model.state(FIRST_DAY).set_index("place")
    known = state[state["controller"] != "unknown"]
    assert len(known) >= len(state) - FIRST_DAY_UNKNOWN_LIMIT
    expected = {"Tobruk": "LNA", "Zawiya": "GNA", "Zintan": "GNA", "Mitiga airport": "GNA"}
    assert {p: state.at[p, "controller"] for p in expected} == expected


def test_every_place_names_where_its_coordinate_comes_from(gazetteer):
    assert (gazetteer["coord_source"].str.strip() != "").all()


def test_no_two_places_closer_than_1_km_unless_named_separate_sites(gazetteer):
    allowed = separate_sites()
    known = set(gazetteer["place"])
    assert all(pair <= known for pair in allowed)
    close = set()
    for a, b in itertools.combinations(gazetteer.itertuples(), 2):
        if distance_km(float(a.lat), float(a.lon), float(b.lat), float(b.lon)) < 1.0:
            close.add(frozenset((a.place, b.place)))
    assert close - allowed == set()


def test_a_partisan_aggregator_or_social_row_is_never_graded_above_a_claim(model):
    events = model.data.events
    weak = events[(events["controller"] != "") & events["source_kind"].isin(WEAK_SOURCE_KINDS)]
    assert not weak.empty  # the rule is exercised: such rows exist, as claims
    assert set(weak["confidence"]) == {"claimed"}


def test_mizdah_turns_gna_on_28_may_2020_not_on_a_political_statement(model):
    events = model.data.events.set_index("event_id")
    assert events.at["LY-E34a", "confidence"] == "claimed"
    assert row(model, "Mizdah", "2020-05-25")["controller"] == "LNA"
    assert row(model, "Mizdah", "2020-05-28")["controller"] == "GNA"
    before = events[(events["place"] == "Mizdah") & (events["controller"] == "LNA")]
    assert before["date"].min() < pd.Timestamp("2020-01-01")  # the LNA holding is recorded


@pytest.mark.parametrize("place", ["Regdaleen", "al-Jumail", "Zelten"])
def test_the_lna_took_the_towns_south_of_zuwara_on_25_march_2020(model, place):
    assert row(model, place, "2020-03-24")["controller"] == "GNA"
    after = row(model, place, "2020-03-25")
    assert (after["controller"], after["confidence"]) == ("LNA", "confirmed")
    assert row(model, place, "2020-04-13")["controller"] == "GNA"


def test_zintan_pro_lna_sites_were_taken_on_12_june_2020(model):
    events = model.data.events
    taken = events[(events["place"] == "Zintan") & (events["date"] == pd.Timestamp("2020-06-12"))]
    assert set(zip(taken["controller"], taken["previous_controller"], strict=True)) == {
        ("GNA", "LNA")
    }
    first = row(model, "Zintan", FIRST_DAY)
    assert (first["controller"], first["confidence"]) == ("GNA", "confirmed")


def test_tarhuna_lna_holding_rests_on_a_wire_report(model):
    events = model.data.events
    held = events[
        (events["place"] == "Tarhuna")
        & (events["controller"] == "LNA")
        & (events["confidence"] == "confirmed")
    ]
    assert "wire" in set(held["source_kind"])
    assert held["date"].min() == pd.Timestamp("2019-06-26")


def test_aziziya_gna_held_from_november_2017_and_first_claimed_by_the_lna_on_5_april_2019(model):
    # LSM and Whispering Bell: al-Juwaili's GNA forces took the town on 7-8 November 2017
    first = row(model, "Aziziya", FIRST_DAY)
    assert (first["controller"], first["confidence"], first["claim_faction"]) == (
        "GNA",
        "confirmed",
        "",
    )
    state = row(model, "Aziziya", "2019-04-05")
    assert (state["controller"], state["claim_faction"]) == ("GNA", "LNA")
    assert state["claim_since"] == pd.Timestamp("2019-04-05")


def test_reposts_are_replaced_by_originals(model):
    events = model.data.events.set_index("event_id")
    assert events.at["LY-E08c", "source_url"].startswith("https://www.reuters.com/")
    assert not events["source_publisher"].str.contains("Minbar Libya (", regex=False).any()
