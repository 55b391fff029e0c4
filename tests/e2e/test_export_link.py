"""Links to a day in the exported HTML map: ``#date=…&place=…`` opens that day and place,
scrubbing rewrites the address without a reload, and hostile values stay inert data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.exported import export_html
from tests.support.timeline_probe import step_to

pytestmark = pytest.mark.e2e

LNA, GNA = "#D55E00", "#0072B2"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """The bundled campaign exported once as HTML, opening on 6 June 2020."""
    return export_html(tmp_path_factory.mktemp("link"), "2020-06-06")


def open_page(page: Page, url: str) -> list[str]:
    """Open ``url`` and wait for the timeline; every requested URL is collected."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(url)
    page.wait_for_function("() => window.frontline && window.frontline.linkOn", timeout=20_000)
    return seen


def address(page: Page) -> str:
    return str(page.evaluate("() => window.location.hash"))


def test_a_link_opens_the_day_and_the_place(page: Page, exported: Path):
    seen = open_page(page, exported.as_uri() + "#date=2020-06-01&place=al-Asabaa")
    asabaa = page.locator("path[aria-label='al-Asabaa']")
    expect(asabaa).to_have_attribute("fill", LNA)
    expect(page.locator(".fl-date")).to_have_text("1 Jun 2020")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Control history of al-Asabaa")
    box = asabaa.bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    assert 0 <= box["x"] <= size["width"] and 0 <= box["y"] <= size["height"]
    assert [u for u in seen if not u.startswith(("file:", "data:"))] == []
    assert page.evaluate("() => window.__errors") == []


def test_scrubbing_rewrites_the_address_without_reloading(page: Page, exported: Path):
    open_page(page, exported.as_uri() + "#date=2020-06-01&place=al-Asabaa")
    page.evaluate("() => { window.__sameDocument = true; }")
    depth = page.evaluate("() => history.length")
    step_to(page, dt.date(2020, 6, 6))
    page.wait_for_function("() => location.hash.startsWith('#date=2020-06-06')")
    assert "place=al-Asabaa" in address(page)  # its history is still open
    popup = page.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    page.locator(".leaflet-popup-close-button").click()
    expect(popup, "the close button closes the history").to_have_count(0)
    page.wait_for_function("() => location.hash === '#date=2020-06-06'")
    tarhuna = page.locator("path[aria-label='Tarhuna']")
    expect(tarhuna).to_have_attribute("fill", GNA)
    assert page.evaluate("() => window.__sameDocument") is True  # no reload
    assert page.evaluate("() => history.length") == depth  # replaced, not pushed


def test_the_address_bar_moves_the_open_page(page: Page, exported: Path):
    open_page(page, exported.as_uri())
    page.wait_for_function("() => location.hash === '#date=2020-06-06'")
    page.evaluate("() => { location.hash = '#date=2020-06-01&place=Tarhuna'; }")
    expect(page.locator(".fl-date")).to_have_text("1 Jun 2020")
    expect(page.locator("path[aria-label='Tarhuna']")).to_have_attribute("fill", LNA)
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Control history of Tarhuna")


@pytest.mark.parametrize(
    "link",
    [
        "#date=2020-02-30&place=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E",
        "#date=2020-06-01T00:00&place=al-Asabaa%22%3E%3Cscript%3Ewindow.__pwned%3D1%3C/script%3E",
        "#date=9999-01-01&map=99/1e9/alert(1)",
        "#date=javascript:window.__pwned=1",
    ],
)
def test_a_bad_link_is_ignored_and_stays_data(page: Page, exported: Path, link: str):
    open_page(page, exported.as_uri() + link)
    expect(page.locator(".fl-date")).to_have_text("6 Jun 2020")  # the export's own day
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("() => window.__errors") == []
    page.wait_for_function("() => location.hash === '#date=2020-06-06'")
