"""The Export tab's video: MP4 or GIF of a range of days (or of the story), rendered on
the server with a progress bar advancing per drawn day, then a download button.

Bounded: :data:`dashboard.core.budget.VIDEO_BUDGET` refuses a video that would cost too
much before anything is drawn (and the page says why), the rendering runs within its own
deadline, and one video at a time is rendered for the whole server.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.core import budget
from dashboard.core.errors import FrontlineError
from dashboard.core.io.story import StoryStep
from dashboard.core.publish.frames import parse_size
from dashboard.core.publish.story import story_schedule
from dashboard.publish import export
from dashboard.publish.story import StoryOptions, story_video
from dashboard.ui import exports
from dashboard.ui.context import Context
from dashboard.ui.map import story_of

__all__ = ["APP_SIZES", "video_section"]

APP_SIZES = ("1080x1080", "1920x1080", "1080x1920", "540x540")
FPS = {"MP4": 30, "GIF": 10}
MIME = {"mp4": "video/mp4", "gif": "image/gif"}
DEFAULT_DAYS = 10
RESULT_KEY = "video_result"
_ONE_AT_A_TIME = threading.Lock()  # the server's browser renders one video at a time


@dataclass(frozen=True)
class VideoPlan:
    """One video asked for: format, what it shows, and what it costs."""

    fmt: str
    name: str
    days: int  # days drawn (each one a browser render)
    frames: int
    seconds: float
    size: tuple[int, int]
    options: export.VideoOptions | StoryOptions
    steps: tuple[StoryStep, ...] = ()


def video_section(ctx: Context) -> None:
    """The video controls, the budget's verdict, the render button and the download."""
    st.markdown("**Video of the map**")
    steps = story_of(ctx.model)[0]
    plan = _plan(ctx, steps)
    if plan is None:
        return
    st.caption(
        f"{plan.days} days drawn at {plan.size[0]}×{plan.size[1]}, {plan.frames} frames, "
        f"{plan.seconds:.1f} s of video. "
        "Rendered on the server, in its browser; for the whole war use the command line "
        "(`python -m dashboard export --format mp4`)."
    )
    refusal = budget.VIDEO_BUDGET.refusal(plan.days, plan.frames, plan.size)
    if refusal:
        st.warning(f"Not rendered here: {refusal}.", icon="⏱️")
        return
    if st.button(f"Render the {plan.fmt.upper()}", key="video_render"):
        _render(ctx, plan)
    done = st.session_state.get(RESULT_KEY)
    if done:
        name, mime, data = done
        st.download_button(
            f"Download {name} ({len(data) / 1e6:.1f} MB)", data, name, mime, key="video_download"
        )


def _plan(ctx: Context, steps: tuple[StoryStep, ...]) -> VideoPlan | None:
    """The video the controls describe (None while the range is half chosen)."""
    left, middle, right = st.columns(3)
    kind = left.radio("Format", tuple(FPS), horizontal=True, key="video_format")
    size = parse_size(middle.selectbox("Size", APP_SIZES, key="video_size"))
    pace = right.number_input(
        "Days per second", min_value=1.0, max_value=365.0, value=10.0, key="video_pace"
    )
    fps, fmt = FPS[kind], kind.lower()
    factions = tuple(ctx.factions) if set(ctx.factions) != set(ctx.model.factions) else None
    if steps and st.checkbox(
        f"Follow the story ({len(steps)} steps)", key="video_story", help="Each step held 3 s."
    ):
        story = StoryOptions(size, fps, pace, factions=factions, lang=ctx.lang)
        frames = story_schedule(steps, fps, pace, story.hold_step)
        total = sum(f.repeat for f in frames)
        return VideoPlan(fmt, f"frontline-story.{fmt}", len(frames), total, total / fps, size,
                         story, steps)  # fmt: skip
    first, last = ctx.model.span()
    default = (max(first, ctx.day - dt.timedelta(days=DEFAULT_DAYS - 1)), ctx.day)
    chosen = st.date_input("Days", value=default, min_value=first, max_value=last, key="video_days")
    if not isinstance(chosen, tuple) or len(chosen) != 2:
        st.caption("Choose the last day of the video.")
        return None
    opts = export.VideoOptions(
        chosen[0], chosen[1], size, fps, pace, factions=factions, lang=ctx.lang
    )
    shots = export.frames_of(ctx.model, opts)
    total = sum(f.repeat for f in shots)
    name = f"frontline-{chosen[0].isoformat()}-{chosen[1].isoformat()}.{fmt}"
    return VideoPlan(fmt, name, len(shots), total, total / fps, size, opts)


def _render(ctx: Context, plan: VideoPlan) -> None:
    """Render ``plan`` with a progress bar; keep the file in the session for the download."""
    if not _ONE_AT_A_TIME.acquire(blocking=False):
        st.warning("Another video is being rendered on this server: try again in a minute.")
        return
    st.session_state.pop(RESULT_KEY, None)
    bar = st.progress(0.0, text="Opening the map in the server's browser…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=f"Rendering: day {done} of {total}")

    try:
        page = exports.export_file(ctx.key, ctx.day, ctx.factions, "html", ctx.lang)
        html = page.decode("utf-8")
        with (
            tempfile.TemporaryDirectory() as tmp,
            budget.within(budget.Deadline(budget.VIDEO_SECONDS)),
        ):
            out = Path(tmp) / plan.name
            _encode(ctx, plan, html, out, progress)
            data = out.read_bytes()
    except FrontlineError as err:
        bar.empty()
        st.error(f"The video was not made: {err}.")
        return
    finally:
        _ONE_AT_A_TIME.release()
    bar.progress(1.0, text=f"Done: {plan.frames} frames")
    st.session_state[RESULT_KEY] = (plan.name, MIME[plan.fmt], data)


def _encode(ctx: Context, plan: VideoPlan, html: str, out: Path, progress: Any) -> None:
    if isinstance(plan.options, StoryOptions):
        story_video(ctx.model, html, plan.fmt, out, plan.steps, plan.options, progress)
    else:
        export.video(ctx.model, html, plan.fmt, out, plan.options, progress)
