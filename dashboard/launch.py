"""Start the dashboard the one way (``make run``, tests, benchmarks): ``python -m dashboard.launch``.

Every Streamlit setting Frontline relies on is passed as a flag, so the app behaves the
same from any working directory (Streamlit reads ``.streamlit/config.toml`` only from the
folder it is started in). It listens on 127.0.0.1 unless ``$FRONTLINE_HOST`` (or
``--host``) opens it up, and it makes no outside call at start: with the address set,
Streamlit does not look up the machine's external IP.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
HOST_ENV = "FRONTLINE_HOST"
LOOPBACK = "127.0.0.1"
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
SETTINGS: dict[str, str] = {
    "server.headless": "true",
    "server.enableStaticServing": "true",
    "server.maxUploadSize": "50",
    "browser.gatherUsageStats": "false",
    "client.showErrorDetails": "none",
    "client.toolbarMode": "minimal",
    "theme.base": "light",
    # No forced full garbage collection after every script run: measured with
    # bench.rerun, a rerun on a new day takes 16 ms (max 19) without it and 33 ms
    # (max 180) with it; Python's own generational collection still runs.
    "runner.postScriptGC": "false",
}
"""Settings passed on every start; ``.streamlit/config.toml`` repeats them (a test checks)."""


def listen_host(host: str | None = None) -> str:
    """The address to listen on: ``host``, else $FRONTLINE_HOST, else 127.0.0.1."""
    return host or os.environ.get(HOST_ENV) or LOOPBACK


def streamlit_command(
    script: str | os.PathLike[str] = APP, port: int = 8501, host: str | None = None, *extra: str
) -> list[str]:
    """``python -m streamlit run SCRIPT`` with Frontline's settings on HOST:PORT."""
    address = listen_host(host)
    browser = "localhost" if address in WILDCARDS or address == LOOPBACK else address
    flags = {
        **SETTINGS,
        "server.address": address,
        "server.port": str(port),
        "browser.serverAddress": browser,
    }
    args = [arg for key, value in flags.items() for arg in (f"--{key}", value)]
    return [sys.executable, "-m", "streamlit", "run", str(Path(ROOT, script)), *args, *extra]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the dashboard in the foreground; return Streamlit's exit code."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.launch", description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8501)))
    parser.add_argument("--host", help=f"address to listen on (default ${HOST_ENV} or {LOOPBACK})")
    args, extra = parser.parse_known_args(argv)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    try:
        return subprocess.call(streamlit_command(APP, args.port, args.host, *extra), env=env)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
