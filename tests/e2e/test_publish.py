"""Time-lapse and still exports, rendered in headless Chromium (small sizes, few days)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re

import numpy as np
import pytest
from PIL import Image

from dashboard.cli import main
from dashboard.core.model import Model
from dashboard.core.publish.frames import caption
from dashboard.core.schema import UNKNOWN
from dashboard.publish import export
from dashboard.publish.encode import probe
from dashboard.publish.render import MapRenderer
from dashboard.ui.map import standalone_html

pytestmark = pytest.mark.e2e
SIZE = (640, 640)
D = dt.date
# CSS boxes of the exporter's own text (caption, credits) and the page's legend: they
# carry the day's date, so the map is compared outside them.
TEXT_BOXES_JS = """() => ['.fl-pub-head', '.fl-pub-foot', '.fl-legend'].map((s) => {
  const r = document.querySelector(s).getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom]; })"""


@pytest.fixture(scope="module")
def model() -> Model:
    return Model.load()


@pytest.fixture(scope="module")
def html(model) -> str:
    return standalone_html(model, D(2020, 6, 1), None)


@pytest.fixture(scope="class")
def renderer(html):
    """One page for the frame tests (Playwright's sync API allows one driver at a time:
    the page closes before the export tests start their own)."""
    with MapRenderer(html, SIZE) as r:
        yield r


def frame(renderer, model, day) -> np.ndarray:
    renderer.show(day, caption(model, day))
    return np.asarray(Image.open(io.BytesIO(renderer.png())).convert("RGB"))


def map_only(renderer, pixels: np.ndarray) -> np.ndarray:
    masked = pixels.copy()
    for left, top, right, bottom in renderer.evaluate(TEXT_BOXES_JS):
        masked[int(top) : int(np.ceil(bottom)), int(left) : int(np.ceil(right))] = 0
    return masked


def nearest(rgb: np.ndarray, palette: dict[str, str]) -> str:
    def dist(hexa: str) -> int:
        ref = np.array([int(hexa[k : k + 2], 16) for k in (1, 3, 5)])
        return int(((rgb.astype(int) - ref) ** 2).sum())

    return min(palette, key=lambda name: dist(palette[name]))


class TestFrames:
    """Frames of one page: deterministic, changing only with the data, true colours."""

    def test_same_day_renders_the_same_frame(self, renderer, model):
        first = hashlib.sha256(frame(renderer, model, D(2020, 6, 1)).tobytes()).hexdigest()
        frame(renderer, model, D(2019, 4, 10))  # go elsewhere and back
        again = hashlib.sha256(frame(renderer, model, D(2020, 6, 1)).tobytes()).hexdigest()
        assert first == again

    def test_map_changes_only_when_the_data_does(self, renderer, model):
        quiet = (D(2020, 2, 10), D(2020, 2, 20))
        columns = ["controller", "confidence", "claim_faction"]
        assert model.state(quiet[0])[columns].equals(model.state(quiet[1])[columns])
        a, b = (frame(renderer, model, d) for d in quiet)
        assert not np.array_equal(a, b)  # the caption's date differs
        assert np.array_equal(map_only(renderer, a), map_only(renderer, b))
        before, after = (frame(renderer, model, d) for d in (D(2020, 5, 31), D(2020, 6, 1)))
        assert not np.array_equal(map_only(renderer, before), map_only(renderer, after))

    @pytest.mark.parametrize("day", [D(2019, 5, 1), D(2020, 6, 1)])
    def test_marker_pixels_are_the_holders_colours(self, renderer, model, day):
        pixels = frame(renderer, model, day)
        palette = dict(
            zip(model.data.factions["faction"], model.data.factions["color"], strict=True)
        )
        palette[UNKNOWN] = "#ffffff"
        state = model.state(day).set_index("place")
        boxes = renderer.evaluate(TEXT_BOXES_JS)
        markers = renderer.markers()
        checked = 0
        holders = set()
        for m in markers:
            row = state.loc[m["place"]]
            alone = all(
                np.hypot(m["x"] - o["x"], m["y"] - o["y"]) > 2 * m["radius"] + 2
                for o in markers
                if o is not m
            )
            covered = any(
                x0 - 10 <= m["x"] <= x1 + 10 and y0 - 10 <= m["y"] <= y1 + 10
                for x0, y0, x1, y1 in boxes
            )
            height, width = pixels.shape[:2]
            framed = 0 <= m["x"] < width and 0 <= m["y"] < height  # the map opens on the front
            if not (framed and alone and not covered and row["confidence"] == "confirmed"):
                continue
            seen = pixels[round(m["y"]), round(m["x"])]
            assert nearest(seen, palette) == row["controller"], (m["place"], day, seen)
            checked += 1
            holders.add(row["controller"])
        assert checked >= 6 and len(holders) >= 2

    def test_no_request_leaves_the_machine(self, renderer):
        assert renderer.offline.blocked == []
        assert all(u.startswith(("file:", "data:", "about:")) for u in renderer.offline.seen)
        renderer.evaluate(
            "() => new Promise((r) => { const i = new Image(); i.onerror = i.onload = r;"
            " i.src = 'http://127.0.0.1:9/probe.png'; })"
        )
        assert renderer.offline.blocked == ["http://127.0.0.1:9/probe.png"]
        renderer.offline.blocked.clear()


def test_mp4_and_gif_headers_sizes_and_frame_counts(model, html, tmp_path):
    opts = export.VideoOptions(D(2020, 5, 31), D(2020, 6, 2), (320, 240), 10, 5.0, 0.5)
    expected = sum(f.repeat for f in export.frames_of(model, opts))
    for fmt, codec in (("mp4", "h264"), ("gif", "gif")):
        out = tmp_path / f"t.{fmt}"
        done = export.video(model, html, fmt, out, opts)
        info = probe(out)
        assert (info["codec"], info["size"], info["frames"]) == (codec, (320, 240), expected)
        assert done.frames == expected and done.days == 3
        data = out.read_bytes()
        if fmt == "mp4":
            assert info["pix_fmt"] == "yuv420p" and data[4:8] == b"ftyp"
            assert data.index(b"moov") < data.index(b"mdat")  # faststart
        else:
            assert data[:6] == b"GIF89a"
            with Image.open(out) as gif:
                assert gif.size == (320, 240) and gif.n_frames >= 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_cli_stills_png_at_print_scale_and_pdf(tmp_path, capsys):
    png, pdf = tmp_path / "d.png", tmp_path / "d.pdf"
    common = ["export", "--date", "2020-06-01", "--size", "400x300"]
    assert main([*common, "--format", "png", "--scale", "2", "-o", str(png)]) == 0
    assert main([*common, "--format", "pdf", "-o", str(pdf)]) == 0
    capsys.readouterr()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(png) as image:
        assert image.size == (800, 600)
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-"
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert (
        box and float(box[1]) == pytest.approx(300) and float(box[2]) == pytest.approx(225, abs=0.5)
    )
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1  # 400x300 px = 300x225 pt, one page
