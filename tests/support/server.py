"""Start the dashboard on a free loopback port and wait until Streamlit says it is healthy."""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dashboard import launch
from dashboard.core.paths import STATE_DIR_ENV, state_dir
from dashboard.publish.browser import CHROMIUM as CHROMIUM  # one home: the exporter's
from dashboard.publish.browser import CHROMIUM_ARGS as CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
# The tests' state folder: one per checkout (another checkout's tests on this machine keep
# their own published pages), reused across runs and bounded like any state folder.
TEST_STATE = Path(tempfile.gettempdir()) / (
    "frontline-test-state-" + hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
)


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    """Poll /_stcore/health until it answers ok (fail early if the server died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().decode() == "ok":
                    return
        time.sleep(0.2)
    raise TimeoutError(f"{url} not healthy after {timeout} s")


@dataclass(frozen=True)
class App:
    """A running Streamlit server: its URL, its process and when it was started (perf_counter)."""

    url: str
    started: float
    proc: subprocess.Popen[bytes]


@contextlib.contextmanager
def running(
    script: str | None = None,
    data_dir: Path | None = None,
    wait: bool = True,
    root: Path = ROOT,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Iterator[App]:
    """The one app launcher of tests and benchmarks: ``streamlit run`` on a free loopback
    port with the product's settings (:func:`streamlit_command`) of ``root/script``, or by
    default of the product's entry in the state folder (:func:`launch.prepare_state`;
    ``$FRONTLINE_STATE_DIR`` from ``env``, else :data:`TEST_STATE`), ``$FRONTLINE_DATA_DIR``
    set (or unset) from ``data_dir``, started from ``cwd`` (default ``root``); waits until
    healthy unless ``wait`` is false; stopped after."""
    port = free_port()
    environ = {STATE_DIR_ENV: str(TEST_STATE), **os.environ, **(env or {}), "PYTHONPATH": str(root)}
    if data_dir is not None:
        environ["FRONTLINE_DATA_DIR"] = str(data_dir)
    # An absolute script path: launch.streamlit_command resolves a relative one against
    # this checkout, and a baseline tree (``root``) must run its own app.
    path = root / script if script else launch.prepare_state(state_dir(environ))
    cmd = streamlit_command(str(path), port, "--server.fileWatcherType", "none")
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd or root, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    app = App(f"http://127.0.0.1:{port}", started, proc)
    try:
        if wait:
            wait_healthy(app.url, proc, timeout=120)
        yield app
    finally:
        stop(proc)


@contextlib.contextmanager
def running_app(
    data_dir: Path | None = None, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> Iterator[str]:
    """The dashboard on loopback (started from ``cwd``); yields its base URL."""
    with running(data_dir=data_dir, env=env, cwd=cwd) as app:
        yield app.url


def streamlit_command(script: str, port: int, *extra: str) -> list[str]:
    """``python -m streamlit run SCRIPT`` on 127.0.0.1:PORT with the product's settings
    (the same command as ``make run``: :func:`dashboard.launch.streamlit_command`)."""
    return launch.streamlit_command(script, port, "127.0.0.1", *extra)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate a server process, killing it after 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
