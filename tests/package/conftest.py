"""The wheel test's browser: Debian's Chromium with the flags of the other browser tests."""

from __future__ import annotations

import pytest

from tests.support.server import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch /usr/bin/chromium (no browser download), closed network, no sandbox (root)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
