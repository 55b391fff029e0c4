"""The place panel's holding lines: a thin record says so, with its date's precision."""

from __future__ import annotations

import datetime as dt

from dashboard.core.model import Model
from dashboard.ui.context import Context
from dashboard.ui.panel import holding_lines


def lines_on(place: str, day: dt.date) -> list[str]:
    model = Model.load()
    return holding_lines(Context(model, "bundled", day, tuple(model.factions)), place)


def test_a_thin_record_gives_its_precision_and_says_it_is_thin():
    """al-Asabaa in July 2020 rests only on month-precise reports of the GNA holding."""
    lines = lines_on("al-Asabaa", dt.date(2020, 7, 10))
    assert "since about June 2020 (month)" in lines[0].replace("\\", "")
    assert any(line.startswith("≈ **Thin record**") for line in lines)


def test_a_dated_capture_is_not_thin():
    lines = lines_on("Gharyan", dt.date(2019, 7, 1))
    assert "since 26 June 2019 (confirmed)" in lines[0]
    assert not any("Thin record" in line for line in lines)
