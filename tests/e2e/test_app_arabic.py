"""The app's map in Arabic: ``lang=ar`` in the link, and the sidebar's *Map language*."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import external
from tests.support.mapdom import map_locator, wait_idle
from tests.support.pages import loopback_only, open_app, poll, wait_map_day

pytestmark = pytest.mark.e2e


def test_the_link_opens_the_map_in_arabic_and_the_sidebar_switches_it(
    page: Page, app_url: str, requests_seen: list[str]
):
    page.context.route("**/*", loopback_only)
    open_app(page, app_url, "date=2020-06-01&lang=ar")
    wait_map_day(page, "2020-06-01")
    arabic = map_locator(page)
    expect(arabic.locator(".fl-bar")).to_have_attribute("dir", "rtl")
    expect(arabic.locator(".fl-legend")).to_contain_text("السيطرة · 1 يونيو 2020")
    expect(arabic.locator(".fl-label[data-label='Tripoli']")).to_have_text("طرابلس")
    box = (
        page.get_by_test_id("stSidebar")
        .get_by_test_id("stSelectbox")
        .filter(has_text="Map language")
    )
    box.click()
    page.get_by_role("option", name="English", exact=True).click()
    wait_idle(page)
    english = map_locator(page)
    expect(english.locator(".fl-legend")).to_contain_text("Control · 1 Jun 2020", timeout=60_000)
    expect(english.locator(".fl-bar")).to_have_attribute("dir", "ltr")
    poll(page, lambda: page.url, lambda url: "lang=" not in url, "lang stayed in the link")
    assert external(requests_seen) == []
