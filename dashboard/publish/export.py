"""Time-lapse (MP4, GIF) and still (PNG, PDF) exports of a dataset's map page.

The caller passes the page (the offline HTML export, built once for the faction filter);
this module picks the frames (:mod:`dashboard.core.publish.frames`), drives the page
(:mod:`dashboard.publish.render`) and encodes (:mod:`dashboard.publish.encode`).
"""

from __future__ import annotations

__all__ = ["STILL_FORMATS", "VIDEO_FORMATS", "VideoOptions", "VideoResult", "still", "video"]

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dashboard.core.errors import UsageError
from dashboard.core.model import Model
from dashboard.core.publish.frames import Frame, caption, change_days, schedule
from dashboard.publish.encode import encode_video, rgb_frame
from dashboard.publish.render import MapRenderer

VIDEO_FORMATS = ("mp4", "gif")
STILL_FORMATS = ("png", "pdf")
PALETTE_SAMPLES = 6
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class VideoOptions:
    """What the video shows and how fast."""

    start: dt.date
    end: dt.date
    size: tuple[int, int] = (1080, 1080)
    fps: int = 30
    days_per_second: float = 10.0
    hold_on_changes: float = 1.0
    factions: tuple[str, ...] | None = None
    lang: str = "en"  # the words of the captions (dashboard.core.words)


@dataclass(frozen=True)
class VideoResult:
    """What was written: days rendered, frames encoded, seconds of video."""

    days: int
    frames: int
    seconds: float


def frames_of(model: Model, opts: VideoOptions) -> list[Frame]:
    """The schedule of ``opts`` on ``model`` (change days from the control index)."""
    changed = change_days(model, opts.start, opts.end, opts.factions)
    return schedule(
        opts.start, opts.end, opts.fps, opts.days_per_second, opts.hold_on_changes, changed
    )


def video(
    model: Model,
    html: str,
    fmt: str,
    out: Path,
    opts: VideoOptions,
    progress: Progress | None = None,
) -> VideoResult:
    """Render ``opts``' days of the page ``html`` and encode them to ``out`` as ``fmt``."""
    if fmt not in VIDEO_FORMATS:
        raise UsageError(f"not a video format: {fmt}")
    frames = frames_of(model, opts)
    with MapRenderer(html, opts.size) as renderer:

        def render(day: dt.date) -> bytes:
            renderer.show(day, caption(model, day, opts.factions, opts.lang))
            return rgb_frame(renderer.png(), opts.size)

        shots = [(f.day, f.repeat) for f in frames]
        total = encode_video(
            fmt, out, opts.size, opts.fps, shots, render, palette_days(frames), progress
        )
    return VideoResult(len(frames), total, total / opts.fps)


def palette_days(frames: list[Frame]) -> list[dt.date]:
    """Days whose frames make the GIF's palette: first, last and a few change days."""
    picked = [frames[0].day, frames[-1].day]
    changed = [f.day for f in frames if f.changed]
    step = max(1, len(changed) // PALETTE_SAMPLES)
    picked += changed[::step][:PALETTE_SAMPLES]
    return sorted(set(picked))


def still(
    model: Model,
    html: str,
    fmt: str,
    day: dt.date,
    size: tuple[int, int],
    scale: float = 2.0,
    factions: tuple[str, ...] | None = None,
    lang: str = "en",
) -> bytes:
    """One day of the page as PNG (``scale`` device pixels per CSS pixel) or PDF, its
    caption in ``lang`` (the page itself is built in that language by the caller)."""
    if fmt not in STILL_FORMATS:
        raise UsageError(f"not a still format: {fmt}")
    with MapRenderer(html, size, scale if fmt == "png" else 1.0) as renderer:
        renderer.show(day, caption(model, day, factions, lang))
        return renderer.png(fast=False) if fmt == "png" else renderer.pdf()
