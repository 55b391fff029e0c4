"""The frame schedule of a video that follows a story (pure core, no browser).

Each step of the story (``events/story.csv``) is shown on its day, at its place and zoom,
with its title and text, and held for ``hold_step`` seconds. Between two steps the days
in between play at ``days_per_second`` (backwards when the next step is earlier), already
at the next step's place and zoom, without a step caption. The number of frames is known
before anything is rendered:

- a held step: ``max(1, round(hold_step * fps))`` frames;
- the days strictly between steps *a* and *b*: ``round(n * fps / days_per_second)``
  frames, ``n = |b - a| - 1`` (faster than one day a frame, days are skipped).

Examples
--------
>>> steps = (StoryStep(dt.date(2020, 1, 10), "Fall", "…"), StoryStep(dt.date(2020, 1, 14), "B", ""))
>>> [(f.day.day, f.repeat, f.step, f.held) for f in story_schedule(steps, 4, 2, 1.0)]
[(10, 4, 0, True), (11, 2, 1, False), (12, 2, 1, False), (13, 2, 1, False), (14, 4, 1, True)]
>>> story_frame_count(steps, 4, 2, 1.0)
14
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from dashboard.core import words
from dashboard.core.errors import UsageError
from dashboard.core.io.story import StoryStep

__all__ = [
    "StoryFrame",
    "check_story_days",
    "step_caption",
    "story_frame_count",
    "story_schedule",
]


@dataclass(frozen=True)
class StoryFrame:
    """One rendered day written ``repeat`` times, at the view of step ``step``; ``held``:
    the step itself (with its caption), else a day leading to it."""

    day: dt.date
    repeat: int
    step: int
    held: bool


def _check_pace(fps: int, days_per_second: float, hold_step: float) -> None:
    if fps < 1 or days_per_second <= 0 or hold_step < 0:
        raise UsageError("--fps and --days-per-second must be positive, --hold-step >= 0")


def _between(a: dt.date, b: dt.date, per_day: Fraction, step: int) -> list[StoryFrame]:
    """The days strictly between ``a`` and ``b`` (in the direction of travel), each written
    for its share of ``per_day`` frames, the total kept exact by rounding the running sum."""
    n = abs((b - a).days) - 1
    sign = 1 if b >= a else -1
    frames: list[StoryFrame] = []
    written = 0
    for k in range(max(n, 0)):
        due = round((k + 1) * per_day) - written
        if due <= 0:
            continue
        written += due
        frames.append(StoryFrame(a + dt.timedelta(days=sign * (k + 1)), due, step, False))
    return frames


def story_schedule(
    steps: tuple[StoryStep, ...], fps: int, days_per_second: float, hold_step: float
) -> list[StoryFrame]:
    """Every frame of the story video, in order (see the module's rules)."""
    _check_pace(fps, days_per_second, hold_step)
    if not steps:
        raise UsageError("the story has no steps")
    per_day = Fraction(fps) / Fraction(str(days_per_second))
    hold = max(1, round(hold_step * fps))
    frames: list[StoryFrame] = []
    for k, step in enumerate(steps):
        if k:
            frames += _between(steps[k - 1].day, step.day, per_day, k)
        frames.append(StoryFrame(step.day, hold, k, True))
    return frames


def story_frame_count(
    steps: tuple[StoryStep, ...], fps: int, days_per_second: float, hold_step: float
) -> int:
    """Frames of the story video, from the closed form (no schedule built)."""
    _check_pace(fps, days_per_second, hold_step)
    per_day = Fraction(fps) / Fraction(str(days_per_second))
    gaps = sum(
        round(max(abs((b.day - a.day).days) - 1, 0) * per_day)
        for a, b in zip(steps, steps[1:], strict=False)
    )
    return len(steps) * max(1, round(hold_step * fps)) + gaps


def check_story_days(
    steps: tuple[StoryStep, ...], span: tuple[dt.date, dt.date], path: str
) -> None:
    """UsageError naming the first step whose day lies outside the data's record."""
    first, last = span
    for k, step in enumerate(steps):
        if not first <= step.day <= last:
            raise UsageError(
                f"{path}: step {k + 1} ({step.day}) is outside the data's record "
                f"({first} to {last})"
            )


def step_caption(steps: tuple[StoryStep, ...], k: int, lang: str = "en") -> dict[str, str]:
    """The story box of step ``k``: its count (in ``lang``), title and text (plain text,
    never markup; the author's words stay as written)."""
    step = steps[k]
    count = words.text("story_step", lang, k=k + 1, n=len(steps))
    return {"count": count, "title": step.title, "text": step.text}
