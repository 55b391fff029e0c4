"""A time budget for one piece of server work, checked inside the loops that do it.

An upload is untrusted: whatever the code inside costs, turning its bytes into a drawn
map (conversion, town names, marker spreading, the page) must stop within one budget.
The UI opens a :class:`Deadline` for a script run with :func:`within`; the loops of the
core ask the deadline *in force* (a context variable: each Streamlit session is its own
thread, so sessions never see each other's) instead of taking it as an argument through
every layer. Two ways to meet it:

- **refuse**: :func:`check` raises :class:`~dashboard.core.errors.OverBudget` once the
  time is spent (the stage's name in the message);
- **degrade**: a stage that can give a useful partial result takes a :func:`share` of
  what is left, stops when that share is spent, and records a note (:func:`degrade`) the
  UI shows beside the map ("town names for the 120 busiest places only …").

Without a deadline in force nothing is checked (the CLI, the tests, the benchmarks).

A video asked for in the app is bounded before it starts: :class:`VideoBudget` refuses
one that would draw too many days, write too many frames or too large a picture (an
anonymous viewer cannot keep the server's browser busy for an hour), and the rendering
runs within its own deadline of :data:`VIDEO_SECONDS`.

Examples
--------
>>> ticks = iter(range(100))
>>> deadline = Deadline(5.0, clock=lambda: float(next(ticks)))
>>> with within(deadline):
...     check("reading")          # 1 s spent of 5
...     part = share(0.5)         # half of what is left: 1.5 s
...     part.expired(), part.expired()
(False, True)
>>> with within(deadline):
...     check("drawing the map")
Traceback (most recent call last):
...
dashboard.core.errors.OverBudget: drawing the map stopped after 6 s (time limit 5 s)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from dashboard.core.errors import OverBudget

__all__ = [
    "check",
    "Clock",
    "current",
    "Deadline",
    "degrade",
    "share",
    "VIDEO_BUDGET",
    "VIDEO_SECONDS",
    "VideoBudget",
    "within",
]


Clock = Callable[[], float]


class Deadline:
    """``seconds`` of work from now (by ``clock``), and the notes of what was left out."""

    def __init__(self, seconds: float, clock: Clock = time.monotonic) -> None:
        self.seconds = float(seconds)
        self.clock = clock
        self.started = clock()
        self.notes: list[str] = []

    def spent(self) -> float:
        """Seconds since the deadline was opened."""
        return self.clock() - self.started

    def remaining(self) -> float:
        """Seconds left (never below zero)."""
        return max(0.0, self.seconds - self.spent())

    def expired(self) -> bool:
        """True once the time is spent."""
        return self.spent() > self.seconds

    def check(self, stage: str) -> None:
        """Raise :class:`OverBudget` naming ``stage`` once the time is spent."""
        spent = self.spent()
        if spent > self.seconds:
            raise OverBudget(
                f"{stage} stopped after {spent:.0f} s (time limit {self.seconds:.0f} s)"
            )


_CURRENT: ContextVar[Deadline | None] = ContextVar("frontline_deadline", default=None)
_NEVER = Deadline(float("inf"))


@contextmanager
def within(deadline: Deadline) -> Iterator[Deadline]:
    """Run the block with ``deadline`` in force (nested blocks: the innermost wins)."""
    token = _CURRENT.set(deadline)
    try:
        yield deadline
    finally:
        _CURRENT.reset(token)


def current() -> Deadline | None:
    """The deadline in force, or None."""
    return _CURRENT.get()


def check(stage: str) -> None:
    """Raise :class:`OverBudget` when the deadline in force is spent (no deadline: never)."""
    deadline = _CURRENT.get()
    if deadline is not None:
        deadline.check(stage)


def share(fraction: float) -> Deadline:
    """A deadline of ``fraction`` of the time left in force (same clock), for a stage that
    can stop early with a partial result; without a deadline in force, one that never ends."""
    deadline = _CURRENT.get()
    if deadline is None:
        return _NEVER
    return Deadline(deadline.remaining() * fraction, deadline.clock)


def degrade(note: str) -> None:
    """Record what a stage left out to stay within the deadline in force."""
    deadline = _CURRENT.get()
    if deadline is not None and note not in deadline.notes:
        deadline.notes.append(note)


VIDEO_SECONDS = 300.0
"""The deadline of one video rendered in the app (checked before each drawn day)."""
REFERENCE_PIXELS = 1080 * 1080


@dataclass(frozen=True)
class VideoBudget:
    """What one video asked for in the app may cost: days drawn (counted at 1080×1080; a
    smaller picture draws proportionally more), frames written, pixels per frame.

    >>> VideoBudget().refusal(days=60, frames=900, size=(1080, 1080)) is None
    True
    >>> VideoBudget().refusal(days=200, frames=900, size=(1080, 1080))
    'This video would draw 200 days at 1080×1080; the app draws at most 120 (a shorter range, more days per second or a smaller size fits)'
    """

    max_days: int = 120
    max_frames: int = 1800
    max_pixels: int = 1920 * 1080

    def refusal(self, days: int, frames: int, size: tuple[int, int]) -> str | None:
        """Why the app will not render this video, or None when it fits."""
        width, height = size
        if width * height > self.max_pixels:
            return f"{width}×{height} is larger than the app renders (at most 1920×1080)"
        allowed = int(self.max_days * REFERENCE_PIXELS / (width * height))
        if days > allowed:
            return (
                f"This video would draw {days} days at {width}×{height}; the app draws at most "
                f"{allowed} (a shorter range, more days per second or a smaller size fits)"
            )
        if frames > self.max_frames:
            return (
                f"This video would have {frames} frames; the app writes at most "
                f"{self.max_frames} (a shorter range or fewer frames per second fits)"
            )
        return None


VIDEO_BUDGET = VideoBudget()
