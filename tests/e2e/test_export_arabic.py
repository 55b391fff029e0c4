"""The map in Arabic (``export --lang ar``): right to left, Arabic words and place names in
the bundled font carried by the page itself, nothing fetched from elsewhere, and data
text in Arabic as inert as in English."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, Route, expect

from dashboard.cli import main
from dashboard.core import words
from tests.support.paths import TINY

pytestmark = pytest.mark.e2e

# The font faces the page declared, and whether text in Arabic can be drawn with the
# bundled font now (every face it needs loaded: from the page's own data: URIs).
FONTS_JS = """async () => {
  await document.fonts.ready;
  const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, "") === "Noto Sans Arabic");
  return { faces: faces.map((f) => f.status),
           ready: document.fonts.check('12px "Noto Sans Arabic"', "طرابلس"),
           legend: getComputedStyle(document.querySelector(".fl-legend-head")).fontFamily };
}"""


def offline(page: Page) -> list[str]:
    """Abort every request that is not the file itself or a data: URI; return them."""
    outside: list[str] = []

    def handle(route: Route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.context.route("**/*", handle)
    return outside


def export(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    assert main(["export", *args, "-o", str(out)]) == 0
    return out


def open_map(page: Page, path: Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_function("window.frontline && window.frontline.day !== null", timeout=30_000)
    assert page.evaluate("window.__errors") == []


def test_the_arabic_html_map_reads_right_to_left_in_its_own_font(page: Page, tmp_path, capsys):
    out = export(tmp_path, "ar.html", "--date", "2020-06-01", "--format", "html", "--lang", "ar")
    capsys.readouterr()
    outside = offline(page)
    page.set_viewport_size({"width": 1400, "height": 1000})
    open_map(page, out)
    assert page.evaluate("document.documentElement.lang") == "ar"
    expect(page.locator(".fl-bar")).to_have_attribute("dir", "rtl")
    expect(page.locator(".fl-legend")).to_have_attribute("dir", "rtl")
    legend = page.locator(".fl-legend")
    expect(legend).to_contain_text("السيطرة · 1 يونيو 2020")
    expect(legend).to_contain_text("حكومة الوفاق الوطني")  # factions.csv label_ar
    expect(page.locator(".fl-date")).to_have_text("1 يونيو 2020")
    expect(page.locator(".fl-play")).to_have_text(words.text("play", "ar"))
    expect(page.locator(".fl-changes")).to_contain_text("الأصابعة")  # changed hands that day
    expect(page.locator(".fl-label[data-label='Tripoli']")).to_have_text("طرابلس")
    fonts = page.evaluate(FONTS_JS)
    assert fonts["ready"] and "loaded" in fonts["faces"]
    assert fonts["legend"].startswith('"Noto Sans Arabic"')
    page.locator("path[aria-label='Tripoli']").hover(force=True)
    tip = page.locator(".fl-tip")
    expect(tip).to_have_attribute("dir", "rtl")
    expect(tip).to_contain_text("طرابلس")
    expect(tip).to_contain_text("تحت سيطرة: حكومة الوفاق الوطني")
    assert outside == []


def test_the_english_map_stays_left_to_right(page: Page, tmp_path, capsys):
    out = export(tmp_path, "en.html", "--date", "2020-06-01", "--format", "html")
    capsys.readouterr()
    outside = offline(page)
    open_map(page, out)
    expect(page.locator(".fl-bar")).to_have_attribute("dir", "ltr")
    expect(page.locator(".fl-legend")).to_contain_text("Control · 1 Jun 2020")
    expect(page.locator(".fl-label[data-label='Tripoli']")).to_have_text("Tripoli")
    assert outside == []


def test_arabic_data_text_stays_text(page: Page, tmp_path, capsys):
    """An Arabic place name and faction label carrying markup, a placeholder and a
    replacement pattern are shown as written, through the same escaping as English."""
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    hostile_name = "<img src=x onerror=alert(1)>بيتا{holder}$&"
    hostile_label = "<b>الشمال</b>{place}$1"
    (data / "geo").mkdir()
    (data / "geo" / "places.csv").write_text(
        "place,alt_names,lat,lon\n"
        "Alphaville,,10.0,20.0\n"
        f'Betatown,"Beta|{hostile_name}",10.0,21.0\n'
        "Gammaburg,,11.0,20.0\n",
        encoding="utf-8",
    )
    factions = data / "events" / "factions.csv"
    rows = factions.read_text(encoding="utf-8").splitlines()
    rows = [rows[0] + ",label_ar", rows[1] + f",{hostile_label}", rows[2] + ","]
    factions.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = export(
        tmp_path, "x.html", "--data", str(data), "--date", "2020-01-10", "--format", "html",
        "--lang", "ar",
    )  # fmt: skip
    capsys.readouterr()
    outside = offline(page)
    page.add_init_script("window.alert = () => { window.__alerted = true; };")
    open_map(page, out)
    changes = page.locator(".fl-changes")
    expect(changes).to_contain_text(f"{hostile_name}: ")
    expect(changes).to_contain_text(hostile_label)
    expect(page.locator(".fl-legend")).to_contain_text(hostile_label)
    assert page.locator("img[src='x']").count() == 0
    bold = "[...document.querySelectorAll('b')].some((b) => b.textContent === 'الشمال')"
    assert page.evaluate(bold) is False  # the label's <b> stayed text
    assert page.evaluate("window.__alerted === undefined")
    assert outside == []


def test_an_arabic_still_differs_from_the_english_one_in_its_caption(tmp_path, capsys):
    shots = {}
    for lang in ("en", "ar"):
        out = export(
            tmp_path, f"{lang}.png", "--date", "2020-06-01", "--format", "png",
            "--size", "640x640", "--scale", "1", "--lang", lang,
        )  # fmt: skip
        shots[lang] = np.asarray(Image.open(io.BytesIO(out.read_bytes())).convert("RGB"))
    capsys.readouterr()
    assert shots["en"].shape == shots["ar"].shape == (640, 640, 3)
    credit = slice(640 - 20, 640)  # the credit line at the foot of the caption
    differ = (shots["en"][credit] != shots["ar"][credit]).any(axis=2)
    assert differ.mean() > 0.02
    top = slice(0, 60)  # the date box: top left in English, top right in Arabic
    assert (shots["en"][top] != shots["ar"][top]).any(axis=2).mean() > 0.05
