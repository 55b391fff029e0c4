"""The wheel installs into a fresh environment and works from any folder, read-only.

One module-scoped environment (see :mod:`tests.package.isolated` for how it is made
offline without hiding a missing dependency); its ``dashboard`` and ``frontline_data``
folders are made read-only and every file's size and mtime is compared after the
commands ran, so a write into the install fails the test even when the tests run as root
(for whom the permission bits do not stop a write). ``frontline run`` is then opened in
headless Chromium: the map draws its markers and no request leaves the app's host.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Route

from tests.package import isolated
from tests.support.mapdom import drawn_markers
from tests.support.pages import open_app, poll
from tests.support.server import free_port, wait_healthy

ROOT = isolated.ROOT
INSTALLED = ("dashboard", "frontline_data")


class Install:
    """The venv, its site-packages and a clean environment to run commands in."""

    def __init__(self, tmp: Path) -> None:
        wheel = isolated.build_wheel(tmp / "wheel")
        self.python = isolated.make_venv(tmp / "venv", wheel)
        self.bin = self.python.parent
        self.site = self.python.parents[1] / "lib" / "python3.11" / "site-packages"
        self.elsewhere = tmp / "elsewhere"
        self.elsewhere.mkdir()
        self.env = {
            "PATH": f"{self.bin}:/usr/bin:/bin",
            "HOME": str(tmp / "home"),
            "LANG": "C.UTF-8",
        }
        for name in INSTALLED:
            make_read_only(self.site / name)
        self.before = {name: isolated.tree_snapshot(self.site / name) for name in INSTALLED}

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``frontline ARGS`` from another folder, with no checkout on any path."""
        return subprocess.run(
            [str(self.bin / "frontline"), *args],
            cwd=self.elsewhere,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def make_read_only(folder: Path) -> None:
    """Remove every write bit under ``folder``."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)


@pytest.fixture(scope="module")
def install(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Install]:
    made = Install(tmp_path_factory.mktemp("package"))
    yield made
    for name in INSTALLED:  # let pytest clean up
        for path in [made.site / name, *(made.site / name).rglob("*")]:
            path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o200)


def test_the_wheel_declares_what_it_needs(install: Install) -> None:
    check = isolated.pip_check(install.python)
    assert check.returncode == 0, check.stdout + check.stderr
    ui = subprocess.run(
        [str(install.python), "-c", "import dashboard.ui.page, dashboard.cli, dashboard.launch"],
        cwd=install.elsewhere,
        env=install.env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ui.returncode == 0, ui.stderr
    missing = subprocess.run(
        [str(install.python), "-c", "import streamlit_folium"],
        env=install.env,
        capture_output=True,
        check=False,
    )
    assert missing.returncode != 0  # a dev-only package is not visible: the venv is isolated


def test_validate_and_state_from_another_folder(install: Install) -> None:
    validate = install.run("validate")
    assert validate.returncode == 0, validate.stderr
    state = install.run("state", "--date", "2020-06-01", "--json")
    assert state.returncode == 0, state.stderr
    rows = {row["place"]: row for row in json.loads(state.stdout)}
    expected = subprocess.run(
        [sys.executable, "-m", "dashboard", "state", "--date", "2020-06-01", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert rows == {row["place"]: row for row in json.loads(expected.stdout)}
    assert rows["Tarhuna"]["controller"] == "LNA"  # the GNA took it on 5 June, not yet


def test_bad_data_is_one_line_and_exit_2(install: Install, tmp_path: Path) -> None:
    result = install.run("validate", "--data", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.e2e
def test_run_serves_health_says_the_data_loaded_and_the_map_draws_offline(
    install: Install, browser: Browser
) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [str(install.bin / "frontline"), "run", "--port", str(port)],
        cwd=install.elsewhere,
        env=install.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # the CLI and its Streamlit child: one group to stop
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        health = install.run("health", "--url", url, "--json")
        assert health.returncode == 0, health.stderr
        report = json.loads(health.stdout)
        assert report["data"] == "loaded" and report["server"] == "ok"
        assert report["events"] > 100 and report["places"] > 30
        markers, outside = map_in_chromium(browser, url)
        assert outside == []  # Leaflet, tiles, fonts: all from the app itself
        assert len(markers) > 30 and "Tripoli" in markers
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    down = install.run("health", "--url", url)
    assert down.returncode == 2 and "not ready" in down.stderr


def map_in_chromium(browser: Browser, url: str) -> tuple[dict[str, Any], list[str]]:
    """Open the served page in headless Chromium; abort (and list) every request to a host
    other than the app. Returns the map's drawn markers and the aborted URLs."""
    app = urlparse(url).netloc
    outside: list[str] = []

    def only_the_app(route: Route) -> None:
        target = route.request.url
        if urlparse(target).netloc == app or target.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(target)
            route.abort()

    context = browser.new_context()
    try:
        context.route("**/*", only_the_app)
        page = context.new_page()
        open_app(page, url)
        markers = poll(page, lambda: drawn_markers(page), bool, "the map drew no markers")
        return markers, outside
    finally:
        context.close()


def test_nothing_was_written_into_the_install(install: Install) -> None:
    assert install.run("state", "--date", "2019-06-01").returncode == 0
    page = subprocess.run(
        [str(install.python), "-c", "import dashboard.app"],  # renders the page once
        cwd=install.elsewhere,
        env=install.env,
        capture_output=True,
        check=False,
    )
    assert page.returncode == 0
    for name in INSTALLED:
        after = isolated.tree_snapshot(install.site / name)
        assert after == install.before[name], f"files written into {name}/"
