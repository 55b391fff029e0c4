"""Downloads of the current view, cached per (data, day, factions, format, language) in a
byte-bounded cache (the second download of a view costs nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from dashboard.core.export import formats as export
from dashboard.core.lru import BytesLRU
from dashboard.core.model import Model
from dashboard.ui.data import MB, model_for

EXPORT_CACHE_BYTES = 256 * MB
_EXPORTS: BytesLRU[bytes] = BytesLRU(EXPORT_CACHE_BYTES, max_entries=64)
EXPORTERS: dict[str, Callable[[Model, dt.date, list[str]], bytes]] = {
    "csv": export.state_csv_bytes,
    "events": export.events_csv_bytes,
    "geojson": export.geojson_bytes,
}


def export_file(
    key: tuple[Any, ...], day: dt.date, factions: tuple[str, ...], fmt: str, lang: str = "en"
) -> bytes:
    """An export of the view (``EXPORTERS`` name or ``html``, whose words are in ``lang``),
    cached per (data, day, factions, format, language) in at most 256 MB: the second
    download of a view costs nothing."""
    return _EXPORTS.get(
        (key, day, factions, fmt, lang), lambda: _render_export(key, day, factions, fmt, lang)
    )


def _render_export(
    key: tuple[Any, ...], day: dt.date, factions: tuple[str, ...], fmt: str, lang: str
) -> bytes:
    model = model_for(key)
    if fmt == "html":
        from dashboard.ui.map import standalone_html

        return standalone_html(model, day, list(factions), lang=lang).encode("utf-8")
    return EXPORTERS[fmt](model, day, list(factions))
