"""A video that follows the story (tiny data, small frames): the frame count is the
story's, a held step is still, two steps differ only in their caption, the story text is
inert, and the same story renders to the same bytes."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from PIL import Image

from dashboard.cli import main
from dashboard.core.io.story import read_story
from dashboard.core.model import Model
from dashboard.core.publish.story import step_caption, story_frame_count
from dashboard.publish.encode import probe
from dashboard.publish.render import MapRenderer
from dashboard.publish.story import STORY_CSS, STORY_JS, STORY_SHOW_JS
from dashboard.ui.map import standalone_html
from tests.support.paths import TINY

pytestmark = pytest.mark.e2e
HOSTILE = "<img src=x onerror=window.__pwned=1>"
# Two steps on one day and place (same map; their titles are as wide), then a third.
STORY = (
    "date,title,text,place,zoom\n"
    f'2020-01-10,First,"{HOSTILE}",Betatown,9\n'
    "2020-01-10,Other,Same day and place,Betatown,9\n"
    "2020-01-20,Third,The whole map again.,,\n"
)
PACE = ["--fps", "4", "--days-per-second", "4", "--hold-step", "1", "--size", "320x320"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    data = tmp_path_factory.mktemp("story") / "tiny"
    shutil.copytree(TINY, data)
    (data / "events" / "story.csv").write_text(STORY, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def steps(folder):
    model = Model.load(folder, ledger=False)
    return read_story(folder, set(model.index.places["place"]), model.data.gazetteer.resolve)


def export(folder, out, fmt: str) -> None:
    args = ["export", "--format", fmt, "--story", "-o", str(out), "--data", str(folder), *PACE]
    assert main(args) == 0


def gif_frames(path) -> list[np.ndarray]:
    with Image.open(path) as gif:
        frames = []
        for k in range(gif.n_frames):
            gif.seek(k)
            frames.append(np.asarray(gif.convert("RGB")))
    return frames


def assert_same_frames(a: list[np.ndarray], b: list[np.ndarray]) -> None:
    """The same frames, but for the shared palette's rounding: Chromium's antialiasing can
    move a few pixels by a level or two, which may tip them to a neighbouring palette
    entry (seen: 8 pixels of 102,400, by 12 levels at most)."""
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        change = np.abs(x.astype(int) - y.astype(int)).max(axis=2)
        assert not (change > 24).any() and (change > 0).mean() < 0.001


def test_the_story_video_has_the_story_s_frames(folder, steps, tmp_path, capsys):
    expected = story_frame_count(steps, 4, 4.0, 1.0)
    assert expected == 3 * 4 + 9  # three steps of 4 frames, 9 days between the 2nd and 3rd
    gif, again, mp4 = tmp_path / "a.gif", tmp_path / "b.gif", tmp_path / "a.mp4"
    for out, fmt in ((gif, "gif"), (again, "gif"), (mp4, "mp4")):
        export(folder, out, fmt)
    assert f"3 steps, {expected} frames" in capsys.readouterr().out
    assert_same_frames(gif_frames(gif), gif_frames(again))  # the same story, the same video
    assert gif.read_bytes()[:6] == b"GIF89a" and mp4.read_bytes()[4:8] == b"ftyp"
    assert probe(mp4)["frames"] == probe(gif)["frames"] == expected
    frames = gif_frames(gif)
    assert len(frames) == expected
    first, other, third = frames[0:4], frames[4:8], frames[17:21]
    for held in (first, other, third):
        assert all(np.array_equal(held[0], f) for f in held[1:])
    # Same day, same view: the two steps differ in their caption box (top left) alone. A
    # GIF's palette is chosen per frame, so a few pixels elsewhere may move by a few levels.
    change = np.abs(first[0].astype(int) - other[0].astype(int)).max(axis=2)
    rows, cols = np.nonzero(change > 24)
    assert rows.size and rows.max() < 320 * 0.5 and cols.max() < 320 * 0.6
    assert not np.array_equal(other[0], third[0])


def test_story_text_is_inert_text(folder, steps):
    model = Model.load(folder, ledger=False)
    with MapRenderer(standalone_html(model, "2020-01-10"), (320, 320)) as renderer:
        renderer.inject(STORY_CSS, STORY_JS)
        view = {"place": steps[0].place, "zoom": steps[0].zoom}
        renderer.evaluate(STORY_SHOW_JS, [view, step_caption(steps, 0), True])
        shown = renderer.evaluate(
            "() => { const n = document.querySelector('.fl-pub-step-text');"
            " return [n.textContent, n.children.length, window.__pwned === undefined]; }"
        )
        assert shown == [HOSTILE, 0, True]
        assert renderer.offline.blocked == []
