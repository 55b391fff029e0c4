"""Serve Leaflet from the XStatic-Leaflet package so the map needs no network."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
VENDOR_DIR = STATIC_DIR / "vendor" / "leaflet"
URL_PREFIX = "/app/static/vendor/leaflet"
LEAFLET_JS = f"{URL_PREFIX}/leaflet.js"
LEAFLET_CSS = f"{URL_PREFIX}/leaflet.css"


def leaflet_source_dir() -> Path:
    """Folder of leaflet.js, leaflet.css and images/ inside the installed package."""
    return Path(xleaflet.BASE_DIR)


def ensure_leaflet_assets(target: Path = VENDOR_DIR) -> Path:
    """Copy Leaflet into the folder Streamlit serves (idempotent, safe to race); return it.

    Each caller copies into its own temporary folder beside ``target`` and renames it into
    place; ``target`` only ever appears complete. When another caller won the rename, the
    loser's copy is deleted. A stale copy (another Leaflet version) is moved aside first.
    """
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
    """Leaflet's JS and CSS text, for a self-contained offline HTML file."""
    source = leaflet_source_dir()
    return (source / "leaflet.js").read_text(encoding="utf-8"), (source / "leaflet.css").read_text(
        encoding="utf-8"
    )


MAPS_DIR = STATIC_DIR / "vendor" / "maps"
MAPS_URL = "/app/static/vendor/maps"
MAP_PAGE_MAX_AGE_S = 24 * 3600


def publish_page(html: str, folder: Path = MAPS_DIR) -> str:
    """Serve a built map page as a static file (named by its content hash: writing it
    twice is harmless, and its name cannot be guessed); return its URL.

    The page is fetched once by the browser instead of riding on every rerun's message.
    It is written to a temp file and renamed into place, so no reader sees half a page;
    pages unused for a day are removed.
    """
    import hashlib
    import os
    import tempfile
    import time

    name = hashlib.sha256(html.encode("utf-8")).hexdigest() + ".html"
    target = folder / name
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".page-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(html)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        cutoff = time.time() - MAP_PAGE_MAX_AGE_S
        for old in folder.glob("*.html"):
            try:
                if old.stat().st_mtime < cutoff:
                    old.unlink()
            except OSError:
                pass
    else:
        os.utime(target)
    return f"{MAPS_URL}/{name}"
