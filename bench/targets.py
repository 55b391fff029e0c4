"""The performance targets of the issues: which result row, which number, the limit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True)
class Target:
    """One performance target: which row, which number, the limit and its direction."""

    text: str
    match: Callable[[Row], bool]
    value: Callable[[Row], float | None]
    limit: float
    at_most: bool  # True: value must be <= limit; False: value must be >= limit
    unit: str


def _is(name: str, **params: Any) -> Callable[[Row], bool]:
    return lambda r: r["name"] == name and all(r["params"].get(k) == v for k, v in params.items())


def _requested(name: str, events: int, places: int) -> Callable[[Row], bool]:
    return lambda r: (
        r["name"] == name and r["params"].get("requested") == {"events": events, "places": places}
    )


TARGETS: tuple[Target, ...] = (
    Target(
        "state at a date ≤ 5 ms (1M events, 5,000 places)",
        _requested("state_at_date", 1_000_000, 5_000),
        lambda r: r["ours_ms"],
        5,
        True,
        "ms",
    ),
    Target(
        "state at a date ≥ 50× faster than naive (1M events)",
        _requested("state_at_date", 1_000_000, 5_000),
        lambda r: r["ratio"],
        50,
        False,
        "×",
    ),
    Target(
        "state command cold ≤ 5× a plain pandas read (100k events, 20,000 places)",
        _is("state_cold", events=100_000, places=20_000),
        lambda r: r.get("over_naive_read"),
        5,
        True,
        "×",
    ),
    Target(
        "key step p50 ≤ 30 ms (2,000 places)",
        _is("key_step", places=2_000, baseline="naive"),
        lambda r: r["ours_ms"],
        30,
        True,
        "ms",
    ),
    Target(
        "key step p95 ≤ 60 ms (2,000 places)",
        _is("key_step", places=2_000, baseline="naive"),
        lambda r: r["p95_ms"],
        60,
        True,
        "ms",
    ),
    Target(
        "key step ≥ 100× faster than the naive app (2,000 places)",
        _is("key_step", places=2_000, baseline="naive"),
        lambda r: r["ratio"],
        100,
        False,
        "×",
    ),
    Target(
        "key step p50 ≤ 150 ms (20,000 places)",
        _is("key_step", places=20_000),
        lambda r: r["ours_ms"],
        150,
        True,
        "ms",
    ),
    Target(
        "mouse drag ≥ 20 repaints/s (2,000 places)",
        _is("drag", places=2_000),
        lambda r: r["params"].get("repaints_per_s"),
        20,
        False,
        "/s",
    ),
    Target(
        "Play ≥ 30 frames/s (2,000 places)",
        _is("play", places=2_000),
        lambda r: r["params"].get("fps"),
        30,
        False,
        "fps",
    ),
    Target(
        "rerun after release ≤ 150 ms (bundled data, release to page idle)",
        _is("release", data="bundled"),
        lambda r: r["ours_ms"],
        150,
        True,
        "ms",
    ),
    Target(
        "map payload ≤ 100 ms (2,000 places)",
        _is("map_payload", places=2_000),
        lambda r: r["ours_ms"],
        100,
        True,
        "ms",
    ),
    Target(
        "map build (names, spread, page) ≤ 10 s (20,000 places)",
        _is("map_build", places=20_000),
        lambda r: r["ours_ms"],
        10_000,
        True,
        "ms",
    ),
    Target(
        "map build growth ≤ 15× for 10× places (2,000 → 20,000)",
        _is("map_build", places=20_000),
        lambda r: r["params"].get("growth"),
        15,
        True,
        "×",
    ),
    Target(
        "cold start ≤ 3 s (bundled data)",
        _is("cold_start", data="bundled"),
        lambda r: r["ours_ms"],
        3_000,
        True,
        "ms",
    ),
    Target(
        "cold start below the design before the instant map (8f9d184, same run)",
        _is("cold_start", data="bundled"),
        lambda r: r.get("ratio"),
        1.0,
        False,
        "×",
    ),
    Target(
        "cold start ≤ 15 s (100k events, 2,000 places)",
        _is("cold_start", data="synthetic", places=2_000),
        lambda r: r["ours_ms"],
        15_000,
        True,
        "ms",
    ),
    Target(
        "1M events ≤ 1 GB peak RSS",
        _is("memory", events=1_000_000),
        lambda r: r.get("ours_mb"),
        1024,
        True,
        "MB",
    ),
    Target(
        "loaded model ≤ 310 MB per million events (retained RSS, 1M events)",
        _is("model_memory", events=1_000_000),
        lambda r: r["params"].get("retained_mb_per_million"),
        310,
        True,
        "MB",
    ),
    Target(
        "import acled of 3,000,000 rows ≤ 2 GB peak RSS",
        _is("import_big", events=3_000_000),
        lambda r: r["params"].get("ours_peak_mb"),
        2048,
        True,
        "MB",
    ),
    Target(
        "upload of 20,000 places in the browser, file chosen → map drawn ≤ 15 s",
        _is("upload_browser", places=20_000),
        lambda r: r["ours_ms"],
        15_000,
        True,
        "ms",
    ),
    Target(
        "ACLED export of 60,000 rows / 3,000 places, file chosen → map drawn ≤ 5 s",
        _is("acled_upload", events=60_000),
        lambda r: r["ours_ms"],
        5_000,
        True,
        "ms",
    ),
    Target(
        "import ≥ 10,000 rows/s (100k ACLED rows)",
        _is("import", events=100_000),
        lambda r: r["params"].get("rows_per_s"),
        10_000,
        False,
        "rows/s",
    ),
)
