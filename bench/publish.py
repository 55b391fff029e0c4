"""Publish benchmark: the bundled campaign as MP4 and GIF at 1080×1080, time and size.

``python -m bench.publish [--quick] [--size WxH] [--out FILE]`` renders the dataset's period
of interest with the export's defaults (10 days a second, 1 s held on each change of hands;
MP4 at 30 fps, GIF at 10 fps) and reports wall time, bytes, days rendered and frames,
against the sharing targets (GIF ≤ 15 MB, MP4 ≤ 10 MB). Per frame, it also times ours (the
DevTools capture tuned for speed) beside the baseline (Playwright's default screenshot,
fully compressed PNG) on the same page in the same run. ``--quick``: 30 days at 540×540.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.timing import ROOT, machine, measure, result
from dashboard.core.model import Model
from dashboard.core.publish.frames import caption, parse_size
from dashboard.publish import export
from dashboard.publish.render import MapRenderer
from dashboard.ui.map import standalone_html

TARGETS_MB = {"mp4": 10.0, "gif": 15.0}
SAMPLE_DAYS = 12


def frame_times(
    model: Model, html: str, size: tuple[int, int], days: list[dt.date]
) -> dict[str, Any]:
    """Per-frame ms (show the day, capture): ours against Playwright's default screenshot."""
    cycle = iter(days * 100)
    with MapRenderer(html, size) as renderer:

        def shot(fast: bool) -> None:
            day = next(cycle)
            renderer.show(day, caption(model, day))
            renderer.png(fast=fast)

        ours = measure(lambda: shot(True), repeat=len(days), budget_s=60)
        base = measure(lambda: shot(False), repeat=len(days), budget_s=60)
    return result("publish_frame", {"size": f"{size[0]}x{size[1]}"}, ours, base)


def encode(
    model: Model, html: str, fmt: str, opts: export.VideoOptions, folder: Path
) -> dict[str, Any]:
    """One full render of ``opts`` as ``fmt``: seconds, bytes, days, frames, target met."""
    out = folder / f"campaign.{fmt}"
    started = time.perf_counter()
    done = export.video(model, html, fmt, out, opts)
    seconds = time.perf_counter() - started
    size = out.stat().st_size
    row = result(
        f"publish_{fmt}",
        {"size": f"{opts.size[0]}x{opts.size[1]}", "fps": opts.fps},
        [seconds * 1000],
        nbytes=size,
    )
    row.update(days=done.days, frames=done.frames, video_s=round(done.seconds, 1),
               mb=round(size / 1e6, 2), target_mb=TARGETS_MB[fmt],
               met=size / 1e6 <= TARGETS_MB[fmt], ms_per_day=round(seconds * 1000 / done.days, 1))  # fmt: skip
    return row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.publish", description=__doc__)
    parser.add_argument("--size", default="1080x1080")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--formats", default="mp4,gif")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "publish.json"))
    args = parser.parse_args(argv)
    model = Model.load(ROOT / "data")
    start, end = model.data.info.period or model.span()
    size = parse_size("540x540" if args.quick else args.size)
    if args.quick:
        start, end = dt.date(2020, 5, 15), dt.date(2020, 6, 13)
    t0 = time.perf_counter()
    html = standalone_html(model, start, None)
    rows = [result("publish_page", {"bytes": len(html)}, [(time.perf_counter() - t0) * 1000])]
    sample = [start + (end - start) * k / SAMPLE_DAYS for k in range(SAMPLE_DAYS)]
    rows.append(frame_times(model, html, size, sample))
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            fps = 30 if fmt == "mp4" else 10
            opts = export.VideoOptions(start, end, size, fps)
            rows.append(encode(model, html, fmt, opts, Path(tmp)))
            print(json.dumps(rows[-1]), flush=True)
    report = {"machine": machine(), "results": rows}
    Path(args.out).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    for row in rows:
        print(f"{row['name']:16} ours {row['ours_ms']} ms  baseline {row['baseline_ms']} ms  "
              f"bytes {row['bytes']}  {row.get('days', '')} days {row.get('frames', '')} frames")  # fmt: skip


if __name__ == "__main__":
    main()
