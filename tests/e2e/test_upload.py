"""Upload a CSV in the browser and explore it on the same map; the bundled data is untouched."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import external
from tests.support.mapdom import (
    MAP_FRAME,
    drawn_markers,
    map_frame,
    map_locator,
    shown_day,
    wait_idle,
)
from tests.support.pages import (
    loopback_only,
    open_app,
    poll,
    press_on_range,
    wait_for_marker,
    wait_page_day,
)
from tests.support.paths import ROOT

pytestmark = pytest.mark.e2e
TINY_EVENTS = ROOT / "tests" / "data" / "tiny" / "events" / "events.csv"
ACLED = ROOT / "tests" / "data" / "acled" / "sample.csv"


@pytest.fixture(autouse=True)
def no_other_host(page: Page) -> None:
    """Every request to a host other than the app's loopback one is aborted."""
    page.context.route("**/*", loopback_only)


def uploader(page: Page, label: str):
    """The file input of the sidebar uploader labelled ``label``."""
    return page.get_by_test_id("stFileUploader").filter(has_text=label).locator("input[type=file]")


def upload(page: Page, path, kind: str, factions=None) -> None:
    """Upload ``path`` as ``kind`` (and ``factions``, a factions file, before it)."""
    page.get_by_text("Load your own data (CSV or ACLED)").click()
    page.get_by_text(kind, exact=True).click()
    wait_idle(page)
    if factions is not None:
        uploader(page, "Factions file").set_input_files(str(factions))
        wait_idle(page)
    uploader(page, "CSV file").set_input_files(str(path))
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
    uploader(page, "CSV file").set_input_files(str(bad))
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("The uploaded file was not loaded")).to_be_visible(timeout=30_000)
    expect(main).to_contain_text("bad.csv:2: impossible date '2020-02-30'")
    assert "/tmp/" not in main.inner_text()  # no server path; ';' was read as the separator


def legend_labels(page: Page) -> list[str]:
    return [t.strip() for t in map_locator(page).locator(".fl-legend-label").all_inner_texts()]


def test_a_factions_file_beside_the_upload_colours_its_markers_and_legend(
    page: Page, app_url: str, tmp_path, requests_seen
):
    factions = tmp_path / "colours.csv"  # ';'-separated, a #RGB colour, a faction the data lacks
    factions.write_text(
        "faction;label;color;description\nNorth;Northern Alliance;#173;test\nGhost;Gh;#123456;\n",
        encoding="utf-8",
    )
    open_app(page, app_url)
    upload(page, TINY_EVENTS, "Frontline CSV", factions=factions)
    wait_for_places(page, {"Alphaville", "Betatown", "Gammaburg"})
    marker = wait_for_marker(page, "Alphaville", "#117733")
    assert marker["controller"] == "North"
    assert any(label.startswith("Northern Alliance") for label in legend_labels(page))
    south = drawn_markers(page)["Betatown"]  # South is not in the file: an automatic colour
    assert south["controller"] == "South" and south["fill"].upper() not in ("#117733", "#BBBBBB")
    expect(page.get_by_test_id("stSidebar")).to_contain_text(
        "not in the data: Ghost", timeout=30_000
    )
    assert external(requests_seen) == []


def test_a_bad_factions_file_is_named_by_line_and_the_upload_still_loads(
    page: Page, app_url: str, tmp_path
):
    bad = tmp_path / "bad-colours.csv"
    bad.write_text(
        "faction,label,color\nNorth,Northern,#0072B2\nSouth,Southern,blu\nNorth,Again,#000\n",
        encoding="utf-8",
    )
    open_app(page, app_url)
    upload(page, TINY_EVENTS, "Frontline CSV", factions=bad)
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("The uploaded factions file was not used")).to_be_visible(
        timeout=30_000
    )
    expect(main).to_contain_text("bad-colours.csv:3: bad color 'blu' (expected #RGB or #RRGGBB)")
    expect(main).to_contain_text(
        "bad-colours.csv:4: faction 'North' listed twice (first on line 2)"
    )
    assert "/tmp/" not in main.inner_text()
    shown = wait_for_places(page, {"Alphaville", "Betatown", "Gammaburg"})  # still explored
    assert shown["Alphaville"]["fill"].upper() != "#0072B2"  # the file's colours are not used
    assert page.get_by_test_id("stException").count() == 0


def pick_color(page: Page, faction_label: str, color: str) -> None:
    """Set the *Faction colours* picker of ``faction_label`` to ``color`` (its hex field)."""
    picker = page.get_by_test_id("stColorPicker").filter(has_text=faction_label)
    field = page.locator("input[id^='rc-editable-input']")
    for attempt in range(3):  # a rerun the map started (its day, its view) closes the popover
        wait_idle(page)
        picker.get_by_test_id("stColorPickerBlock").click()
        try:
            field.wait_for(state="visible", timeout=10_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
    field.fill(color)
    field.press("Enter")
    page.keyboard.press("Escape")
    wait_idle(page)


def test_a_picked_colour_recolours_the_map_keeps_the_upload_and_warns_when_unreadable(
    page: Page, app_url: str
):
    open_app(page, app_url)
    upload(page, TINY_EVENTS, "Frontline CSV")
    wait_for_places(page, {"Alphaville", "Betatown", "Gammaburg"})
    page.get_by_text("Faction colours", exact=True).click()
    pick_color(page, "South", "#332288")
    wait_for_marker(page, "Betatown", "#332288")
    expect(page.get_by_text("Exploring the uploaded file")).to_be_visible(timeout=30_000)
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("hard to read on the map")).to_have_count(0)
    pick_color(page, "North", "#DDE3E9")  # the sea's colour, give or take: used, with a warning
    wait_for_marker(page, "Alphaville", "#DDE3E9")
    expect(main).to_contain_text("hard to tell from the sea (#DDE3E8)", timeout=30_000)
    wait_for_marker(page, "Betatown", "#332288")  # the first choice is kept


def test_the_view_stays_on_the_upload_through_scrubbing_and_a_click(page: Page, app_url: str):
    """The map opens fitted to the upload (Chad), not to the bundled Libya, and stays on the
    uploaded data after the page follows a scrub and after a click on one of its places."""
    open_app(page, app_url)
    upload(page, TINY_EVENTS, "Frontline CSV")
    names = {"Alphaville", "Betatown", "Gammaburg"}

    def inside_view() -> bool:
        box = page.locator(MAP_FRAME).bounding_box()
        shown = drawn_markers(page)
        return set(shown) == names and all(
            box["x"] <= m["x"] <= box["x"] + box["width"]
            and box["y"] <= m["y"] <= box["y"] + box["height"]
            for m in shown.values()
        )

    poll(page, inside_view, bool, "the upload's places are not all in the map's view")
    press_on_range(page, "ArrowRight", 2)
    wait_page_day(page, shown_day(page))
    poll(page, inside_view, bool, "after a scrub the map left the upload")
    expect(page.get_by_test_id("fl-day")).to_contain_text("showing 3 of 3 places")
    gamma = drawn_markers(page)["Gammaburg"]
    page.mouse.click(gamma["x"], gamma["y"])
    expect(page.locator(".st-key-place_panel")).to_contain_text(
        "Control history of Gammaburg", timeout=20_000
    )
    wait_idle(page)
    poll(page, inside_view, bool, "after a click the map left the upload")
    expect(page.get_by_text("Exploring the uploaded file")).to_be_visible()
