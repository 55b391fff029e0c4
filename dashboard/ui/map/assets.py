"""Leaflet from the XStatic-Leaflet package and the published map pages, both in the state
folder, never beside the code.

Streamlit serves ``static/`` beside the main script at ``/app/static/``; the launcher starts
the app from ``STATE/app/frontline_app.py`` (:func:`dashboard.launch.prepare_state`), so the
served folder is ``STATE/app/static`` (:func:`dashboard.core.paths.served_static_dir`):
Leaflet under ``vendor/leaflet``, public map pages under ``maps/`` by content hash, the
folder kept under $FRONTLINE_STATE_MAX_MB after each publish. Replicas that share the state
folder serve each other's pages. An upload's page is never written: it rides in the map
component (:mod:`dashboard.ui.map.frame`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

from dashboard.core.paths import (
    LEAFLET_SUBDIR,
    MAPS_SUBDIR,
    served_static_dir,
    state_max_bytes,
    trim_state_dir,
)

URL_PREFIX = f"/app/static/{LEAFLET_SUBDIR}"
LEAFLET_JS = f"{URL_PREFIX}/leaflet.js"
LEAFLET_CSS = f"{URL_PREFIX}/leaflet.css"
MAPS_URL = f"/app/static/{MAPS_SUBDIR}"


def leaflet_source_dir() -> Path:
    """Folder of leaflet.js, leaflet.css and images/ inside the installed package."""
    return Path(xleaflet.BASE_DIR)


def ensure_leaflet_assets(target: Path | None = None) -> Path:
    """Copy Leaflet into the folder Streamlit serves (default: the served state folder's
    ``vendor/leaflet``; idempotent, safe to race); return it.

    Each caller copies into its own temporary folder beside ``target`` and renames it into
    place; ``target`` only ever appears complete. When another caller won the rename, the
    loser's copy is deleted. A stale copy (another Leaflet version) is moved aside first.
    """
    target = target or served_static_dir() / LEAFLET_SUBDIR
    if _is_current(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        _copy_leaflet(tmp)
        if target.exists() and not _is_current(target):
            _move_aside(target)
        try:
            tmp.rename(target)
        except OSError:
            if not _is_current(target):  # neither ours nor a complete copy: a real failure
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _is_current(target: Path) -> bool:
    """True when ``target`` holds the installed Leaflet (same leaflet.js size, CSS, images)."""
    source = leaflet_source_dir()
    try:
        same = (target / "leaflet.js").stat().st_size == (source / "leaflet.js").stat().st_size
        return same and (target / "leaflet.css").is_file() and (target / "images").is_dir()
    except OSError:
        return False


def _copy_leaflet(folder: Path) -> None:
    source = leaflet_source_dir()
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copy2(source / name, folder / name)
    shutil.copytree(source / "images", folder / "images")
    folder.chmod(0o755)


def _move_aside(stale: Path) -> None:
    """Rename a stale copy to a unique hidden name and delete it (another caller may race)."""
    trash = Path(tempfile.mkdtemp(dir=stale.parent, prefix=f".{stale.name}.", suffix=".old"))
    try:
        stale.rename(trash / stale.name)
    except OSError:
        pass  # another caller moved it first
    shutil.rmtree(trash, ignore_errors=True)


def inline_leaflet() -> tuple[str, str]:
    """Leaflet's JS and CSS text, for a self-contained HTML page."""
    source = leaflet_source_dir()
    js, css = (source / name for name in ("leaflet.js", "leaflet.css"))
    return js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8")


def page_digest(html: str) -> str:
    """The content hash that names a map page (SHA-256, hex)."""
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def publish_page(html: str, folder: Path | None = None, max_bytes: int | None = None) -> str:
    """Serve a built map page as a static file named by its content hash (writing it twice
    is harmless; its name cannot be guessed) and return its URL.

    ``folder`` defaults to the served state folder's ``maps/``. The page is written to a
    temp file and renamed into place, so no reader (of any replica) sees half a page; a
    page already there is touched. Then the folder is trimmed, least recently published
    first, to ``max_bytes`` (default $FRONTLINE_STATE_MAX_MB); this page stays.
    """
    folder = folder or served_static_dir() / MAPS_SUBDIR
    target = folder / f"{page_digest(html)}.html"
    if target.exists():
        os.utime(target)
    else:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".page-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(html)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
        bound = state_max_bytes() if max_bytes is None else max_bytes
        trim_state_dir(folder, bound, keep=frozenset({target}))
    return f"{MAPS_URL}/{target.name}"
