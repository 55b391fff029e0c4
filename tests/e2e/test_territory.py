"""Areas of control in the browser: toggling the layer, and scrubbing changes the areas."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import GNA, LNA, open_app, poll, scrub, wait_for_marker
from tests.e2e.mapdom import area_fills, wait_idle

pytestmark = pytest.mark.e2e


def wait_for_areas(page: Page, predicate, message: str) -> list[str]:
    """Wait until the fills of the drawn area cells satisfy ``predicate``."""
    return poll(page, lambda: area_fills(page), predicate, message)


def test_toggle_areas_then_scrub_and_see_them_change(page: Page, app_url: str):
    open_app(page, app_url, "date=2020-06-03")
    assert area_fills(page) == []
    page.get_by_label("Map layers").click()
    page.get_by_role("option", name="Areas of control (approximate)").click()
    page.keyboard.press("Escape")
    wait_idle(page)
    before = wait_for_areas(page, lambda f: LNA in f and GNA in f, "no GNA and LNA areas")
    expect(page).to_have_url(re.compile(r"layer=areas"))
    scrub(page, "ArrowRight", 3)
    wait_for_marker(page, "Tarhuna", GNA)
    after = wait_for_areas(
        page, lambda f: f.count(LNA) < before.count(LNA), "LNA areas did not shrink"
    )
    assert after.count(GNA) > before.count(GNA)
