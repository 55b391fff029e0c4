"""What the two upload benchmarks in the browser share (``bench/uploadbrowser.py``, a
Frontline CSV; ``bench/acledupload.py``, an ACLED export): the sidebar's uploader reached
as a user reaches it, the probe of the map drawn with the upload's places, and the server's
CPU seconds."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

POLL_S = 0.05
TIMEOUT_S = 600.0
DRAWN_JS = """(n) => {
  const t = window.frontline;
  if (!t || !t.places || t.places.length !== n) return false;
  return new Promise((ok) => requestAnimationFrame(() => setTimeout(() => ok(true), 0)));
}"""
"""True once the map page holds ``n`` places and a frame has passed (the canvas drawn)."""


def server_cpu_s(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` and its waited-for children."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    return (utime + stime + cutime + cstime) / os.sysconf("SC_CLK_TCK")


def map_frame(page: Any) -> Any:
    """The map's frame now, or None (not there yet, or replaced mid-call)."""
    from tests.support.mapdom import MAP_FRAME

    try:
        handle = page.query_selector(MAP_FRAME)
        return handle.content_frame() if handle else None
    except Exception:  # the iframe was replaced mid-call
        return None


def until(page: Any, probe: Callable[[Any], Any], what: str, t0: float) -> float:
    """Poll ``probe(frame)`` until true; seconds since ``t0``."""
    while True:
        frame = map_frame(page)
        try:
            if frame is not None and probe(frame):
                return time.perf_counter() - t0
        except Exception:  # the frame navigated or was detached: look again
            pass
        if time.perf_counter() - t0 > TIMEOUT_S:
            raise TimeoutError(f"{what} not within {TIMEOUT_S:.0f} s")
        time.sleep(POLL_S)


def upload_field(page: Any, app: Any, kind: str) -> Any:
    """Open the app's map, then *Load your own data* → ``kind``: the file input to fill."""
    from bench import browser as bb

    bb._wait_up(app)
    bb.open_map(page, app, frame_selector=bb.INSTANT_FRAME)
    bb.settle(page)
    page.get_by_text("Load your own data (CSV or ACLED)").click()
    page.get_by_text(kind, exact=True).click()
    bb.settle(page)
    field = page.get_by_test_id("stFileUploader").filter(has_text="CSV file")
    return field.locator("input[type=file]")


@contextlib.contextmanager
def app_page(browser: Any, root: Path) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    """The product's app of the tree ``root`` on loopback and a fresh page of it (every
    request to another host aborted); yields (app, page, out). A failure inside is written
    to ``out["error"]`` (what was measured stays), and the page is closed after."""
    from bench import browser as bb
    from bench.server import OURS, running
    from tests.support.pages import loopback_only

    out: dict[str, Any] = {"error": None}
    with running(OURS, None, wait=False, root=root) as app:
        context = browser.new_context(viewport=bb.VIEWPORT)
        context.route("**/*", loopback_only)
        try:
            yield app, context.new_page(), out
        except Exception as err:  # report what was measured, and why it stopped
            out["error"] = f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"
        finally:
            context.close()
