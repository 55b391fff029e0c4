"""The map page in headless Chromium: the offline HTML export, one day at a time, with the
exporter's overlay; screenshots (PNG) and prints (PDF) of it.

One look: the frames are the page people open, not a second drawing of it. The day is set
through the page's own API (``window.frontline.show``) and each frame waits until the
page says it shows that day and two animation frames have passed (no fixed sleep).
"""

from __future__ import annotations

__all__ = ["MapRenderer", "PageError"]

import base64
import datetime as dt
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from dashboard.core.errors import UsageError
from dashboard.core.publish.frames import Caption
from dashboard.publish.browser import CHROMIUM_ARGS, Offline, chromium_path
from dashboard.publish.overlay import MARKERS_JS, OVERLAY_JS, SHOW_JS, overlay_css

T = TypeVar("T")

READY_JS = """() => window.frontline && window.frontline.day !== null &&
  window.frontline.laterAdded && Array.from(document.images).every((i) => i.complete)"""
"""The page is ready to film: a day shown, the layers added after its first frame (areas,
borders, roads, districts) in, every image loaded."""
LOAD_TIMEOUT_MS = 120_000


class PageError(RuntimeError):
    """The map page raised a script error: a bug, never the user's input."""


class MapRenderer:
    """``with MapRenderer(html, (w, h), scale) as r: r.show(day, caption); r.png()``.

    Playwright's sync API runs on one thread of its own here, so a renderer also works
    where the calling thread already runs an asyncio loop (a notebook, a test session)."""

    def __init__(self, html: str, size: tuple[int, int], scale: float = 1.0) -> None:
        self.html = html
        self.size = size
        self.scale = scale
        self.offline = Offline()
        self._stack: list[Any] = []
        self.page: Any = None
        self._cdp: Any = None
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="frontline-publish")

    def _run(self, work: Callable[[], T]) -> T:
        """Run ``work`` on the renderer's own thread (where Playwright lives)."""
        return self._worker.submit(work).result()

    def __enter__(self) -> MapRenderer:
        from playwright.sync_api import sync_playwright

        try:
            self._run(lambda: self._open(sync_playwright))
        except BaseException:
            self.close()
            raise
        return self

    def _open(self, sync_playwright: Any) -> None:
        executable = chromium_path()
        folder = tempfile.TemporaryDirectory(prefix="frontline-publish-")
        self._stack.append(folder.cleanup)
        page_file = Path(folder.name) / "map.html"
        page_file.write_text(self.html, encoding="utf-8")
        driver = sync_playwright().start()
        self._stack.append(driver.stop)
        browser = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        self._stack.append(browser.close)
        width, height = self.size
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=self.scale,
            reduced_motion="reduce",
            locale="en-GB",
            timezone_id="UTC",
            service_workers="block",
        )
        context.route("**/*", self.offline)
        page = context.new_page()
        page.goto(page_file.as_uri(), wait_until="load", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_function(READY_JS, timeout=LOAD_TIMEOUT_MS)
        page.add_style_tag(content=overlay_css(width, height))
        page.add_script_tag(content=OVERLAY_JS)
        self._check_errors(page)
        self.page = page
        self._cdp = context.new_cdp_session(page)

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the page, the browser and Playwright; remove the page's temp folder."""

        def unwind() -> None:
            while self._stack:
                self._stack.pop()()

        self._run(unwind)
        self._worker.shutdown()

    def inject(self, css: str, script: str) -> None:
        """Add a style sheet and a script to the page (after the exporter's overlay)."""

        def add() -> None:
            self.page.add_style_tag(content=css)
            self.page.add_script_tag(content=script)
            self._check_errors(self.page)

        self._run(add)

    def evaluate(self, script: str, arg: Any = None) -> Any:
        """Evaluate ``script`` in the map page (on the renderer's thread)."""
        return self._run(lambda: self.page.evaluate(script, arg))

    @staticmethod
    def _check_errors(page: Any) -> None:
        errors = page.evaluate("() => window.__errors || []")
        if errors:
            raise PageError(f"the map page raised: {errors[0]}")

    def show(self, day: dt.date, caption: Caption) -> None:
        """Paint ``day`` with ``caption``; return once the page shows it, repainted."""
        self._run(lambda: self._show(day, caption))

    def _show(self, day: dt.date, caption: Caption) -> None:
        shown = self.page.evaluate(SHOW_JS, [day.isoformat(), caption.as_dict()])
        if shown != day.isoformat():
            raise UsageError(f"{day} is outside the map's record (it shows {shown} instead)")
        self._check_errors(self.page)

    def png(self, fast: bool = True) -> bytes:
        """The page as PNG; ``fast`` trades compression for speed (video frames)."""
        return self._run(lambda: self._png(fast))

    def _png(self, fast: bool) -> bytes:
        if fast:
            shot = self._cdp.send(
                "Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True}
            )
            return base64.b64decode(shot["data"])
        return bytes(self.page.screenshot(type="png", animations="disabled"))

    def pdf(self) -> bytes:
        """The page printed to one PDF page of the frame's size (text and shapes stay vectors)."""
        return self._run(self._pdf)

    def _pdf(self) -> bytes:
        width, height = self.size
        self.page.emulate_media(media="screen")
        return bytes(
            self.page.pdf(
                width=f"{width}px",
                height=f"{height}px",
                print_background=True,
                margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
                page_ranges="1",
            )
        )

    def markers(self) -> list[dict[str, Any]]:
        """Each marker's place, centre on the page (CSS px), shown flag and fill colour."""
        return list(self.evaluate(MARKERS_JS))
