"""``python -m tests.support.screenshot OUT.png [--date D] [--place P]``: a screenshot of the dashboard."""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support.mapdom import MAP_FRAME
from tests.support.server import CHROMIUM, CHROMIUM_ARGS, running_app


def shoot(
    out: Path,
    query: str = "date=2020-06-01&place=al-Asabaa",
    full: bool = False,
    size: str = "1400x1000",
) -> None:
    """Open the app on ``query`` and save a screenshot once the map has markers."""
    with running_app() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        width, height = (int(v) for v in size.split("x"))
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{url}/?{query}")
        frame = page.frame_locator(MAP_FRAME)
        frame.locator(".fl-range").wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=full)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--query", default="date=2020-06-01&place=al-Asabaa")
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--size", default="1400x1000", help="viewport WIDTHxHEIGHT")
    args = parser.parse_args()
    shoot(args.out, args.query, args.full, args.size)


if __name__ == "__main__":
    main()
