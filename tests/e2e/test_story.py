"""A three-step story in the exported HTML map: Next/Previous walk it, each step shows its
day, place and words (as text), and the address carries the step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard.core.model import Model
from dashboard.ui.map import standalone_html
from tests.support.mapdom import map_locator
from tests.support.pages import loopback_only, open_app, wait_page_day
from tests.support.paths import BUNDLED
from tests.support.server import running_app

pytestmark = pytest.mark.e2e

LNA, GNA = "#D55E00", "#0072B2"
HOSTILE = "<img src=x onerror=window.__pwned=1> {{7*7}}"
STORY = (
    "date,title,text,place,zoom\n"
    "2019-04-04,The offensive,The LNA moves on Tripoli.,Gharyan,9\n"
    f'2020-06-01,al-Asabaa,"{HOSTILE}",al-Asabaa,10\n'
    "2020-06-06,Tarhuna,The GNA holds Tarhuna.,Tarhuna,\n"
)


@pytest.fixture(scope="module")
def story_data(tmp_path_factory) -> Path:
    """The bundled data with a three-step story."""
    folder = tmp_path_factory.mktemp("story") / "data"
    shutil.copytree(BUNDLED, folder)
    (folder / "events" / "story.csv").write_text(STORY, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def story_map(story_data: Path) -> Path:
    folder = story_data
    out = folder.parent / "map.html"
    out.write_text(
        standalone_html(Model.load(folder, ledger=False), "2020-01-01"), encoding="utf-8"
    )
    return out


def test_next_and_previous_walk_the_three_steps(page: Page, story_map: Path):
    page.goto(story_map.as_uri())
    page.wait_for_function("() => window.frontline && window.frontline.linkOn", timeout=20_000)
    story = page.locator(".fl-story")
    expect(story).to_contain_text("Story · 3 steps")
    nxt, prev = page.locator(".fl-story-next"), page.locator(".fl-story-prev")
    expect(prev).to_be_disabled()
    nxt.click()
    expect(story).to_contain_text("Step 1 of 3")
    expect(page.locator(".fl-date")).to_have_text("4 Apr 2019")
    expect(page.locator(".fl-story-title")).to_have_text("The offensive")
    page.wait_for_function("() => location.hash.startsWith('#step=1&date=2019-04-04')")
    nxt.click()
    expect(story).to_contain_text("Step 2 of 3")
    expect(page.locator("path[aria-label='al-Asabaa']")).to_have_attribute("fill", LNA)
    expect(page.locator(".fl-story-text")).to_contain_text(HOSTILE)  # shown as text
    assert page.evaluate("() => window.frontline.map.getZoom()") == 10
    expect(page.locator(".leaflet-popup")).to_have_count(1)  # the last step's has closed
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Control history of al-Asabaa")
    nxt.click()
    expect(story).to_contain_text("Step 3 of 3")
    expect(page.locator("path[aria-label='Tarhuna']")).to_have_attribute("fill", GNA)
    expect(nxt).to_be_disabled()
    prev.click()
    expect(story).to_contain_text("Step 2 of 3")
    page.wait_for_function("() => location.hash.startsWith('#step=2&date=2020-06-01')")
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("() => window.__errors") == []


def test_a_link_to_a_step_opens_it_and_scrubbing_leaves_the_story(page: Page, story_map: Path):
    page.goto(story_map.as_uri() + "#step=3")
    page.wait_for_function("() => window.frontline && window.frontline.linkOn", timeout=20_000)
    expect(page.locator(".fl-story")).to_contain_text("Step 3 of 3")
    expect(page.locator(".fl-date")).to_have_text("6 Jun 2020")
    page.locator(".fl-range").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".fl-story")).to_contain_text("Story · 3 steps")
    page.wait_for_function("() => location.hash.startsWith('#date=2020-06-05')")


def test_the_app_walks_the_story_and_the_page_follows(page: Page, story_data: Path):
    page.route("**/*", loopback_only)
    with running_app(story_data) as url:
        open_app(page, url, "date=2020-01-01", size=(1280, 720))
        frame = map_locator(page)
        frame.locator(".fl-story-next").click()
        frame.locator(".fl-story-next").click()
        expect(frame.locator(".fl-story")).to_contain_text("Step 2 of 3")
        expect(frame.locator("path[aria-label='al-Asabaa']")).to_have_attribute("fill", LNA)
        expect(frame.locator(".fl-story-text")).to_contain_text(HOSTILE)
        wait_page_day(page, "2020-06-01")  # the panel, tables and charts follow the step
        assert page.locator("img[src='x']").count() == 0
