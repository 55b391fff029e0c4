"""Story-video benchmark: the bundled campaign walked step by step, as MP4 and GIF.

``python -m bench.publish_story [--quick] [--size WxH] [--out FILE]`` builds a story from
the dataset itself (one step per day a place changed hands in the period of interest: the
place, who held it before and after, from the control index; nothing written by hand), renders it with the export's defaults (each step held 3 s, 10 days a
second between steps; MP4 at 30 fps, GIF at 10 fps) and reports wall time, bytes, frames
and rendered days. Baseline, in the same run: the plain time-lapse (``export.video``) of
the first ``BASELINE_DAYS`` days of the same span at the same size, per rendered day.
``--quick``: three steps at 540×540.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from bench.timing import ROOT, machine, result
from dashboard.core.io.story import StoryStep
from dashboard.core.model import Model
from dashboard.core.publish.frames import parse_size
from dashboard.publish import export
from dashboard.publish.story import StoryOptions, story_video
from dashboard.ui.map import standalone_html

BASELINE_DAYS = 40


def campaign_story(model: Model, limit: int | None = None) -> tuple[StoryStep, ...]:
    """One step per day a place changed hands in the period: words taken from the data."""
    start, end = model.data.info.period or model.span()
    runs = model.index.changes_of_hands(start - dt.timedelta(days=1), end)
    labels = dict(zip(model.data.factions["faction"], model.data.factions["label"], strict=True))
    steps: list[StoryStep] = []
    for run in runs.sort_values(["start", "place"]).itertuples():
        day = run.start.date() if hasattr(run.start, "date") else run.start
        if steps and steps[-1].day == day:
            continue
        before, after = (
            labels.get(run.previous, run.previous),
            labels.get(run.controller, run.controller),
        )
        text = f"{run.place}: {before} → {after}."
        steps.append(StoryStep(day, f"{run.place} changes hands"[:120], text[:1000], run.place, 10))
    return tuple(steps[:limit] if limit else steps)


def timed(label: str, work: Any, out: Path) -> dict[str, Any]:
    started = time.perf_counter()
    done = work()
    seconds = time.perf_counter() - started
    nbytes = out.stat().st_size
    row = result(label, {}, [seconds * 1000], nbytes=nbytes)
    row.update(days=done.days, frames=done.frames, video_s=round(done.seconds, 1),
               mb=round(nbytes / 1e6, 2), ms_per_day=round(seconds * 1000 / done.days, 1))  # fmt: skip
    print(json.dumps(row), flush=True)
    return row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.publish_story", description=__doc__)
    parser.add_argument("--size", default="1080x1080")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--formats", default="mp4,gif")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "publish_story.json"))
    args = parser.parse_args(argv)
    model = Model.load(ROOT / "data")
    steps = campaign_story(model, 3 if args.quick else None)
    size = parse_size("540x540" if args.quick else args.size)
    html = standalone_html(model, steps[0].day, None)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            fps = 30 if fmt == "mp4" else 10
            out = Path(tmp) / f"story.{fmt}"
            opts = StoryOptions(size=size, fps=fps)
            story = partial(story_video, model, html, fmt, out, steps, opts)
            rows.append(timed(f"story_{fmt}", story, out))
            first = steps[0].day
            span = export.VideoOptions(
                first, first + dt.timedelta(days=BASELINE_DAYS - 1), size, fps
            )
            base = Path(tmp) / f"plain.{fmt}"
            plain = partial(export.video, model, html, fmt, base, span)
            rows.append(timed(f"timelapse_{fmt}", plain, base))
    report = {"machine": machine(), "steps": len(steps), "size": args.size, "results": rows}
    Path(args.out).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
