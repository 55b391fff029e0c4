"""How the map page reaches the browser: published in the state folder, or carried in the
map component (an upload's page, a page another replica cannot serve, every page when
static files are off). See dashboard/ui/map/frame.py."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route

from tests.e2e.test_upload import TINY_EVENTS, upload, wait_for_places
from tests.support.mapdom import MAP_FRAME, drawn_markers
from tests.support.pages import bundled_places, loopback_only, open_app
from tests.support.paths import ROOT
from tests.support.server import free_port, running_app, stop, wait_healthy

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def no_other_host(page: Page) -> None:
    """Every request to a host other than the app's loopback one is aborted."""
    page.context.route("**/*", loopback_only)


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app with its own state folder: (URL, the folder of published pages)."""
    folder = tmp_path_factory.mktemp("pages") / "state"
    with running_app(env={"FRONTLINE_STATE_DIR": str(folder)}) as url:
        yield url, folder / "app" / "static" / "maps"


def first_open(page: Page, url: str) -> None:
    """Open a freshly started app: its first run builds the map page (slow on a busy
    machine), so wait for the map's frame longer than :func:`open_app` does."""
    page.goto(f"{url}/?date=2020-06-01")
    page.wait_for_selector(MAP_FRAME, state="attached", timeout=240_000)
    open_app(page, url, "date=2020-06-01")


def frame_attributes(page: Page) -> dict[str, bool]:
    frame = page.locator(MAP_FRAME)
    return {name: frame.get_attribute(name) is not None for name in ("src", "srcdoc")}


def test_the_bundled_page_is_published_and_an_upload_page_is_never_written(
    page: Page, state: tuple[str, Path]
):
    url, maps = state
    first_open(page, url)
    assert len(drawn_markers(page)) == bundled_places()
    assert frame_attributes(page) == {"src": True, "srcdoc": False}
    published = sorted(p.name for p in maps.iterdir())
    assert len(published) == 1 and published[0].endswith(".html")
    upload(page, TINY_EVENTS, "Frontline CSV")
    wait_for_places(page, {"Alphaville", "Betatown", "Gammaburg"})
    assert frame_attributes(page) == {"src": False, "srcdoc": True}  # carried, private
    assert sorted(p.name for p in maps.iterdir()) == published  # nothing written for it


def test_a_published_page_another_replica_cannot_serve_is_carried(
    page: Page, state: tuple[str, Path]
):
    url, _ = state
    missing: list[str] = []

    def not_here(route: Route) -> None:  # what a replica without the shared folder answers
        missing.append(route.request.url)
        route.fulfill(status=404, body="File not found")

    page.route("**/app/static/maps/*.html", not_here)
    page.goto(f"{url}/?date=2020-06-01")
    # the frame that got the 404 is replaced by one carrying the page
    page.wait_for_selector(f"{MAP_FRAME}[srcdoc]", state="attached", timeout=120_000)
    assert len(drawn_markers(page)) == bundled_places()
    assert missing and frame_attributes(page) == {"src": False, "srcdoc": True}


def test_streamlit_run_of_app_py_from_another_folder_draws_the_map(page: Page, tmp_path: Path):
    """The way most Streamlit users start an app: static serving off, no launcher."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py")]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    proc = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc, timeout=120)
        first_open(page, url)
        assert len(drawn_markers(page)) == bundled_places()
        assert frame_attributes(page) == {"src": False, "srcdoc": True}
    finally:
        stop(proc)
    assert not (ROOT / "dashboard" / "static").exists()  # nothing written beside the code
