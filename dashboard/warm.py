"""``python -m dashboard.warm run SCRIPT [flags]``: Streamlit's own command line, with the
dashboard's modules imported in a background thread while the server starts and the
browser loads Streamlit's frontend.

Without it nothing of the app is imported until the first browser session runs the
script, so the first page waits for pandas, folium, altair, geopandas and the app's core (most of
the app's import time) after the frontend has loaded. Importing them
earlier changes nothing else: the script imports the same modules, finds them in
``sys.modules`` (or waits on the import lock while the thread finishes them).
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

WARM_MODULES = (
    "pandas",
    "geopandas",
    "dashboard.core.model",
    "dashboard.core.geo.territory",
    "dashboard.core.ingest.upload",
    "streamlit.emojis",
)
"""The heavy imports of the first page: libraries and Frontline's core, which never
imports Streamlit. SQLAlchemy (the team ledger, the Edit tab) and networkx (roads) are
not: a session's first run draws neither the Edit tab nor, with a map page published
before, the roads; a data folder with a ledger imports it as it loads. The UI modules are left to the script: one declares a Streamlit
component at import, which needs the running server's registry (imported earlier, the map
never came). Altair is not among them: only a chart tab imports it, when it opens."""


def warm(script: str | None = None) -> None:
    """Import :data:`WARM_MODULES`, load the model of the data folder the server will show
    (the first page takes it, :mod:`dashboard.core.warmload`); then, unless the first page
    will take a map page published before for the same data and code
    (:mod:`dashboard.ui.map.built`, beside the entry ``script``), what building one needs:
    that folder's basemap countries (cached in the core per file) and folium; last, fill
    inspect's file cache."""
    import importlib
    import inspect

    for name in WARM_MODULES:
        importlib.import_module(name)
    from dashboard.core import warmload
    from dashboard.core.geo import basemap
    from dashboard.core.io.load import resolve_data_dir

    published = False
    try:
        data_dir = resolve_data_dir()
        model = warmload.preload(data_dir)
        published = model is not None and _page_published(script, data_dir, model)
        if not published:  # the first page builds its map page
            for name in (basemap.WORLD_FILE, basemap.DETAIL_FILE):
                path = basemap.geo_path(data_dir, name)
                if path is not None:
                    basemap.load_countries(path)
    except Exception:  # noqa: BLE001 - only a head start: the page reads and reports it again
        pass
    if not published:
        importlib.import_module("folium")
    # Streamlit's first element of a session calls inspect.stack() once (its "use
    # streamlit run" check, env_util.is_repl), which finds the file of every imported
    # module: ~17,000 stat calls with the modules above. Done here, inspect keeps them.
    inspect.stack()


def _page_published(script: str | None, data_dir: Path, model: Any) -> bool:
    """Whether a state folder's entry ``script`` will find the map page of the first view
    (all factions, English) published before, under the key ``dashboard.ui.data`` gives a
    model of a folder without a ledger (the only kind preloaded). A wrong guess costs
    time only (folium imported or not), never a wrong page."""
    from dashboard.core import warmload
    from dashboard.launch import APP_SCRIPT_NAME
    from dashboard.ui.map import page_published

    if script is None or Path(script).name != APP_SCRIPT_NAME:
        return False  # dashboard/app.py: no served folder, its page is always built
    key = (str(data_dir), warmload.stamp(data_dir))
    return page_published(Path(script).with_name("static"), key)


SWITCH_S = 0.0005
"""Python's thread switch interval while :func:`warm` runs (default 5 ms): the server's
own thread, which imports Streamlit and then serves the frontend's ~60 files, gets the
interpreter back within 0.5 ms of asking instead of up to 5 ms at each step."""


def _warm_politely(script: str | None) -> None:
    default = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_S)
    try:
        warm(script)
    finally:
        sys.setswitchinterval(default)


def main() -> None:
    """Start the import thread, then become Streamlit's command line with our arguments."""
    script = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "run" else None
    threading.Thread(
        target=_warm_politely, args=(script,), name="frontline-warm", daemon=True
    ).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
