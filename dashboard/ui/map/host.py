"""The map's host on the page: a Streamlit components-v2 element around the folium page.

The folium-rendered page is a static file of the app (``assets.publish_page``) or carried
as text (see :mod:`dashboard.ui.map.frame`), shown in an iframe that this element
creates once per built map. Python pushes data (a day chosen in Python, layers, the map view, the
day's overlay) without rebuilding it; the page reports the day when the user lets go of
the range, a clicked place (a trigger), the layers and the map view. streamlit-folium
can carry none of these back without its undocumented internals (its frontend's
``window.Streamlit`` and ``__GLOBAL_DATA__``), hence this documented host.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

__all__ = ["mount"]

HOST_JS = (Path(__file__).with_name("js") / "host.js").read_text(encoding="utf-8")
_host = st.components.v2.component("frontline_map", js=HOST_JS, html="<div></div>")


def mount(
    page: dict[str, str | None],
    *,
    height: int | str,
    key: str,
    callbacks: dict[str, Callable[[], None]],
    **pushed: Any,
) -> Any:
    """Mount (or update) the map ``page`` (its digest and its URL or text). ``pushed`` (day, seq, layers,
    layers_seq, view, view_seq, overlay) reaches the page as data; ``callbacks`` run when
    the page reports day, click, view or layers; ``height`` is pixels or a CSS length.
    Returns the component result."""
    payload = {**page, "height": height, **pushed}
    options: dict[str, Any] = {f"on_{name}_change": cb for name, cb in callbacks.items()}
    options.update(
        key=key,
        data=payload,
        default={"day": None, "view": None, "layers": None, "click": None, "need": None},
        height=height if isinstance(height, int) else "content",
    )
    return _host(**options)
