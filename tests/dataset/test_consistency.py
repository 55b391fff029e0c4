"""The hand-edited CSVs of data/ agree: events, sources.csv and the gazetteer (tools/check_data)."""

from __future__ import annotations

import pandas as pd
import pytest

from tools.check_data import (
    EVENTS,
    PLACES,
    SOURCES,
    all_errors,
    check_events,
    check_gazetteer,
    check_sources,
    geonames_cities,
    read,
)


@pytest.fixture(scope="module")
def frames():
    return read(EVENTS), read(SOURCES), read(PLACES)


def test_the_bundled_data_has_no_problem():
    assert all_errors() == []


def test_every_source_is_one_row_cited_by_some_event(frames):
    events, sources, _ = frames
    cited = set(zip(events["source_url"], events["source_title"], strict=True))
    assert cited == set(zip(sources["url"], sources["title"], strict=True))
    assert sources["key"].is_unique and sources["url"].is_unique


def test_a_retyped_title_is_caught(frames):
    events, sources, _ = frames
    broken = events.copy()
    first = broken.index[0]
    broken.loc[first, "source_title"] += " (edited)"
    errors = check_sources(broken, sources)
    event_id = broken.loc[first, "event_id"]
    assert any(e.startswith(f"{event_id}: source columns match no sources.csv row") for e in errors)


def test_an_unused_source_is_caught(frames):
    events, sources, _ = frames
    url = sources.loc[0, "url"]
    errors = check_sources(events[events["source_url"] != url], sources)
    assert errors == [f"sources.csv: {sources.loc[0, 'key']} is cited by no event"]


def test_two_titles_for_one_url_are_caught(frames):
    events, sources, _ = frames
    twin = sources.iloc[[0]].assign(key="twin", title="Another title")
    errors = check_sources(events, pd.concat([sources, twin], ignore_index=True))
    assert f"sources.csv: url {sources.loc[0, 'url']!r} on two rows" in errors


def test_event_coordinates_must_be_the_gazetteers(frames):
    events, _, places = frames
    moved = events.copy()
    moved.loc[moved.index[0], "lat"] = "32.00000"
    factions = set(read(EVENTS.parent / "factions.csv")["faction"])
    errors = check_events(moved, places, factions)
    assert errors == [f"{moved.iloc[0]['event_id']}: lat/lon differ from places.csv"]


def test_every_place_names_where_its_coordinate_comes_from(frames):
    _, _, places = frames
    assert (places["coord_source"].str.strip() != "").all()
    blank = places.copy()
    blank.loc[blank.index[0], "coord_source"] = ""
    errors = check_gazetteer(blank, geonames_cities())
    assert errors == [f"{blank.iloc[0]['place']}: empty coord_source"]


def test_geonames_points_are_geonames_own(frames):
    _, _, places = frames
    nudged = places.copy()
    row = nudged.index[nudged["geonameid"] != ""][0]
    nudged.loc[row, "lon"] = "10.00000"
    errors = check_gazetteer(nudged, geonames_cities())
    assert errors == [
        f"{nudged.loc[row, 'place']}: lat/lon differ from GeoNames {nudged.loc[row, 'geonameid']}"
    ]
