"""What a load run measures: its figures and the server process's CPU time and memory."""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Figures:
    """What a load run measured."""

    sessions: int
    seconds: float
    steps: int = 0
    errors: list[str] = field(default_factory=list)
    latencies_s: list[float] = field(default_factory=list)
    open_s: list[float] = field(default_factory=list)
    checked_markers: int = 0
    days_short: int = 0  # slider key presses that did not move the day (pressed mid-rerun)
    rss_warm_mb: float = 0.0
    rss_end_mb: float = 0.0
    rss_peak_mb: float = 0.0
    server_cpu_share: float = 0.0  # server CPU seconds per wall second during the run

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies_s) or [0.0]
        return {
            "sessions": self.sessions,
            "seconds": self.seconds,
            "steps": self.steps,
            "errors": len(self.errors),
            "first_errors": self.errors[:5],
            "markers_checked": self.checked_markers,
            "slider_presses_lost": self.days_short,
            "open_max_s": round(max(self.open_s, default=0.0), 1),
            "latency_p50_s": round(statistics.median(lat), 2),
            "latency_p95_s": round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 2),
            "latency_max_s": round(lat[-1], 2),
            "rss_warm_mb": round(self.rss_warm_mb),
            "rss_end_mb": round(self.rss_end_mb),
            "rss_peak_mb": round(self.rss_peak_mb),
            "server_cpu_share": round(self.server_cpu_share, 2),
            "rss_growth": round(self.rss_end_mb / self.rss_warm_mb - 1, 3)
            if self.rss_warm_mb
            else None,
        }


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident set size of a process, in MB (from /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")
