"""Debian's Chromium, started headless with no network: only file:, data: and about: URLs
load, every other request is aborted and recorded."""

from __future__ import annotations

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "LOCAL_SCHEMES", "Offline", "chromium_path"]

import os
from pathlib import Path
from typing import Any

from dashboard.core.errors import UsageError

CHROMIUM = os.environ.get("FRONTLINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_SCHEMES = ("file:", "data:", "about:")


def chromium_path() -> str:
    """The Chromium binary to drive; UsageError (no traceback) when it is not installed."""
    if not Path(CHROMIUM).is_file():
        raise UsageError(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium "
            "(make chromium) or set FRONTLINE_CHROMIUM"
        )
    return CHROMIUM


class Offline:
    """A Playwright route handler that lets local URLs through and aborts the rest."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.seen: list[str] = []

    def __call__(self, route: Any) -> None:
        url = str(route.request.url)
        self.seen.append(url)
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()
