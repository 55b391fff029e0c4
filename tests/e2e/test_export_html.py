"""The standalone HTML export: one file, no request at all, the whole timeline inside."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard.cli import main
from tests.support.pages import bundled_places
from tests.support.timeline_probe import step_to

pytestmark = pytest.mark.e2e


def test_html_export_is_self_contained_and_scrubs(page: Page, tmp_path, capsys):
    out = tmp_path / "map.html"
    assert main(["export", "--date", "2020-06-06", "--format", "html", "-o", str(out)]) == 0
    capsys.readouterr()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    markers = page.locator("path.leaflet-interactive")
    expect(markers.first).to_be_attached(timeout=20_000)
    assert markers.count() >= 24
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    expect(page.locator(".fl-legend")).to_contain_text("Control · 6 Jun 2020")
    expect(page.locator(".fl-legend")).to_contain_text(
        f"{bundled_places()} of {bundled_places()} places"
    )
    tarhuna = page.locator("path[aria-label='Tarhuna']")
    expect(tarhuna).to_have_attribute("fill", "#0072B2")
    step_to(page, __import__("datetime").date(2020, 6, 1))
    expect(tarhuna).to_have_attribute("fill", "#D55E00")
    expect(page.locator(".fl-date")).to_have_text("1 Jun 2020")
    page.locator(".fl-play").click()
    expect(page.locator(".fl-play")).to_have_text("Pause")
    page.locator(".fl-play").click()
    tarhuna.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Control history of Tarhuna")
    assert popup.locator("a").count() >= 1
