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
import sys
from collections.abc import Sequence
from pathlib import Path

from dashboard.core.paths import LEAFLET_SUBDIR, state_dir

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
HOST_ENV = "FRONTLINE_HOST"
PORT_ENV = "FRONTLINE_PORT"
UPLOAD_ENV = "FRONTLINE_MAX_UPLOAD_MB"
ENV_FLAGS: dict[str, tuple[str, str]] = {
    "data": ("FRONTLINE_DATA_DIR", "data folder (events/, geo/; default: the bundled data)"),
    "db_url": ("FRONTLINE_DB_URL", "ledger database URL (default: data/ledger.sqlite if any)"),
    "state_dir": ("FRONTLINE_STATE_DIR", "folder for run-time files (default: ~/.cache/frontline)"),
    "state_max_mb": ("FRONTLINE_STATE_MAX_MB", "size bound of the state folder (default: 200)"),
}
"""Settings the app reads from the environment: ``--flag`` sets ``$VAR`` for the server."""
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
    script: str | os.PathLike[str] = APP,
    port: int = 8501,
    host: str | None = None,
    *extra: str,
    upload_mb: int | None = None,
) -> list[str]:
    """``python -m streamlit run SCRIPT`` with Frontline's settings on HOST:PORT (an upload
    limit of ``upload_mb``, else $FRONTLINE_MAX_UPLOAD_MB, else 50 MB)."""
    address = listen_host(host)
    browser = "localhost" if address in WILDCARDS or address == LOOPBACK else address
    flags = {
        **SETTINGS,
        "server.address": address,
        "server.port": str(port),
        "browser.serverAddress": browser,
    }
    upload = upload_mb or os.environ.get(UPLOAD_ENV, "").strip()
    if upload:
        flags["server.maxUploadSize"] = str(upload)
    args = [arg for key, value in flags.items() for arg in (f"--{key}", value)]
    path = Path(ROOT, script)
    # Frontline's own page (dashboard/app.py, or the state folder's entry that
    # write_app_script writes) starts through dashboard.warm: its modules are imported
    # while the browser loads Streamlit's frontend. Any other script: plain Streamlit.
    runner = "dashboard.warm" if is_frontline_page(path) else "streamlit"
    return [sys.executable, "-m", runner, "run", str(path), *args, *extra]


def is_frontline_page(script: Path) -> bool:
    """True for Frontline's own entry: dashboard/app.py or a state folder's app script."""
    return script.resolve() == APP.resolve() or script.name == APP_SCRIPT_NAME


APP_SCRIPT_NAME = "frontline_app.py"
APP_SCRIPT = """\
# Written by dashboard.launch.prepare_state: Frontline's Streamlit entry point in the state
# folder, so that Streamlit serves this folder's static/ (Leaflet, published map pages) at
# /app/static/. The dashboard package comes from the server's path (PYTHONPATH or the
# install), so replicas and checkouts sharing the state folder each run their own code.
from pathlib import Path

from dashboard.ui.page import render

render(static=Path(__file__).with_name("static"))
"""


def write_app_script(state: Path) -> Path:
    """Write ``STATE/app/frontline_app.py`` (the same page as dashboard/app.py, serving
    ``STATE/app/static``) and return it; rewritten only when its text changed, atomically."""
    folder = state / "app"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    script = folder / APP_SCRIPT_NAME
    if not script.is_file() or script.read_text(encoding="utf-8") != APP_SCRIPT:
        tmp = folder / f".frontline_app.{os.getpid()}.tmp"
        tmp.write_text(APP_SCRIPT, encoding="utf-8")
        os.replace(tmp, script)
    return script


def prepare_state(state: Path) -> Path:
    """Make the state folder servable before the server starts: the app script and Leaflet
    in ``STATE/app/static/vendor/leaflet`` (so a replica serves Leaflet even before its
    first page run). Returns the script to run."""
    from dashboard.ui.map import ensure_leaflet_assets

    script = write_app_script(state)
    static = script.with_name("static")
    static.mkdir(mode=0o700, exist_ok=True)
    ensure_leaflet_assets(static / LEAFLET_SUBDIR)
    return script


def add_server_options(parser: argparse.ArgumentParser) -> None:
    """The operator's settings as flags: --host, --port, --max-upload-mb and :data:`ENV_FLAGS`."""
    default_port = int(os.environ.get(PORT_ENV) or os.environ.get("PORT") or 8501)
    parser.add_argument("--port", type=int, default=default_port, help=f"${PORT_ENV}; 8501")
    parser.add_argument("--host", help=f"address to listen on (default ${HOST_ENV} or {LOOPBACK})")
    parser.add_argument(
        "--max-upload-mb", type=int, help=f"Streamlit's upload limit (${UPLOAD_ENV}; 50)"
    )
    for dest, (env, text) in ENV_FLAGS.items():
        parser.add_argument(f"--{dest.replace('_', '-')}", dest=dest, help=f"${env}: {text}")


def server_env(args: argparse.Namespace, base: dict[str, str] | None = None) -> dict[str, str]:
    """The server's environment: ``base`` (default os.environ) with each given flag's variable
    set and the code's folder on PYTHONPATH (a checkout run from any folder)."""
    env = dict(os.environ if base is None else base)
    for dest, (name, _) in ENV_FLAGS.items():
        if getattr(args, dest, None) is not None:
            env[name] = str(getattr(args, dest))
    if getattr(args, "max_upload_mb", None) is not None:
        env[UPLOAD_ENV] = str(args.max_upload_mb)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def serve(args: argparse.Namespace, extra: Sequence[str] = ()) -> int:
    """Become Streamlit (exec) with the settings of ``args``: a service manager's or a
    container's stop signal then reaches the server itself, with no process left behind."""
    env = server_env(args)
    script = prepare_state(state_dir(env))
    command = streamlit_command(script, args.port, args.host, *extra, upload_mb=args.max_upload_mb)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(command[0], command, env)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the dashboard in the foreground; return Streamlit's exit code."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.launch", description=__doc__)
    add_server_options(parser)
    args, extra = parser.parse_known_args(argv)
    return serve(args, extra)


if __name__ == "__main__":
    sys.exit(main())
