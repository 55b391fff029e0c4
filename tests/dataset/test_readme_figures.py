"""The README's figures about the bundled data are the data's: counted here, never typed twice."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.core.model import Model
from tests.support.paths import BUNDLED, ROOT

FIRST_DAY = "2019-04-04"
SENTENCE = re.compile(
    r"Today: (?P<drawn>\d+) places on the map \((?P<gazetteer>\d+) in the gazetteer\), "
    r"(?P<events>\d+) events, (?P<sources>\d+) sources \((?P<kinds>[^)]*)\); on the campaign's "
    r"first day, 4 April 2019, (?P<unknown>\d+) places? ha(?:s|ve) no sourced holder \((?P<names>[^)]*)"
)


@pytest.fixture(scope="module")
def figures() -> dict[str, str]:
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    found = SENTENCE.search(text)
    assert found, "README's data section lost its 'Today: …' sentence"
    return found.groupdict()


@pytest.fixture(scope="module")
def model() -> Model:
    return Model.load(BUNDLED)


def test_readme_counts_places_events_and_sources_as_the_files_hold_them(figures, model):
    gazetteer = pd.read_csv(BUNDLED / "geo" / "places.csv", dtype=str, keep_default_na=False)
    sources = pd.read_csv(BUNDLED / "sources" / "sources.csv", dtype=str, keep_default_na=False)
    events = model.data.events
    assert int(figures["gazetteer"]) == len(gazetteer)
    assert int(figures["drawn"]) == events["place"].nunique()
    assert int(figures["events"]) == len(events)
    assert int(figures["sources"]) == len(sources)
    kinds = dict(re.findall(r"(\w+) (\d+)", figures["kinds"]))
    assert {k: int(n) for k, n in kinds.items()} == sources["kind"].value_counts().to_dict()


def test_readme_names_the_places_unknown_on_the_first_day(figures, model):
    state = model.state(FIRST_DAY)
    unknown = set(state.loc[state["controller"] == "unknown", "place"])
    assert int(figures["unknown"]) == len(unknown)
    named = {name.strip() for name in figures["names"].split(",")}
    named = {re.sub(r"^and ", "", name) for name in named if name}
    named = {name for name in named if not name.startswith("each ")}
    assert named == unknown
