"""Read a built map page the way the browser does (shared by the map page tests)."""

from __future__ import annotations

import json
import re


def payload(html: str) -> dict:
    """The timeline's configuration as the browser parses it."""
    found = re.search(r"FrontlineTimeline\.init\([^,]+, (\{.*\})\);", html)
    assert found, "no timeline in the page"
    return json.loads(found.group(1))
