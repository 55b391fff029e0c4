"""Hostile text in every field of a data folder never runs, and is shown as plain text.

tests/data/hostile carries script payloads in place names, faction ids and labels, event
ids, types, notes, source titles, publishers and URLs. The browser hovers and clicks the
markers, opens every tab and a hostile link, and checks: no dialog opened, no alert ran,
no injected element exists in the page or the map iframe, no javascript: link exists,
and the payloads are readable as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Frame, Page, expect

from tests.support.mapdom import MAP_FRAME, drawn_markers, map_frame, map_locator, wait_idle
from tests.support.paths import ROOT
from tests.support.server import running_app

pytestmark = pytest.mark.e2e

HOSTILE = ROOT / "tests" / "data" / "hostile"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
TEMPLATE = "${alert(3)} {{7*7}}"
CLOSE = "'\";</script><svg onload=alert(4)>"
MARKDOWN_LINK = "[click me](javascript:alert(6)) **bold**"

# Record alert/confirm/prompt calls in every frame before any page script runs.
TRAP = """
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => {
    (window.top.__trapped = window.top.__trapped || []).push(name + ':' + args.join(','));
  };
}
"""
# Elements a payload would create if it were parsed as HTML, and unsafe links.
INJECTED_JS = """
() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.toLowerCase();
      if (name.startsWith('on') && value.includes('alert')) bad.push(el.outerHTML.slice(0, 120));
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)
          && /^\\s*(javascript|vbscript|data:text)/.test(value)) bad.push(el.outerHTML.slice(0, 120));
    }
    if (el.tagName === 'SCRIPT' && /^\\s*alert\\(/.test(el.textContent)) bad.push('script');
  }
  bad.push(...[...document.querySelectorAll('img[src="x"], svg[onload]')]
                .map(e => e.outerHTML.slice(0, 120)));
  return bad;
}
"""


@pytest.fixture(scope="module")
def hostile_url() -> Iterator[str]:
    """The dashboard serving tests/data/hostile."""
    with running_app(HOSTILE) as url:
        yield url


@pytest.fixture
def trapped(page: Page) -> list[str]:
    """Messages of every dialog the page opened (each is dismissed at once)."""
    seen: list[str] = []

    def on_dialog(dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.add_init_script(TRAP)
    return seen


def open_hostile(page: Page, url: str, query: str = "date=2020-02-01") -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{url}/?{query}")
    map_frame(page)
    wait_idle(page)


def assert_nothing_ran(page: Page, dialogs: list[str]) -> None:
    assert dialogs == []
    assert page.evaluate("window.__trapped || []") == []
    frames: list[Page | Frame] = [page, *page.frames]
    for frame in frames:
        assert frame.evaluate(INJECTED_JS) == [], frame.url
        assert frame.locator("a[href^='javascript' i]").count() == 0


def hover(page: Page, name: str) -> None:
    """Zoom in on a place (as a user separates close markers), then move onto it."""
    map_frame(page).evaluate(
        """(name) => { const t = window.frontline, i = t.places.indexOf(name);
                       t.map.setView(t.markers[i].getLatLng(), 10, {animate: false}); }""",
        name,
    )
    marker = drawn_markers(page)[name]
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.move(
        box["x"] + box["width"] - 4, box["y"] + box["height"] * 0.6
    )  # clear of controls
    page.mouse.move(marker["x"], marker["y"], steps=8)  # a real path: out of one, into the next


def test_hostile_text_is_shown_but_never_runs(page: Page, hostile_url: str, trapped):
    open_hostile(page, hostile_url)
    markers = drawn_markers(page)
    assert len(markers) == 7 and IMG in markers and SCRIPT in markers
    expect(map_locator(page).locator(".fl-legend")).to_contain_text(f"North {IMG}")

    hover(page, IMG)
    tooltips = map_locator(page).locator(".leaflet-tooltip")
    expect(tooltips.filter(has_text=IMG).first).to_contain_text(f"North {IMG}")
    for name in (SCRIPT, CLOSE, TEMPLATE, MARKDOWN_LINK):
        hover(page, name)
        expect(tooltips.filter(has_text=name).first).to_be_visible()

    for name in markers:  # clicks run the map's handlers on every payload
        hover(page, name)
        marker = drawn_markers(page)[name]
        page.mouse.click(marker["x"], marker["y"])
    wait_idle(page)
    open_hostile(page, hostile_url, f"date=2020-02-01&place={quote(IMG)}")
    panel = page.locator(".fl-history")
    expect(panel).to_contain_text(IMG, timeout=20_000)
    expect(panel).to_contain_text(f"Note {CLOSE}")
    expect(panel).to_contain_text("javascript:alert(5)")  # a bad URL is text, not a link
    expect(panel.locator("a")).to_have_count(0)  # its sources are javascript:, data: ...
    tabs = page.get_by_role("tab")
    assert tabs.count() >= 5
    for i in range(tabs.count()):
        tabs.nth(i).click()
        wait_idle(page)
    assert_nothing_ran(page, trapped)


def test_only_http_sources_are_links(page: Page, hostile_url: str, trapped):
    open_hostile(page, hostile_url, f"date=2020-02-01&place={quote(MARKDOWN_LINK)}")
    panel = page.locator(".fl-history")
    expect(panel).to_contain_text(MARKDOWN_LINK, timeout=20_000)
    expect(panel.locator("a")).to_have_count(1)
    expect(panel.locator("a")).to_have_attribute("href", "https://example.org/safe")
    hrefs = page.locator("a[href]").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    hrefs += (
        map_frame(page)
        .locator("a[href]")
        .evaluate_all("els => els.map(a => a.getAttribute('href'))")
    )
    unsafe = [h for h in hrefs if not h.startswith(("http://", "https://", "#", "/", "?"))]
    assert unsafe == []
    assert_nothing_ran(page, trapped)


def test_hostile_link_falls_back_with_notices(page: Page, hostile_url: str, trapped):
    query = "&".join(
        [
            f"date={quote('<script>alert(12)</script>')}",
            "faction=%00",
            f"place={quote('../../etc/passwd')}",
            f"layer={quote(IMG)}",
        ]
    )
    open_hostile(page, hostile_url, query)
    expect(page.get_by_text("Invalid date '<script>alert(12)</script>'")).to_be_visible()
    expect(page.get_by_text("Unknown place '../../etc/passwd'")).to_be_visible()
    expect(page.get_by_text("Unknown faction value(s)")).to_be_visible()
    expect(map_locator(page).locator(".fl-legend")).to_contain_text("7 of 7 places")
    assert_nothing_ran(page, trapped)


def test_the_detectors_catch_a_real_injection(page: Page, trapped):
    """Sanity check of this file's probes: unescaped payloads are caught."""
    html = f"<div>{IMG}</div><a href='javascript:alert(5)'>x</a>{SCRIPT}"
    page.goto("data:text/html," + quote(html))
    page.wait_for_function("(window.__trapped || []).length >= 2")
    found = page.evaluate(INJECTED_JS)
    assert any("img" in f for f in found) and "script" in found
    assert len(page.evaluate("window.__trapped || []")) >= 2
    with pytest.raises(AssertionError):
        assert_nothing_ran(page, trapped)


def test_offline_map_export_shows_payloads_as_text(page: Page, trapped, tmp_path):
    """The downloadable HTML map (history popups included) is safe to open too."""
    from dashboard.core.model import Model
    from dashboard.ui.map import standalone_html

    out = tmp_path / "map.html"
    out.write_text(standalone_html(Model.load(HOSTILE), "2020-02-01"), encoding="utf-8")
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(out.as_uri())
    paths = page.locator("path.leaflet-interactive[aria-label]")  # the place markers
    expect(paths.first).to_be_attached(timeout=30_000)
    assert paths.count() == 7
    for i in range(paths.count()):
        paths.nth(i).click(force=True)
        assert_nothing_ran(page, trapped)
    popup = page.locator(".leaflet-popup-content").last
    expect(popup).to_contain_text("Note ")
    paths.nth(0).click(force=True)
    shown = popup.inner_text()
    assert any(p in shown for p in (IMG, SCRIPT, TEMPLATE, CLOSE, MARKDOWN_LINK))
    expect(page.locator(".fl-legend")).to_contain_text(f"North {IMG}")  # the legend
    assert_nothing_ran(page, trapped)
