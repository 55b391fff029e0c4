"""``run`` (serve the dashboard) and ``health`` (is the data loaded, is the server up?).

``frontline run`` loads the data once before it starts Streamlit, so a data folder with a
problem is reported on one line (exit 2) instead of a server that shows an error page.
``frontline health`` is the readiness check: it loads the data as the server does (same
environment) and, with ``--url``, asks the running server's ``/_stcore/health``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

from dashboard import launch
from dashboard.cli.options import data_option, json_option
from dashboard.core.errors import UsageError
from dashboard.core.model import Model

HEALTH_PATH = "/_stcore/health"
HEALTH_TIMEOUT_S = 5.0


def register_run(sub: Any) -> None:
    """``run [--data DIR] [--port N] [--host H] [--db-url URL] [--state-dir DIR] …``."""
    p = sub.add_parser("run", help="serve the dashboard (Streamlit) on the data folder")
    launch.add_server_options(p)
    p.add_argument("--no-check", action="store_true", help="start without loading the data first")
    p.set_defaults(handler=cmd_run)


def register_health(sub: Any) -> None:
    """``health [--data DIR] [--url URL] [--json]``: exit 0 when ready, 2 when not."""
    p = sub.add_parser("health", help="readiness: the data loads (and the server at --url is up)")
    data_option(p)
    p.add_argument("--url", help="also ask this running server, e.g. http://127.0.0.1:8501")
    json_option(p)
    p.set_defaults(handler=cmd_health)


def cmd_run(args: argparse.Namespace) -> int:
    """Check that the data loads (unless --no-check), then serve in the foreground."""
    if not args.no_check:
        with environment(launch.server_env(args)):  # load as the server will
            readiness(Model.load())
    return launch.serve(args)


@contextlib.contextmanager
def environment(env: dict[str, str]) -> Iterator[None]:
    """``os.environ`` replaced by ``env`` for the block, then restored."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def readiness(model: Model) -> dict[str, Any]:
    """What a loaded data folder holds: its title, events, places and warnings."""
    return {
        "data": "loaded",
        "title": model.title,
        "events": model.event_count(),
        "places": len(model.data.places),
        "warnings": len(model.data.warnings),
    }


def server_health(url: str) -> str:
    """The body of ``url``'s health endpoint ('ok' when up); UsageError when unreachable."""
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"--url must be an http(s) URL: {url!r}")
    target = url.rstrip("/") + HEALTH_PATH
    try:
        with urllib.request.urlopen(target, timeout=HEALTH_TIMEOUT_S) as reply:
            return str(reply.read().decode("utf-8", "replace")).strip()
    except (urllib.error.URLError, OSError) as err:
        raise UsageError(f"server not ready at {target}: {getattr(err, 'reason', err)}") from None


def cmd_health(args: argparse.Namespace) -> int:
    """Print the readiness report; exit 2 (one line) when the data or the server is not ready."""
    report = readiness(Model.load(args.data))
    if args.url:
        report["server"] = server_health(args.url)
        if report["server"] != "ok":
            raise UsageError(f"server at {args.url} answered {report['server']!r}")
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(", ".join(f"{key}: {value}" for key, value in report.items()))
    return 0
