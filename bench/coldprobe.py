"""Child side of ``bench.coldprofile``: ``python bench/coldprobe.py RUNNER run SCRIPT [flags]``.

Becomes Streamlit's command line (``RUNNER`` is ``streamlit`` or ``dashboard.warm``) after
installing hooks that time-stamp (wall clock, ``time.time()``) each phase of the server's
cold start into the JSON-lines file ``$COLDPROBE_OUT``: Streamlit imported, the server
listening, a browser session created, each script run (the first one under cProfile,
written to ``$COLDPROBE_OUT.prof`` unless ``$COLDPROBE_CPROFILE`` is 0), and the start and end of the functions in
:data:`TIMED`. Hooks are installed as each module finishes importing, so the order of
imports (and the warm thread's head start) is that of an unprobed start.
"""

from __future__ import annotations

import cProfile
import functools
import importlib.abc
import importlib.util
import json
import os
import sys
import threading
import time
from typing import Any

OUT = os.environ.get("COLDPROBE_OUT", "/tmp/coldprobe.jsonl")
TIMED: dict[str, tuple[str, ...]] = {
    "streamlit.web.server.server": ("Server.start",),
    "streamlit.runtime.app_session": ("AppSession.__init__",),
    "streamlit.runtime.scriptrunner.script_runner": ("ScriptRunner._run_script",),
    "dashboard.warm": ("warm",),
    "dashboard.ui.data": ("get_model",),
    "dashboard.ui.map.frame": ("show_map", "map_page"),
    "dashboard.ui.map.page": ("timeline_page",),
    "dashboard.ui.map.host": ("mount",),
    "dashboard.ui.panel": ("place_panel",),
    "dashboard.ui.page": ("render", "_tabs"),
    "streamlit_folium": ("st_folium",),
    "dashboard.app": (),
}
"""Module -> the functions (``Class.method`` for a method) whose start and end are marked."""
WATCHED = {
    "streamlit.web.cli",
    "dashboard.ui.page",
    "dashboard.ui.map",
    "folium",
    "pandas",
    "sqlalchemy",
    "networkx",
}
"""Modules whose import start and end are marked."""
_lock = threading.Lock()
_profiled = False


def mark(name: str, **extra: Any) -> None:
    """Append one time-stamped event to :data:`OUT`."""
    row = {"t": time.time(), "name": name, "thread": threading.current_thread().name, **extra}
    with _lock, open(OUT, "a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")


def _wrap(owner: Any, attr: str, label: str) -> None:
    fn = getattr(owner, attr, None)
    if fn is None or getattr(fn, "_coldprobe", False):
        return
    if label.endswith("_run_script"):
        wrapped = _profiled_run(fn, label)
    elif _is_async(fn):

        async def wrapped(*args: Any, **kwargs: Any) -> Any:
            mark(label + " start")
            try:
                return await fn(*args, **kwargs)
            finally:
                mark(label + " end")
    else:

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            mark(label + " start")
            try:
                return fn(*args, **kwargs)
            finally:
                mark(label + " end")

    functools.update_wrapper(wrapped, fn)
    wrapped._coldprobe = True  # type: ignore[attr-defined]
    setattr(owner, attr, wrapped)


def _is_async(fn: Any) -> bool:
    import inspect

    return inspect.iscoroutinefunction(fn)


def _profiled_run(fn: Any, label: str) -> Any:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        global _profiled
        first = not _profiled
        _profiled = True
        mark(label + " start", first=first)
        wanted = first and os.environ.get("COLDPROBE_CPROFILE", "1") == "1"
        prof = cProfile.Profile() if wanted else None
        try:
            if prof is None:
                return fn(*args, **kwargs)
            return prof.runcall(fn, *args, **kwargs)
        finally:
            mark(label + " end", first=first)
            if prof is not None:
                prof.dump_stats(OUT + ".prof")

    return wrapped


def _install(module: Any) -> None:
    for path in TIMED.get(module.__name__, ()):
        owner = module
        *outer, attr = path.split(".")
        for part in outer:
            owner = getattr(owner, part)
        _wrap(owner, attr, f"{module.__name__}:{path}")


class _Finder(importlib.abc.MetaPathFinder):
    """Wraps the loader of a watched module so hooks run right after it executes."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name not in TIMED and name not in WATCHED:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return None
        loader = spec.loader
        original = loader.exec_module

        def exec_module(module: Any) -> None:
            mark(f"import {name} start")
            original(module)
            mark(f"import {name} end")
            _install(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def main() -> None:
    """Install the hooks, then run ``RUNNER`` with the remaining arguments."""
    if sys.path and sys.path[0] == os.path.dirname(os.path.abspath(__file__)):
        sys.path.pop(0)  # not bench/ first on the path: the app's own modules win
    mark("interpreter up")
    sys.meta_path.insert(0, _Finder())
    runner, args = sys.argv[1], sys.argv[2:]
    if runner == "dashboard.warm":
        from dashboard import warm

        sys.argv = ["warm", *args]
        warm.main()
    else:
        sys.argv = ["streamlit", *args]
        from streamlit.web import cli

        cli.main()


if __name__ == "__main__":
    main()
