"""Sizes and repetitions of a benchmark run: the full run and the quick smoke run."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

NAMES = (
    "state_at_date", "state_cold", "map_payload", "map_build", "upload_budget", "memory", "import",
    "zones", "key_step", "drag", "play", "release", "cold_start", "publish", "model_memory", "import_big",
    "upload_browser", "acled_upload",
)  # fmt: skip
INSTANT = ("key_step", "drag", "play", "release", "cold_start")
"""The instant map's browser benchmarks (one browser session per data set measures them)."""
BROWSER = (*INSTANT, "upload_browser", "acled_upload")
SPAWNING = ("state_cold", "map_build", "upload_budget", "publish", "model_memory", "import_big",
            "upload_browser", "acled_upload")  # fmt: skip
"""Benchmarks that run builds in fresh processes (ours and a baseline commit): left out
of a ``--quick`` run unless named in ``--only``."""


@dataclass(frozen=True)
class Plan:
    """Sizes and repetitions of one run (full or quick)."""

    state: tuple[tuple[int, int], ...]  # (events, places)
    state_cold: tuple[int, int, int]  # (events, places, runs): the state command, cold
    payload: tuple[tuple[int, int], ...]  # (events, places)
    build: tuple[tuple[int, int], ...]  # (events, places), smallest first: growth
    memory: tuple[int, int]
    import_rows: int
    big_import: tuple[int, ...]  # rows of the generated exports that `import acled` streams
    zones: tuple[int, int]
    scrub_data: tuple[int, int] | None  # synthetic (events, places); None: bundled only
    big_data: tuple[int, int] | None  # the large synthetic case (key steps only)
    scrub_steps: int
    scrub_budget_s: float
    cold_repeat: int
    repeat: int


FULL = Plan(
    state=(
        (1_000, 50),
        (1_000, 5_000),
        (100_000, 50),
        (100_000, 5_000),
        (1_000_000, 50),
        (1_000_000, 5_000),
    ),
    state_cold=(100_000, 20_000, 5),
    payload=((1_000, 50), (100_000, 2_000), (100_000, 20_000)),
    build=((20_000, 2_000), (100_000, 20_000)),
    memory=(1_000_000, 5_000),
    import_rows=100_000,
    big_import=(300_000, 3_000_000),
    zones=(20_000, 500),
    scrub_data=(100_000, 2_000),
    big_data=(100_000, 20_000),
    scrub_steps=20,
    scrub_budget_s=150.0,
    cold_repeat=3,
    repeat=200,
)
QUICK = Plan(
    state=((1_000, 50), (5_000, 50)),
    state_cold=(1_000, 200, 1),
    payload=((1_000, 50), (2_000, 100)),
    build=((500, 50), (1_000, 200)),
    memory=(10_000, 200),
    import_rows=2_000,
    big_import=(20_000,),
    zones=(2_000, 50),
    scrub_data=None,
    big_data=None,
    scrub_steps=3,
    scrub_budget_s=20.0,
    cold_repeat=1,
    repeat=20,
)


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench", description="Run the benchmarks.")
    parser.add_argument("--quick", action="store_true", help="small sizes, a smoke run")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser benchmarks")
    parser.add_argument(
        "--only", default=",".join(NAMES), help=f"comma-separated subset of {', '.join(NAMES)}"
    )
    parser.add_argument(
        "--out", type=Path, help="JSON file (default bench/results/latest.json or quick.json)"
    )
    parser.add_argument(
        "--data-dir", type=Path, help="keep the synthetic folders here (reused across runs)"
    )
    return parser.parse_args(argv)
