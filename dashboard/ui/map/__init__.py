"""The map: its page (built once per dataset and language; the day and the faction
filter are pushed to it), its host on the Streamlit
page, and its browser code in ``js/``. What the rest of ``ui/`` needs is exported here.

Modules: ``frame`` (the map section of the page), ``host`` (the components-v2 element),
``page`` (the map page and the offline HTML export), ``config`` (what the browser is told),
``elements`` (folium elements, the joined script), ``offline`` (folium without network),
``basemap`` (land, districts, relief, fonts), ``assets`` (Leaflet and published pages),
``built`` (published pages found again across restarts),
``overlay`` (the day's distance lines and cut-off marks), ``popups`` (escaped history HTML).

Names load on first use, so the offline export (``page``) never imports Streamlit.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dashboard.ui.map.assets import ensure_leaflet_assets
    from dashboard.ui.map.built import page_published
    from dashboard.ui.map.frame import show_map, story_of
    from dashboard.ui.map.page import standalone_html
    from dashboard.ui.map.popups import history_html

__all__ = [
    "ensure_leaflet_assets",
    "history_html",
    "page_published",
    "show_map",
    "standalone_html",
    "story_of",
]

_HOMES = {
    "ensure_leaflet_assets": "assets",
    "history_html": "popups",
    "page_published": "built",
    "show_map": "frame",
    "standalone_html": "page",
    "story_of": "frame",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
