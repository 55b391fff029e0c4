"""Progress lines and synthetic specs shared by the benchmark runners."""

from __future__ import annotations

import sys
import time

from bench.synth import Spec

STARTED = time.perf_counter()


def log(message: str) -> None:
    """Progress on stderr with the seconds since the run began."""
    print(f"[bench {time.perf_counter() - STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


def spec(events: int, places: int) -> Spec:
    """The synthetic folder spec for a size (4 factions, two years, seed 0)."""
    return Spec(places=places, events=events)
