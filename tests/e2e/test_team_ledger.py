"""Two editors in two browsers add events at the same moment; each then sees both saves
in the History tab, with author and time, and on the map."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from dashboard.core.ledger.accounts import add_user
from dashboard.core.ledger.read import history_entries, open_ledger
from tests.support.mapdom import wait_idle
from tests.support.pages import loopback_only, open_app, poll
from tests.support.paths import TINY
from tests.support.server import running_app

pytestmark = pytest.mark.e2e
PASSWORD = "a long passphrase"
EDITORS = {"alice": ("Gammaburg", "Northern Alliance"), "bob": ("Betatown", "Southern Front")}


@pytest.fixture
def team_app(tmp_path) -> Iterator[tuple[str, object]]:
    folder = tmp_path / "data"
    shutil.copytree(TINY, folder)
    for name in EDITORS:
        add_user(open_ledger(folder), name, "editor", PASSWORD)
    with running_app(folder, env={"FRONTLINE_DB_URL": ""}) as url:
        yield url, folder


def tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()
    wait_idle(page)


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the form's select box ``label``; open the list again when a rerun
    closed it before the click (sign-in ends with a second run)."""
    box = page.get_by_test_id("stForm").get_by_test_id("stSelectbox").filter(has_text=label).first

    def attempt() -> bool:
        wait_idle(page)
        box.click()
        page.keyboard.type(option)  # a long list is virtualised: filter it to the option
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5_000)
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
            return False
        return True

    poll(page, attempt, bool, f"could not choose {option!r} in {label!r}", timeout_s=60)


def sign_in_and_fill(page: Page, name: str) -> None:
    place, faction = EDITORS[name]
    tab(page, "Edit")
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {name} (editor).")).to_be_visible(timeout=30_000)
    wait_idle(page)
    choose(page, "Place", place)
    choose(page, "Controller from this date", faction)
    page.get_by_role("textbox", name="Source title").fill(f"Report filed by {name}")


def test_two_editors_save_at_once_and_see_each_others_work(browser: Browser, team_app):
    url, folder = team_app
    pages = {}
    for name in EDITORS:
        context = browser.new_context()
        context.route("**/*", loopback_only)
        pages[name] = context.new_page()
        open_app(pages[name], url)
        sign_in_and_fill(pages[name], name)
    for page in pages.values():  # both submit before either save has finished
        page.get_by_role("button", name="Add event").click()
    for name, page in pages.items():
        expect(
            page.get_by_text(
                re.compile(rf"Saved TL-\S+ \({EDITORS[name][0]} on .*\) by {name} at ")
            )
        ).to_be_visible(timeout=60_000)
    entries = history_entries(open_ledger(folder))
    assert sorted(e["by"] for e in entries) == ["alice", "bob"]
    for page in pages.values():
        tab(page, "History")
        table = page.get_by_test_id("stTable")
        for entry in entries:
            row = table.locator("tr", has_text=entry["event_id"])
            expect(row).to_contain_text(entry["by"])
            expect(row).to_contain_text(entry["at"])
            expect(row).to_contain_text(entry["after"]["place"])
    for page in pages.values():
        page.context.close()
