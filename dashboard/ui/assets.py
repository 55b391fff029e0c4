"""Serve Leaflet from the XStatic-Leaflet package so the map needs no network."""

from __future__ import annotations

import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
VENDOR_DIR = STATIC_DIR / "vendor" / "leaflet"
URL_PREFIX = "/app/static/vendor/leaflet"
LEAFLET_JS = f"{URL_PREFIX}/leaflet.js"
LEAFLET_CSS = f"{URL_PREFIX}/leaflet.css"


def leaflet_source_dir() -> Path:
    """Folder of leaflet.js, leaflet.css and images/ inside the installed package."""
    return Path(xleaflet.BASE_DIR)


def ensure_leaflet_assets(target: Path = VENDOR_DIR) -> Path:
    """Copy Leaflet into the folder Streamlit serves (idempotent); return that folder."""
    source = leaflet_source_dir()
    if (target / "leaflet.js").exists() and (target / "leaflet.js").stat().st_size == (
        source / "leaflet.js"
    ).stat().st_size:
        return target
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copy2(source / name, tmp / name)
    shutil.copytree(source / "images", tmp / "images")
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return target


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
