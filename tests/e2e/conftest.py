"""Browser fixtures: Debian's Chromium (no browser download) and the app on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from tests.support.server import CHROMIUM, CHROMIUM_ARGS, running_app

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch /usr/bin/chromium with flags for a closed network and no sandbox (root)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The dashboard on the bundled data, started once for the browser tests."""
    with running_app() as url:
        yield url


@pytest.fixture
def requests_seen(page) -> list[str]:
    """Every URL the page (and its iframes) requested."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def external(urls: list[str]) -> list[str]:
    """URLs going anywhere but the app's loopback host."""
    return [
        u
        for u in urls
        if urlparse(u).hostname not in ("127.0.0.1", "localhost")
        and not u.startswith(("data:", "blob:", "about:"))
    ]
