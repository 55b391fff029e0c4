"""A lean model (context events on disk) answers every question as the all-in-memory one."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from bench.synth import generate
from dashboard.core.model import Model
from tests.support.paths import BUNDLED


@pytest.fixture(scope="module", params=["bundled", "synthetic"])
def pair(request, tmp_path_factory):
    if request.param == "bundled":
        folder = BUNDLED
    else:
        folder = generate(tmp_path_factory.mktemp("syn"), places=60, events=3_000, seed=4)
    return Model.load(folder, lean=False), Model.load(folder, lean=True)


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False
    )


def test_the_lean_model_holds_only_control_rows_in_memory(pair):
    full, lean = pair
    assert lean.context is not None and full.context is None
    assert (lean.data.events["controller"] != "").all()
    context = int((full.data.events["controller"] == "").sum())
    assert context > 0 and lean.context.total == context
    assert lean.event_count() == full.event_count() == len(full.data.events)


def test_every_event_question_has_the_same_answer(pair):
    full, lean = pair
    same(full.all_events(), lean.all_events())
    assert full.span() == lean.span()
    assert full.event_counts() == lean.event_counts()
    days = pd.date_range(*full.span(), periods=7)
    for day in days:
        same(full.events_until(day), lean.events_until(day))
        same(full.state(day), lean.state(day))
    for place in full.data.places["place"].iloc[:: max(1, len(full.data.places) // 9)]:
        same(full.place_events(place), lean.place_events(place))


def test_place_histories_are_the_same(pair):
    full, lean = pair
    places = list(full.data.places["place"])
    assert full.place_histories() == lean.place_histories()
    day = full.span()[0] + (full.span()[1] - full.span()[0]) / 2
    chosen = places[::3]
    assert full.place_histories(chosen, until=day) == lean.place_histories(chosen, until=day)
    assert lean.place_histories([], until=day) == {}


def test_the_context_file_is_parquet_sorted_by_place_and_date(pair):
    _, lean = pair
    assert lean.context is not None
    frame = lean.context.read()
    assert lean.context.path.suffix == ".parquet" and len(frame) == lean.context.total
    ordered = frame.sort_values(["place", "date"], kind="stable")
    assert np.array_equal(ordered.index.to_numpy(), np.arange(len(frame)))


def test_the_standalone_map_of_a_lean_model_is_the_same_page(pair):
    from dashboard.ui.map.page import standalone_html

    def page(model: Model) -> str:  # folium names its elements with random hex ids
        return re.sub(r"[0-9a-f]{32}", "ID", standalone_html(model, model.span()[1]))

    full, lean = pair
    assert page(lean) == page(full)
