"""The standalone HTML export opens in Chromium with no request at all and shows the map."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard.cli import main

pytestmark = pytest.mark.e2e


def test_html_export_is_self_contained(page: Page, tmp_path, capsys):
    out = tmp_path / "map.html"
    assert main(["export", "--date", "2020-06-06", "--format", "html", "-o", str(out)]) == 0
    capsys.readouterr()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    markers = page.locator("path.leaflet-interactive")
    expect(markers.first).to_be_attached(timeout=20_000)
    assert markers.count() == 39
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    expect(page.get_by_text("Control on 2020-06-06")).to_be_visible()
    fills = markers.evaluate_all("els => els.map(e => e.getAttribute('fill').toUpperCase())")
    assert {"#0072B2", "#D55E00"} <= set(fills)
    markers.first.click(force=True)
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Control history of")
