"""``export --format mp4|gif|png|pdf``: the map page as a time-lapse or a still.

Options: ``--from/--to`` (video span; default: the dataset's period of interest, else its
whole record), ``--size``, ``--fps``, ``--days-per-second``, ``--hold-on-changes``,
``--scale`` (stills), ``--lang en|ar`` (the page's and the captions' words), ``--story [FILE]`` and ``--hold-step`` (a video that follows the
story; default FILE: the data folder's ``events/story.csv``). ``--format svg`` is refused:
see :data:`SVG_REFUSAL`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dashboard.cli.options import iso_date, stderr, write_output
from dashboard.core.errors import UsageError
from dashboard.core.io.story import STORY_FILE, read_story_file
from dashboard.core.model import Model
from dashboard.core.publish.frames import SIZES, parse_size

MEDIA_FORMATS = ("mp4", "gif", "png", "pdf", "svg")
DEFAULT_FPS = {"mp4": 30, "gif": 10}
SVG_REFUSAL = (
    "--format svg is not offered: the map's shaded relief is a raster and its text is "
    "HTML, so an SVG would only wrap a picture; use --format pdf (vector markers, "
    "coastlines and text) or --format png"
)


def positive_float(text: str) -> float:
    """argparse type: a number > 0."""
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be > 0: {text}")
    return value


def publish_options(p: argparse.ArgumentParser) -> None:
    """The options of the video and still formats."""
    p.add_argument("--from", dest="start", type=iso_date, help="video: first day")
    p.add_argument("--to", dest="end", type=iso_date, help="video: last day")
    p.add_argument("--size", default=SIZES[0], help=f"{' | '.join(SIZES)} (default {SIZES[0]})")
    p.add_argument("--fps", type=int, help="video frames per second (mp4 30, gif 10)")
    p.add_argument("--days-per-second", type=positive_float, default=10.0)
    p.add_argument(
        "--hold-on-changes",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="seconds held on a day when a place changed hands (default 1)",
    )
    p.add_argument("--scale", type=positive_float, default=2.0, help="png: pixels per CSS px")
    p.add_argument(
        "--lang",
        default="en",
        metavar="en|ar",
        help="html, png, pdf, mp4, gif: the map's words, captions and place names in English "
        "or Arabic (right to left, the bundled Arabic font); default en",
    )
    p.add_argument(
        "--story",
        nargs="?",
        const="",
        metavar="FILE",
        help=f"video: follow the story, step by step (default FILE: events/{STORY_FILE})",
    )
    p.add_argument(
        "--hold-step",
        type=float,
        default=3.0,
        metavar="SECONDS",
        help="video with --story: seconds each step is held (default 3)",
    )


def cmd_publish(args: argparse.Namespace, out: Path, model: Model, html: Any) -> int:
    """Write a video or still; ``html(day)`` builds the map page of the faction filter."""
    from dashboard.publish import export

    if args.format == "svg":
        raise UsageError(SVG_REFUSAL)
    size = parse_size(args.size)
    factions = tuple(args.faction) if args.faction else None
    if args.format in export.STILL_FORMATS:
        if args.date is None:
            raise UsageError(f"--format {args.format} needs --date YYYY-MM-DD")
        if args.story is not None:
            raise UsageError("--story makes a video: use --format mp4 or gif")
        data = export.still(
            model, html(args.date), args.format, args.date, size, args.scale, factions, args.lang
        )
        write_output(out, data)
        print(f"wrote {out} ({args.format}, {size[0]}x{size[1]}, {args.date})")
        return 0
    fps = args.fps or DEFAULT_FPS[args.format]
    if fps < 1 or fps > 60:
        raise UsageError(f"--fps {fps}: from 1 to 60")
    if args.story is not None:
        return _story(args, out, model, html, size, fps)
    first, last = model.data.info.period or model.span()
    opts = export.VideoOptions(
        start=args.start or first,
        end=args.end or last,
        size=size,
        fps=fps,
        days_per_second=args.days_per_second,
        hold_on_changes=args.hold_on_changes,
        factions=factions,
        lang=args.lang,
    )
    stderr(f"rendering {opts.start} to {opts.end} at {size[0]}x{size[1]}…")
    result = export.video(model, html(opts.start), args.format, out, opts, _progress)
    print(
        f"wrote {out} ({args.format}, {size[0]}x{size[1]}, {result.days} days, "
        f"{result.frames} frames, {result.seconds:.1f} s)"
    )
    return 0


def _story(
    args: argparse.Namespace, out: Path, model: Model, html: Any, size: tuple[int, int], fps: int
) -> int:
    """``--story [FILE]``: the video walks the story's steps (see :mod:`dashboard.publish.story`)."""
    from dashboard.core.publish.story import check_story_days
    from dashboard.publish.story import StoryOptions, story_video

    if args.start or args.end:
        raise UsageError("--story sets the video's days: drop --from and --to")
    path = Path(args.story) if args.story else model.data.data_dir / "events" / STORY_FILE
    places = set(model.index.places["place"])
    steps = read_story_file(path, places, model.data.gazetteer.resolve)
    check_story_days(steps, model.span(), str(path))
    opts = StoryOptions(
        size=size,
        fps=fps,
        days_per_second=args.days_per_second,
        hold_step=args.hold_step,
        factions=tuple(args.faction) if args.faction else None,
        lang=args.lang,
    )
    stderr(f"rendering the story {path} ({len(steps)} steps) at {size[0]}x{size[1]}…")
    result = story_video(model, html(steps[0].day), args.format, out, steps, opts, _progress)
    print(
        f"wrote {out} ({args.format}, {size[0]}x{size[1]}, {len(steps)} steps, "
        f"{result.frames} frames, {result.seconds:.1f} s)"
    )
    return 0


def _progress(done: int, total: int) -> None:
    if done == total or done % 50 == 0:
        stderr(f"  {done}/{total} days rendered")
