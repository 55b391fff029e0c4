"""The day line's sentences: a change of hands, a first record and a re-report differ."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.core.model import Model
from dashboard.ui import scene
from tests.support.paths import BUNDLED


@pytest.fixture(scope="module")
def model() -> Model:
    return Model.load(BUNDLED)


def test_the_first_day_lists_first_records_not_changes_from_unknown(model):
    moved, first, _ = scene.day_summary(model, dt.date(2019, 4, 4))
    assert first, "the campaign's first day has places first recorded on it"
    assert not any("Unknown" in sentence for sentence in moved + first)
    assert any(sentence.startswith("Abu Salim: ") for sentence in first)


def test_a_capture_is_a_change_of_hands_from_its_previous_holder(model):
    moved, first, _ = scene.day_summary(model, dt.date(2019, 6, 26))
    gharyan = [s for s in moved if s.startswith("Gharyan: ")]
    assert gharyan == ["Gharyan: Libyan National Army (Haftar) → Government of National Accord"]
    assert not any(s.startswith("Gharyan") for s in first)
