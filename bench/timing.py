"""Repeated wall-clock timing, result rows and a description of the machine."""

from __future__ import annotations

import gc
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (
    "pandas",
    "numpy",
    "streamlit",
    "folium",
    "streamlit-folium",
    "shapely",
    "geopandas",
    "pyproj",
    "playwright",
)


def measure(
    fn: Callable[[], Any], repeat: int, budget_s: float = 60.0, min_repeat: int = 3, warmup: int = 1
) -> list[float]:
    """Milliseconds of ``repeat`` calls of ``fn`` (after ``warmup`` untimed calls).

    Stops early once ``budget_s`` seconds were spent timing, but never before
    ``min_repeat`` calls.
    """
    for _ in range(warmup):
        fn()
    gc.collect()  # once: the garbage collector then runs as it would in the app
    samples: list[float] = []
    started = time.perf_counter()
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000.0)
        if len(samples) >= min_repeat and time.perf_counter() - started > budget_s:
            break
    return samples


def median(samples: list[float]) -> float | None:
    """Median of the samples (None when there are none)."""
    return float(np.median(samples)) if samples else None


def p95(samples: list[float]) -> float | None:
    """95th percentile (linear interpolation; the maximum for fewer than 20 samples)."""
    return float(np.percentile(samples, 95)) if samples else None


def result(
    name: str,
    params: dict[str, Any],
    ours: list[float],
    baseline: list[float] | None = None,
    nbytes: int | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One row of latest.json: medians, ratio baseline/ours, p95 of ours, sample counts."""
    ours_ms, base_ms = median(ours), median(baseline or [])
    row: dict[str, Any] = {
        "name": name,
        "params": params,
        "ours_ms": _round(ours_ms),
        "baseline_ms": _round(base_ms),
        "ratio": _round(base_ms / ours_ms) if ours_ms and base_ms else None,
        "p95_ms": _round(p95(ours)),
        "baseline_p95_ms": _round(p95(baseline or [])),
        "bytes": nbytes,
        "repeats": len(ours),
        "baseline_repeats": len(baseline or []),
    }
    row.update(extra)
    return row


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def machine() -> dict[str, Any]:
    """CPU, cores, memory, OS, Python, package versions, Chromium and git commit."""
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": _memory_gb(),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "versions": {p: _version(p) for p in PACKAGES},
        "chromium": _command(["/usr/bin/chromium", "--version"]),
        "commit": _command(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "load_avg_1_5_15": load_average(),
    }


def load_average() -> list[float] | None:
    """The machine's 1, 5 and 15 minute load averages (other processes skew timings)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _command(cmd: list[str]) -> str | None:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None
