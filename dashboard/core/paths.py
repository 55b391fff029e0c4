"""Where Frontline's files are: the bundled data folder and the run-time state folder.

The bundled data (``data/`` of a checkout) is installed by the wheel as the package
``frontline_data``; :func:`bundled_data_dir` finds it either way. Nothing at run time is
written beside the code: published map pages and vendored assets go to :func:`state_dir`
($FRONTLINE_STATE_DIR, else a per-user cache folder), which :func:`trim_state_dir` keeps
under $FRONTLINE_STATE_MAX_MB (oldest files first).

Examples
--------
>>> (bundled_data_dir() / "dataset.toml").is_file()
True
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     folder = state_dir({"FRONTLINE_STATE_DIR": tmp + "/state"})
...     folder.is_dir(), folder.name
(True, 'state')
>>> state_dir({"XDG_CACHE_HOME": "/var/cache/me"}, create=False).as_posix()
'/var/cache/me/frontline'
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from dashboard.core.errors import UsageError

__all__ = [
    "bundled_data_dir",
    "CHECKOUT_DATA",
    "DATA_PACKAGE",
    "DEFAULT_STATE_MAX_MB",
    "LEAFLET_SUBDIR",
    "MAPS_SUBDIR",
    "MARKER",
    "served_static_dir",
    "state_dir",
    "STATE_DIR_ENV",
    "state_max_bytes",
    "STATE_MAX_MB_ENV",
    "trim_state_dir",
]


DATA_PACKAGE = "frontline_data"
STATE_DIR_ENV = "FRONTLINE_STATE_DIR"
STATE_MAX_MB_ENV = "FRONTLINE_STATE_MAX_MB"
DEFAULT_STATE_MAX_MB = 200
MARKER = "dataset.toml"
LEAFLET_SUBDIR = "vendor/leaflet"  # under the served static folder: Leaflet's files
MAPS_SUBDIR = "maps"  # under the served static folder: published map pages
CHECKOUT_DATA = Path(__file__).resolve().parents[2] / "data"


def bundled_data_dir() -> Path:
    """The bundled data folder: ``data/`` of a checkout, else the installed ``frontline_data``.

    A checkout wins, so a source tree uses its own (possibly edited) data even when a
    wheel is installed in the same environment.
    """
    if (CHECKOUT_DATA / MARKER).is_file():
        return CHECKOUT_DATA
    spec = importlib.util.find_spec(DATA_PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if (Path(folder) / MARKER).is_file():
            return Path(folder)
    return CHECKOUT_DATA  # neither: the loader reports the missing folder by this name


def state_dir(environ: Mapping[str, str] | None = None, create: bool = True) -> Path:
    """The folder for run-time files (map pages, vendored assets), created mode 0700.

    $FRONTLINE_STATE_DIR, else $XDG_CACHE_HOME/frontline, else ~/.cache/frontline; when
    the home folder cannot be written (a service user without one), a per-user folder in
    the system's temporary folder.
    """
    env = os.environ if environ is None else environ
    chosen = env.get(STATE_DIR_ENV, "").strip()
    if chosen:
        folder = Path(chosen).expanduser()
    else:
        cache = env.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
        folder = Path(cache) / "frontline"
    if not create:
        return folder
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        if chosen:  # the operator named it: say so rather than write elsewhere
            raise
        folder = Path(tempfile.gettempdir()) / f"frontline-{os.getuid()}"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def served_static_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``STATE/app/static``: the folder Streamlit serves at ``/app/static/`` when the app is
    started from the script :func:`dashboard.launch.prepare_state` puts in ``STATE/app``
    (Streamlit serves the ``static/`` folder beside its main script); Leaflet and the
    published map pages belong under it (``vendor/leaflet``, ``maps``)."""
    folder = state_dir(environ) / "app" / "static"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def state_max_bytes(environ: Mapping[str, str] | None = None) -> int:
    """The state folder's size bound: $FRONTLINE_STATE_MAX_MB (default 200) in bytes.

    >>> state_max_bytes({"FRONTLINE_STATE_MAX_MB": "1"})
    1048576
    """
    env = os.environ if environ is None else environ
    text = env.get(STATE_MAX_MB_ENV, "").strip()
    try:
        megabytes = float(text) if text else DEFAULT_STATE_MAX_MB
    except ValueError:
        raise UsageError(f"{STATE_MAX_MB_ENV} must be a number of MB, not {text!r}") from None
    return int(megabytes * 2**20)


def trim_state_dir(folder: Path, max_bytes: int, keep: frozenset[Path] = frozenset()) -> int:
    """Delete the least recently modified files under ``folder`` until the rest fit in
    ``max_bytes``; files in ``keep`` stay, and so do hidden ones (``.name``: a write in
    progress, renamed into place when complete). Returns the bytes freed.

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for i, name in enumerate(["old", "mid", "new"]):
    ...         path = Path(tmp, name)
    ...         _ = path.write_bytes(b"x" * 100)
    ...         os.utime(path, (i, i))
    ...     freed = trim_state_dir(Path(tmp), 250)
    ...     freed, sorted(p.name for p in Path(tmp).iterdir())
    (100, ['mid', 'new'])
    """
    files = []
    for path in folder.rglob("*"):
        try:
            info = path.stat()
        except OSError:  # removed meanwhile by another process
            continue
        if path.is_file() and not path.name.startswith("."):
            files.append((info.st_mtime, info.st_size, path))
    total = sum(size for _, size, _ in files)
    freed = 0
    for _, size, path in sorted(files):
        if total - freed <= max_bytes:
            break
        if path in keep:
            continue
        try:
            path.unlink()
        except OSError:
            continue
        freed += size
    return freed
