"""Upload a CSV in the browser and explore it on the same map; the bundled data is untouched."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT
from tests.e2e.helpers import open_app, poll
from tests.e2e.mapdom import drawn_markers, map_frame, map_locator, wait_idle

pytestmark = pytest.mark.e2e
TINY_EVENTS = ROOT / "tests" / "data" / "tiny" / "events" / "events.csv"
ACLED = ROOT / "tests" / "data" / "acled" / "sample.csv"


def upload(page: Page, path, kind: str) -> None:
    page.get_by_text("Load your own data (CSV or ACLED)").click()
    page.get_by_text(kind, exact=True).click()
    wait_idle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    expect(page.get_by_text("Exploring the uploaded file")).to_be_visible(timeout=30_000)
    wait_idle(page)


def wait_for_places(page: Page, names: set[str]) -> dict:
    """Wait until the map draws exactly the places ``names``; return the markers."""
    return poll(
        page, lambda: drawn_markers(page), lambda shown: set(shown) == names, f"expected {names}"
    )


def test_upload_a_frontline_csv_and_explore_it(page: Page, app_url: str):
    before = TINY_EVENTS.read_bytes()
    open_app(page, app_url)
    upload(page, TINY_EVENTS, "Frontline CSV")
    shown = wait_for_places(page, {"Alphaville", "Betatown", "Gammaburg"})
    assert len({m["fill"] for m in shown.values()}) >= 2
    expect(page.get_by_test_id("fl-day")).to_contain_text("showing 3 of 3 places")
    assert TINY_EVENTS.read_bytes() == before


def test_upload_an_acled_export_shows_summary_and_review(page: Page, app_url: str):
    open_app(page, app_url)
    upload(page, ACLED, "ACLED export")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text("control changes")
    expect(sidebar).to_contain_text("need review")
    expect(page.get_by_test_id("fl-day")).to_contain_text("places")
    assert "Gharyan" in drawn_markers(page)


def test_an_upload_from_another_country_draws_its_land_and_names(page: Page, app_url: str):
    """tests/data/tiny lies in Chad: the map draws Chad and its neighbours from the world
    layer, and names the upload's own towns as text on the map."""
    open_app(page, app_url)
    upload(page, TINY_EVENTS, "Frontline CSV")
    wait_for_places(page, {"Alphaville", "Betatown", "Gammaburg"})
    frame = map_frame(page)
    land = frame.evaluate(
        "() => { const out = []; window.frontline.map.eachLayer(l => { const p = l.feature &&"
        " l.feature.properties; if (p && p.iso_a3) out.push(p.iso_a3); }); return out; }"
    )
    assert "TCD" in land, land
    names = map_locator(page).locator(".fl-label")
    expect(names.filter(has_text="Alphaville")).to_have_count(1)
    expect(names.filter(has_text="Gammaburg")).to_have_count(1)


def test_a_bad_upload_shows_its_problem_lines_in_the_main_area(page: Page, app_url: str, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "event_id;date;place;lat;lon;controller;confidence;source_title\n"
        "E1;2020-02-30;Alpha;10;20;North;confirmed;Src\n",
        encoding="utf-8",
    )
    open_app(page, app_url)
    page.get_by_text("Load your own data (CSV or ACLED)").click()
    page.get_by_text("Frontline CSV", exact=True).click()
    wait_idle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(bad))
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("The uploaded file was not loaded")).to_be_visible(timeout=30_000)
    expect(main).to_contain_text("bad.csv:2: impossible date '2020-02-30'")
    assert "/tmp/" not in main.inner_text()  # no server path; ';' was read as the separator
