"""Published map pages found again by what they were built from, across server restarts.

A published page (:func:`dashboard.ui.map.assets.publish_page`) is named by its content;
this module records, beside the served folder, which page a build's inputs gave: the data
(the model's cache key: its folder and every file's size and mtime, and a team ledger's
version), the language, and the code and libraries that draw the page
(:func:`code_version`). A server started again on the same data and code takes the page
it published before instead of building it again (the slowest part of a first page).
Only published pages are recorded, never an upload's (those are never written), and only
pages built whole (none that a time budget trimmed).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

from dashboard.core.paths import MAPS_SUBDIR, bundled_data_dir
from dashboard.ui.map.assets import page_digest

__all__ = ["BUILT_SUBDIR", "build_key", "code_version", "page_published", "recall", "record"]

BUILT_SUBDIR = "built"
"""Beside the served folder (``STATE/app/built``): not served."""
MAX_RECORDS = 256
"""Records kept (about 80 bytes each), the most recently written."""
CODE = Path(__file__).resolve().parents[2]
LIBRARIES = ("folium", "branca", "jinja2", "XStatic-Leaflet", "pandas", "numpy", "shapely")


@functools.cache
def code_version() -> str:
    """A hash of every source file of the ``dashboard`` package, the versions of the
    libraries that render the page, and the bundled basemap's files (name, size, mtime: a
    data folder without its own takes them): any change to these builds pages anew."""
    digest = hashlib.sha256()
    for path in sorted(CODE.rglob("*")):
        if path.suffix in {".py", ".js", ".css", ".toml", ".json"} and path.is_file():
            digest.update(str(path.relative_to(CODE)).encode())
            digest.update(path.read_bytes())
    geo = bundled_data_dir() / "geo"
    for path in sorted(geo.iterdir()) if geo.is_dir() else []:
        info = path.stat()
        digest.update(f"{path.name}:{info.st_size}:{info.st_mtime_ns}".encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()


def build_key(*inputs: Any) -> str:
    """The name of a build: a hash of its inputs (their ``repr``) and :func:`code_version`."""
    return hashlib.sha256(repr((inputs, code_version())).encode()).hexdigest()


def recall(static: Path, maps: str, key: str) -> str | None:
    """The text of the page published for ``key``, if it is still in ``static/maps`` whole."""
    try:
        digest = json.loads((static.parent / BUILT_SUBDIR / f"{key}.json").read_text())["page"]
        html = (static / maps / f"{digest}.html").read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return html if page_digest(html) == digest else None


def record(static: Path, key: str, html: str) -> None:
    """Remember that ``key`` built ``html`` (atomically; the page is published separately)."""
    folder = static.parent / BUILT_SUBDIR
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".built-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"page": page_digest(html)}, out)
        os.replace(tmp, folder / f"{key}.json")
        _trim(folder)
    except OSError:
        return  # only a head start for the next server: it builds the page itself


def _trim(folder: Path) -> None:
    """Keep the :data:`MAX_RECORDS` most recent records (a record lost is a page rebuilt)."""
    records = []
    for path in folder.glob("*.json"):
        try:
            records.append((path.stat().st_mtime_ns, path))
        except OSError:  # removed meanwhile by another server
            continue
    for _, path in sorted(records)[:-MAX_RECORDS]:
        path.unlink(missing_ok=True)


def page_published(static: Path, key: Any, lang: str = "en") -> bool:
    """Whether the page of the model keyed ``key`` (``dashboard.ui.data``'s key) in
    ``lang`` is published in ``static`` and recorded: the page the app would take instead
    of building it (``dashboard.warm`` asks, to import folium or not). One page serves
    every faction filter (the filter is pushed to it)."""
    return recall(static, MAPS_SUBDIR, build_key(key, False, lang)) is not None
