"""Two replicas behind nginx on one PostgreSQL ledger and one shared state folder: both
browsers see the map, an edit saved through one replica is seen through the other with its
author, and a map page built by one replica is served by either (round-robin, never 404).

Each replica mounts the data at a different path: the ledger is keyed by the dataset's id.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from dashboard.core.ledger import DB_URL_ENV
from dashboard.core.paths import STATE_DIR_ENV
from tests.e2e.test_team_ledger import PASSWORD, sign_in_and_fill, tab
from tests.support.builders import own_dataset_id
from tests.support.mapdom import drawn_markers
from tests.support.pages import loopback_only, open_app
from tests.support.paths import ROOT, TINY
from tests.support.pgserver import throwaway_cluster
from tests.support.proxy import COOKIE, answered, nginx_in_front
from tests.support.server import running

pytestmark = pytest.mark.e2e
EDITOR = "alice"  # tests.e2e.test_team_ledger.EDITORS: Gammaburg for the Northern Alliance


def add_editor(data: Path, env: dict[str, str]) -> None:
    """An editor account made the operator's way: ``frontline user add`` (password on stdin)."""
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "user", "add", EDITOR, "--role", "editor",
         "--data", str(data)],
        input=f"{PASSWORD}\n", capture_output=True, text=True, cwd=ROOT, timeout=120,
        env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.fixture
def deployment(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """PostgreSQL, two replicas (data mounted at two paths), nginx; yields (URL, its logs)."""
    mounts = [tmp_path / "node-a" / "data", tmp_path / "node-b" / "srv" / "frontline"]
    shutil.copytree(TINY, mounts[0])
    own_dataset_id(mounts[0])
    shutil.copytree(mounts[0], mounts[1])
    with contextlib.ExitStack() as stack:
        db_url = stack.enter_context(throwaway_cluster())
        env = {DB_URL_ENV: db_url, STATE_DIR_ENV: str(tmp_path / "shared-state")}
        add_editor(mounts[0], {**os.environ, **env})
        apps = [stack.enter_context(running(data_dir=m, env=env)) for m in mounts]
        replicas = {"a": apps[0].url, "b": apps[1].url}
        logs = tmp_path / "nginx"
        yield stack.enter_context(nginx_in_front(logs, replicas)), logs


def through(browser: Browser, url: str, replica: str) -> Page:
    """A browser whose websocket the proxy keeps on ``replica``; outside hosts aborted."""
    context = browser.new_context()
    context.route("**/*", loopback_only)
    context.add_cookies([{"name": COOKIE, "value": replica, "url": url}])
    page = context.new_page()
    open_app(page, url)
    return page


def test_two_replicas_behind_a_proxy_share_map_pages_and_the_ledger(
    browser: Browser, deployment: tuple[str, Path]
):
    url, logs = deployment
    first, second = through(browser, url, "a"), through(browser, url, "b")
    for page in (first, second):
        assert set(drawn_markers(page)) == {"Alphaville", "Betatown", "Gammaburg"}

    src = first.locator('iframe[title="Frontline map"]').get_attribute("src")
    assert src and src.startswith("/app/static/maps/")
    for _ in range(4):  # round-robin: each replica is asked for the page at least once
        with urllib.request.urlopen(f"{url}{src}") as resp:
            assert resp.status == 200 and b"FrontlineTimeline" in resp.read()
    pages = [(status, up) for status, up, path in answered(logs) if path.startswith(src)]
    assert {status for status, _ in pages} == {200}
    assert len({up for _, up in pages}) == 2, pages  # served by both, built by one

    sign_in_and_fill(first, EDITOR)
    first.get_by_role("button", name="Add event").click()
    saved = re.compile(rf"Saved (TL-\S+) \(Gammaburg on .*\) by {EDITOR} at ")
    expect(first.get_by_text(saved)).to_be_visible(timeout=60_000)
    event_id = saved.search(first.get_by_text(saved).inner_text())
    assert event_id is not None

    tab(second, "History")  # the other replica, its own process and data mount
    row = second.get_by_test_id("stTable").locator("tr", has_text=event_id.group(1))
    expect(row).to_contain_text(EDITOR, timeout=60_000)
    expect(row).to_contain_text("Gammaburg")
    for page in (first, second):
        page.context.close()
