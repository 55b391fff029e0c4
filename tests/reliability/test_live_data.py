"""Data files changed while the app runs: valid edits show up, invalid ones keep the last
good data on screen with the problems shown."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Page, expect

from tests.support.mapdom import drawn_markers, map_frame, wait_idle
from tests.support.pages import press_on_range, wait_for_marker, wait_page_day
from tests.support.paths import TINY
from tests.support.server import running_app

pytestmark = pytest.mark.e2e
NORTH, SOUTH = "#0072B2", "#D55E00"


def fill_of(page: Page, place: str, fill: str) -> None:
    """Wait until ``place`` is drawn in ``fill``."""
    wait_for_marker(page, place, fill)


def test_edits_while_running_show_up_and_bad_edits_keep_the_last_good_data(page, tmp_path):
    shutil.copytree(TINY, tmp_path / "data")
    table = tmp_path / "data" / "events" / "events.csv"
    original = table.read_text(encoding="utf-8")
    with running_app(tmp_path / "data") as url:
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(f"{url}/?date=2020-01-09")
        map_frame(page)
        wait_idle(page)
        fill_of(page, "Alphaville", NORTH)

        # A valid edit (Alphaville's first holder) shows up on the next rerun.
        table.write_text(
            original.replace(
                "T1,2020-01-01,Alphaville,10.0,20.0,North",
                "T1,2020-01-01,Alphaville,10.0,20.0,South",
            ),
            encoding="utf-8",
        )
        press_on_range(page, "ArrowRight")
        wait_page_day(page, "2020-01-10")
        fill_of(page, "Alphaville", SOUTH)

        # An invalid edit: the problems are shown and the last good data stays on the map.
        table.write_text(table.read_text().replace("T5,2020-01-15", "T5,2020-02-30"))
        page.reload()
        wait_idle(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        map_frame(page)
        alert = page.get_by_test_id("stAlertContentError")
        # the path from the data folder's name on: the server's folders stay private
        shown = table.relative_to(table.parents[2])
        expect(alert).to_contain_text(f"{shown}:6: impossible date '2020-02-30'")
        assert str(table.parents[2]) not in alert.inner_text()
        expect(
            page.get_by_text("The last valid version of this data is still shown")
        ).to_be_visible()
        expect(page.get_by_test_id("fl-day")).to_contain_text("showing 3 of 3 places")
        fill_of(page, "Alphaville", SOUTH)
        assert "Gammaburg" in drawn_markers(page)

        # Fixing the file clears the error.
        table.write_text(original, encoding="utf-8")
        page.reload()
        map_frame(page)
        wait_idle(page)
        expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
        fill_of(page, "Alphaville", NORTH)
