"""Start a Streamlit script (ours or the naive app) on a free loopback port."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.server import free_port, stop, streamlit_command, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
OURS = "dashboard/app.py"
NAIVE = "bench/naive_app.py"


@dataclass(frozen=True)
class App:
    """A running Streamlit server: its URL and when its process was started (perf_counter)."""

    url: str
    started: float
    proc: subprocess.Popen[bytes]


@contextlib.contextmanager
def running(
    script: str, data_dir: Path | None = None, wait: bool = True, root: Path = ROOT
) -> Iterator[App]:
    """Run ``streamlit run script`` from ``root`` on loopback with $FRONTLINE_DATA_DIR
    set; stop it after."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(root)}
    if data_dir is not None:
        env["FRONTLINE_DATA_DIR"] = str(data_dir)
    # An absolute script path: launch.streamlit_command resolves a relative one against
    # this checkout, and a baseline tree (``root``) must run its own app.
    cmd = streamlit_command(str(root / script), port, "--server.fileWatcherType", "none")
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    app = App(f"http://127.0.0.1:{port}", started, proc)
    try:
        if wait:
            wait_healthy(app.url, proc, timeout=120)
        yield app
    finally:
        stop(proc)
