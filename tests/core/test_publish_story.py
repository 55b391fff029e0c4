"""The story video's schedule (pure core): steps held, days between played, count known."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.core.errors import UsageError
from dashboard.core.io.story import StoryStep
from dashboard.core.publish import story as sv

D = dt.date


def steps_on(*offsets: int) -> tuple[StoryStep, ...]:
    start = D(2020, 1, 1)
    return tuple(
        StoryStep(start + dt.timedelta(days=k), f"Step {n}", "words") for n, k in enumerate(offsets)
    )


@given(
    offsets=st.lists(st.integers(0, 300), min_size=1, max_size=8),
    fps=st.integers(1, 60),
    dps=st.sampled_from([0.5, 1, 2.5, 7, 10, 30, 365]),
    hold=st.sampled_from([0, 0.4, 1, 3]),
)
def test_schedule_holds_each_step_and_plays_the_days_between(offsets, fps, dps, hold):
    steps = steps_on(*offsets)
    frames = sv.story_schedule(steps, fps, dps, hold)
    assert sum(f.repeat for f in frames) == sv.story_frame_count(steps, fps, dps, hold)
    held = [f for f in frames if f.held]
    assert [(f.day, f.step) for f in held] == [(s.day, k) for k, s in enumerate(steps)]
    assert all(f.repeat == max(1, round(hold * fps)) for f in held)
    for k in range(1, len(steps)):
        lead = [f.day for f in frames if f.step == k and not f.held]
        a, b = steps[k - 1].day, steps[k].day
        assert all(min(a, b) < d < max(a, b) for d in lead)  # strictly between, in order
        assert lead == sorted(lead, reverse=b < a)
        gap = max(abs((b - a).days) - 1, 0)
        played = sum(f.repeat for f in frames if f.step == k and not f.held)
        assert played == round(gap * fps / dps)
    assert all(f.repeat >= 1 for f in frames)


def test_a_two_step_story_frame_by_frame():
    frames = sv.story_schedule(steps_on(0, 4), 4, 2, 0.5)
    assert [(f.day.day, f.repeat, f.step, f.held) for f in frames] == [
        (1, 2, 0, True), (2, 2, 1, False), (3, 2, 1, False), (4, 2, 1, False), (5, 2, 1, True)
    ]  # fmt: skip


@pytest.mark.parametrize(("fps", "dps", "hold"), [(0, 1, 1), (10, 0, 1), (10, 1, -1)])
def test_bad_pace_is_refused(fps, dps, hold):
    with pytest.raises(UsageError):
        sv.story_schedule(steps_on(0, 3), fps, dps, hold)


def test_a_step_outside_the_record_is_named():
    steps = steps_on(0, 40)
    with pytest.raises(UsageError, match=r"^s\.csv: step 2 \(2020-02-10\) is outside"):
        sv.check_story_days(steps, (D(2020, 1, 1), D(2020, 2, 1)), "s.csv")
    sv.check_story_days(steps, (D(2020, 1, 1), D(2020, 2, 10)), "s.csv")


def test_step_caption_counts_and_carries_the_words_as_given():
    steps = (StoryStep(D(2020, 1, 1), "<b>T</b>", "a & b"), StoryStep(D(2020, 1, 2), "U", ""))
    assert sv.step_caption(steps, 0) == {
        "count": "Step 1 of 2",
        "title": "<b>T</b>",
        "text": "a & b",
    }
