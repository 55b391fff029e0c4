"""The Export tab's video button: on the bundled data a short range as a GIF, a progress
bar advancing per drawn day, then a download whose bytes are a GIF; on data with a story,
the story as an MP4."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import external
from tests.support.mapdom import wait_idle
from tests.support.pages import loopback_only, open_app
from tests.support.paths import TINY
from tests.support.server import running_app

pytestmark = pytest.mark.e2e

# Every text the progress bar shows, in order (recorded in the page, no polling gaps).
RECORD_PROGRESS_JS = """() => {
  window.__progress = [];
  new MutationObserver(() => {
    const bar = document.querySelector('[data-testid="stProgress"]');
    const text = bar ? bar.innerText.trim() : "";
    if (text && window.__progress[window.__progress.length - 1] !== text) window.__progress.push(text);
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}"""


def choose_size(page: Page, size: str) -> None:
    """Pick ``size`` in the size box by typing it (the list opens unreliably on a click)."""
    box = page.locator(".st-key-video_size input")
    box.click()
    box.press_sequentially(size)
    page.keyboard.press("Enter")
    wait_idle(page)


def open_export(page: Page) -> None:
    """Open the Export tab and wait for the run its click starts (a session's first run
    draws no closed tab, so its widgets come with that run)."""
    page.get_by_role("tab", name="Export", exact=True).click()
    expect(page.locator(".st-key-video_size input")).to_be_visible()
    wait_idle(page)


def test_the_export_tab_renders_a_gif_with_a_progress_bar(page: Page, app_url, requests_seen):
    page.route("**/*", loopback_only)
    open_app(page, app_url, "date=2020-06-01")
    open_export(page)
    page.locator(".st-key-video_format").get_by_text("GIF", exact=True).click()
    wait_idle(page)
    choose_size(page, "540x540")
    # The 10 days to the shown day, at 10 a second and 10 fps: every day drawn once.
    expect(page.get_by_text(re.compile(r"^10 days drawn at 540×540, \d+ frames"))).to_be_visible()
    page.evaluate(RECORD_PROGRESS_JS)
    page.get_by_role("button", name="Render the GIF").click()
    download = page.get_by_role("button", name=re.compile(r"^Download frontline-2020-05-23-"))
    expect(download).to_be_visible(timeout=180_000)
    seen = page.evaluate("() => window.__progress")
    days = [int(m[1]) for t in seen if (m := re.search(r"day (\d+) of 10", t))]
    assert len(days) >= 3 and days == sorted(days) and days[-1] >= 9, seen
    assert seen[-1].startswith("Done:"), seen
    with page.expect_download() as info:
        download.click()
    data = Path(info.value.path()).read_bytes()
    assert data[:6] == b"GIF89a"
    assert info.value.suggested_filename == "frontline-2020-05-23-2020-06-01.gif"
    assert external(requests_seen) == []


def test_the_export_tab_follows_the_story_as_an_mp4(page: Page, tmp_path, requests_seen):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "events" / "story.csv").write_text(
        "date,title,text,place,zoom\n2020-01-10,Fall,Taken.,Betatown,9\n"
        "2020-01-12,Two,x,,\n2020-01-15,Three,y,Alphaville,\n",
        encoding="utf-8",
    )
    page.route("**/*", loopback_only)
    with running_app(folder) as url:
        open_app(page, url, "date=2020-01-10")
        open_export(page)
        choose_size(page, "540x540")
        page.locator(".st-key-video_story").get_by_text("Follow the story (3 steps)").click()
        wait_idle(page)
        # 3 steps held 3 s at 30 fps and 1 + 2 days between at 10 a second: 270 + 9 frames
        expect(
            page.get_by_text("6 days drawn at 540×540, 279 frames, 9.3 s of video")
        ).to_be_visible()
        page.get_by_role("button", name="Render the MP4").click()
        download = page.get_by_role("button", name=re.compile(r"^Download frontline-story.mp4"))
        expect(download).to_be_visible(timeout=180_000)
        with page.expect_download() as info:
            download.click()
        data = Path(info.value.path()).read_bytes()
    assert data[4:8] == b"ftyp" and b"moov" in data
    assert external(requests_seen) == []
