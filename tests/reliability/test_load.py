"""A bounded load test in the suite: concurrent browser sessions against one server.

The full run (20 sessions, 2 minutes) is ``python -m tests.support.load``; this one
holds fewer sessions for less time so that ``make test`` stays quick. See load.py.
Latency is measured, not asserted: ``make bench`` reports the full run's p95.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.load import run, server

pytestmark = pytest.mark.e2e
SESSIONS, SECONDS, WARMUP = 5, 30, 20
RSS_GROWTH_LIMIT = 0.20


def test_concurrent_sessions_see_the_right_colours_without_errors():
    with server() as (url, pid), ThreadPoolExecutor(1) as pool:
        # Own thread: the sync Playwright fixtures of other tests leave an event loop set.
        figures = pool.submit(asyncio.run, run(url, pid, SESSIONS, SECONDS, WARMUP)).result()
    summary = figures.summary()
    print(summary)
    assert figures.errors == []
    assert figures.steps >= SESSIONS * 5
    assert figures.checked_markers > 0
    assert figures.rss_end_mb <= (1 + RSS_GROWTH_LIMIT) * figures.rss_warm_mb
