"""A video that follows the story: each step on its day, at its place and zoom, with its
title and text held on screen, and the days between steps played in between.

The schedule (which day, how many frames, which step) is decided in the pure core
(:mod:`dashboard.core.publish.story`); this module adds the step box to the exporter's
overlay (filled with ``textContent`` only: story text is data, never markup), moves the
map to each step's view and encodes like the time-lapse (:mod:`dashboard.publish.export`).
"""

from __future__ import annotations

__all__ = ["StoryOptions", "story_video"]

from dataclasses import dataclass
from pathlib import Path

from dashboard.core.errors import UsageError
from dashboard.core.io.story import StoryStep
from dashboard.core.model import Model
from dashboard.core.publish.frames import caption
from dashboard.core.publish.story import StoryFrame, step_caption, story_schedule
from dashboard.publish.encode import encode_video, rgb_frame
from dashboard.publish.export import VIDEO_FORMATS, Progress, VideoResult
from dashboard.publish.render import MapRenderer

PALETTE_STEPS = 6

STORY_CSS = """
.fl-pub-story { margin-top: 1vmin; padding-top: 1vmin; border-top: 1px solid #bbb; }
.fl-pub-step { font-size: 1.8vmin; font-weight: 700; text-transform: uppercase;
  letter-spacing: .05em; color: #8a1c00; }
.fl-pub-step-title { font-size: 3.6vmin; font-weight: 700; line-height: 1.2; }
.fl-pub-step-text { font-size: 2.2vmin; line-height: 1.35; white-space: pre-line;
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 9; overflow: hidden; }
"""

# window.flPublish.story(view, words, held): the step box filled with ``words`` (shown
# only when ``held``), and the map at the step's place and zoom (else the opening view),
# the place centred in the map below the step box (measured with the step's words, so a
# step's lead-in days and its held frames share one view). Everything is set on every
# frame: a frame never depends on the frames before it.
STORY_JS = """
(() => {
  const t = window.frontline, map = t.map;
  const home = { center: map.getCenter(), zoom: map.getZoom() };
  const el = (tag, cls) => { const n = document.createElement(tag); n.className = cls; return n; };
  const head = document.querySelector(".fl-pub-head");
  const box = el("div", "fl-pub-story"), count = el("div", "fl-pub-step");
  const title = el("div", "fl-pub-step-title"), text = el("div", "fl-pub-step-text");
  box.append(count, title, text);
  head.appendChild(box);
  window.flPublish.story = (view, words, held) => {
    count.textContent = words.count; title.textContent = words.title; text.textContent = words.text;
    box.style.display = "";
    const i = view.place ? t.places.indexOf(view.place) : -1;
    if (i >= 0 && t.markers[i] && t.markers[i].getLatLng) {
      const c = map.getContainer().getBoundingClientRect();
      const below = Math.min(Math.max(head.getBoundingClientRect().bottom - c.top, 0), c.height / 2);
      map.setView(t.markers[i].getLatLng(), view.zoom || Math.max(home.zoom, 9), { animate: false });
      map.panBy([0, -below / 2], { animate: false });
    } else {
      map.setView(home.center, home.zoom, { animate: false });
    }
    box.style.display = held ? "" : "none";
  };
})();
"""
STORY_SHOW_JS = "([view, words, held]) => window.flPublish.story(view, words, held)"


@dataclass(frozen=True)
class StoryOptions:
    """Size and pace of a story video: each step held ``hold_step`` seconds, the days
    between steps played at ``days_per_second``."""

    size: tuple[int, int] = (1080, 1080)
    fps: int = 30
    days_per_second: float = 10.0
    hold_step: float = 3.0
    factions: tuple[str, ...] | None = None
    lang: str = "en"  # the words of the captions (dashboard.core.words)


def story_video(
    model: Model,
    html: str,
    fmt: str,
    out: Path,
    steps: tuple[StoryStep, ...],
    opts: StoryOptions,
    progress: Progress | None = None,
) -> VideoResult:
    """Render the story ``steps`` on the page ``html`` and encode them to ``out`` as ``fmt``."""
    if fmt not in VIDEO_FORMATS:
        raise UsageError(f"not a video format: {fmt}")
    frames = story_schedule(steps, opts.fps, opts.days_per_second, opts.hold_step)
    with MapRenderer(html, opts.size) as renderer:
        renderer.inject(STORY_CSS, STORY_JS)

        def render(frame: StoryFrame) -> bytes:
            step = steps[frame.step]
            view = {"place": step.place, "zoom": step.zoom}
            words = step_caption(steps, frame.step, opts.lang)
            renderer.evaluate(STORY_SHOW_JS, [view, words, frame.held])
            renderer.show(frame.day, caption(model, frame.day, opts.factions, opts.lang))
            return rgb_frame(renderer.png(), opts.size)

        shots = [(f, f.repeat) for f in frames]
        total = encode_video(
            fmt, out, opts.size, opts.fps, shots, render, palette_frames(frames), progress
        )
    return VideoResult(len(frames), total, total / opts.fps)


def palette_frames(frames: list[StoryFrame]) -> list[StoryFrame]:
    """Frames whose colours make a GIF's palette: a few held steps and the last frame."""
    held = [f for f in frames if f.held]
    step = max(1, len(held) // PALETTE_STEPS)
    return list(dict.fromkeys([*held[::step][:PALETTE_STEPS], frames[-1]]))
