"""Stored and linked Markdown injection: data text never becomes an image, a link or markup.

Payloads put a blank line before Markdown (which ends an HTML block, so Markdown after it
would be parsed), images and links to another loopback host (127.0.0.2, so a slip is a
request the test sees, never a request off the machine), backticks that try to close a
code span, and right-to-left overrides. They sit in place names, faction labels, notes,
source titles, a bad value quoted in the error box, an upload's file name and link values.
"""

from __future__ import annotations

import csv
import io
import shutil
from urllib.parse import quote, urlparse

import pytest
from playwright.sync_api import Page, expect

from dashboard.core.ledger.read import open_ledger
from dashboard.core.ledger.writes import add_event
from tests.support.builders import EVENT_HEADER, write_events
from tests.support.mapdom import map_frame, map_locator, wait_idle
from tests.support.server import running_app

pytestmark = pytest.mark.e2e

OTHER = "http://127.0.0.2"
PLACE = f"Zawiya\n\n![place]({OTHER}/place.png)"
LABEL = f"Alpha\n\n[Sign in]({OTHER}/login)"
NOTE = f"note\n\n![note]({OTHER}/note.png) `tick` **bold**"
TITLE = f"title\n\n<img src={OTHER}/title.png> [t]({OTHER}/t)"
RTL = "\u202etxt.exe\u202c طرابلس"
FIND_OTHER_HOST = """
() => [...document.querySelectorAll('img[src], a[href], source[src], link[href]')]
  .filter(e => (e.getAttribute('src') || e.getAttribute('href') || '').includes('127.0.0.2'))
  .map(e => (e.parentElement || e).outerHTML.slice(0, 300))
"""


def events_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_HEADER.split(","))
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    rows = [
        ["M1", "2020-01-01", PLACE, "32.8", "13.1", "A", "", "day", "capture", "confirmed",
         TITLE, "Wire", "", "", NOTE],
        ["M2", "2020-01-02", RTL, "32.5", "13.4", "B", "", "day", "capture", "confirmed",
         "ok", "Wire", "", "https://example.org/ok", ""],
    ]  # fmt: skip
    factions = f'faction,label,color,description\nA,"{LABEL}",#0072B2,\nB,Beta,#D55E00,\n'
    return write_events(tmp_path_factory.mktemp("md"), events_text(rows), factions)


def leaks(page: Page, seen: list[str]) -> list[str]:
    found = [u for u in seen if urlparse(u).hostname not in ("127.0.0.1", "localhost")]
    found = [u for u in found if not u.startswith(("data:", "blob:", "about:"))]
    for frame in [page.main_frame, *page.frames]:
        found += frame.evaluate(FIND_OTHER_HOST)
    return found


def watch(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def test_stored_payloads_stay_text_in_every_panel(page: Page, folder):
    seen = watch(page)
    with running_app(folder) as url:
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(f"{url}/?date=2020-01-05&place={quote('Zawiya')}")
        map_frame(page)
        wait_idle(page)
        page.goto(f"{url}/?date=2020-01-05&place={quote(PLACE)}")
        map_frame(page)
        wait_idle(page)
        panel = page.locator(".fl-history")
        expect(panel).to_contain_text("![place](http://127.0.0.2/place.png)", timeout=20_000)
        expect(panel).to_contain_text("![note](http://127.0.0.2/note.png) `tick` **bold**")
        legend = map_locator(page).locator(".fl-legend")  # the legend lives in the map now
        expect(legend).to_contain_text("[Sign in](http://127.0.0.2/login)")
        tabs = page.get_by_role("tab")
        for i in range(tabs.count()):
            tabs.nth(i).click()
            wait_idle(page)
        body = page.locator("body").inner_text().replace("\u2060", "")
        assert "\u202e" not in body and "طرابلس" in body
        assert leaks(page, seen) == []


def test_link_values_stay_text_in_notices(page: Page, folder):
    seen = watch(page)
    bad_date = "x\n\n![d](" + OTHER + "/date.png)"
    query = "&".join(
        [
            f"date={quote(bad_date)}",
            f"faction={quote(f'[Sign in]({OTHER}/login)')}",
            f"place={quote('`` `<img src=' + OTHER + '/p.png>` ``')}",
            f"layer={quote(f'{OTHER}/autolink')}",
        ]
    )
    with running_app(folder) as url:
        page.goto(f"{url}/?{query}")
        map_frame(page)
        wait_idle(page)
        alerts = page.locator("[data-testid='stAlert']")
        expect(alerts.first).to_be_visible()
        text = " ".join(alerts.all_inner_texts()).replace("\u2060", "")
        assert "[Sign in](http://127.0.0.2/login)" in text
        assert "![d](http://127.0.0.2/date.png)" in text
        assert leaks(page, seen) == []


def test_error_box_and_upload_name_stay_text(page: Page, folder, tmp_path):
    bad = write_events(
        tmp_path / "bad",
        events_text([["E1", f"`` ![e]({OTHER}/err.png) ``", "P", "1", "1", "A", "", "day",
                      "capture", "confirmed", "T", "", "", "", ""]]),
    )  # fmt: skip
    seen = watch(page)
    with running_app(bad) as url:
        page.goto(url)
        map_frame(page)
        wait_idle(page)
        error = page.locator("[data-testid='stAlertContentError']").first
        expect(error).to_contain_text(f"bad date '`` ![e]({OTHER}/err.png) ``'")
        assert str(tmp_path) not in error.inner_text()
        page.get_by_text("Load your own data (CSV or ACLED)").click()
        name = f"![u]({OTHER}/up.png) `x`.csv"
        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(
            {
                "name": name,
                "mimeType": "text/csv",
                "buffer": (folder / "events" / "events.csv").read_bytes(),
            }
        )
        success = page.locator("[data-testid='stAlertContentSuccess']")
        expect(success).to_be_visible(timeout=30_000)
        assert name in success.inner_text().replace("\u2060", "")
        assert leaks(page, seen) == []


def test_an_uploaded_factions_files_labels_stay_text(page: Page, app_url: str, folder, tmp_path):
    """Labels and names of an uploaded factions file reach the colour pickers, the caption
    of unused factions, the unreadable-colour warning and the legend: text in all of them."""
    seen = watch(page)
    ghost = f"G `x` ![g]({OTHER}/ghost.png)"
    colours = tmp_path / "colours.csv"  # A's colour is the sea's: it gets a warning
    colours.write_text(
        f'faction,label,color\nA,"{LABEL}",#DDE3E8\nB,Beta,#D55E00\n"{ghost}",Ghost,#123\n',
        encoding="utf-8",
    )
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(app_url)
    map_frame(page)
    wait_idle(page)
    page.get_by_text("Load your own data (CSV or ACLED)").click()
    inputs = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    inputs.nth(1).set_input_files(str(colours))
    wait_idle(page)
    inputs.nth(0).set_input_files(str(folder / "events" / "events.csv"))
    expect(page.get_by_text("Exploring the uploaded file")).to_be_visible(timeout=30_000)
    wait_idle(page)
    page.get_by_text("Faction colours", exact=True).click()
    wait_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    pickers = " ".join(page.get_by_test_id("stColorPicker").all_inner_texts())
    assert "[Sign in](http://127.0.0.2/login)" in pickers.replace("\u2060", "")
    expect(sidebar).to_contain_text("not in the data:")
    assert f"![g]({OTHER}/ghost.png)" in sidebar.inner_text().replace("\u2060", "")
    main = page.get_by_test_id("stMain")
    warning = main.get_by_test_id("stAlertContentWarning").filter(has_text="hard to read")
    expect(warning).to_contain_text("hard to tell from the sea")
    assert "[Sign in](http://127.0.0.2/login)" in warning.inner_text().replace("\u2060", "")
    legend = map_locator(page).locator(".fl-legend")
    expect(legend).to_contain_text("[Sign in](http://127.0.0.2/login)")
    assert leaks(page, seen) == []


def test_team_history_tables_stay_text(page: Page, folder, tmp_path):
    """``st.table`` renders cells as Markdown: an author, a reason and a place saved in the
    ledger must show as text in the History tab and the place panel's team changes."""
    data = tmp_path / "team"
    shutil.copytree(folder, data)
    author = f"![by]({OTHER}/by.png)"
    reason = f"why\n\n[Sign in]({OTHER}/why) <img src={OTHER}/why.png>"
    row = {"date": "2020-01-03", "place": PLACE, "lat": "32.8", "lon": "13.1",
           "controller": "B", "confidence": "confirmed", "source_title": TITLE}  # fmt: skip
    add_event(open_ledger(data), row, author, reason)
    seen = watch(page)
    with running_app(data, env={"FRONTLINE_DB_URL": ""}) as url:
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(f"{url}/?date=2020-01-05&place={quote(PLACE)}")
        map_frame(page)
        wait_idle(page)
        expect(page.get_by_text("Team changes")).to_be_visible(timeout=20_000)
        page.get_by_role("tab", name="History", exact=True).click()
        wait_idle(page)
        tables = page.get_by_test_id("stTable")
        expect(tables.first).to_be_visible()
        text = " ".join(tables.all_inner_texts()).replace("\u2060", "")
        assert author in text and f"[Sign in]({OTHER}/why) <img src={OTHER}/why.png>" in text
        assert "\\" not in text  # the escapes were consumed by the Markdown, not shown
        assert leaks(page, seen) == []
