"""Folium elements whose text goes into the page as it is, never compiled again as Jinja.

branca renders a ``MacroElement``'s header, html and script macros and then wraps each
output in a new ``Element``, which compiles it as a Jinja template before rendering it
again: the map's megabytes of GeoJSON and run table were lexed by Jinja on every page
build (about a second at 20,000 places). These elements put the same text in directly.
Their inputs are already template-safe (:func:`dashboard.ui.map.elements.json_for_script`
escapes what would open a Jinja tag), so the page is the same, byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

__all__ = ["LaterGeoJson", "PlainGeoJson", "PlainMacro", "Text"]


class Text(Element):
    """A piece of the page (a script, a style sheet, a rendered macro) shown as given.

    Like ``Element(text)``, one trailing newline is dropped (Jinja drops it there)."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text[:-1] if text.endswith("\n") else text


class PlainMacro(MacroElement):
    """A MacroElement whose rendered macros go into the figure as :class:`Text`."""

    def render(self, **kwargs: Any) -> str:
        """Add the rendered macros to the figure (they are its text), then the children."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("an element is rendered only inside a folium Figure")
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                self.add_part(figure, part, str(macro(self, kwargs)))
        for child in list(self._children.values()):
            child.render(**kwargs)
        return ""

    def add_part(self, figure: Figure, part: str, text: str) -> None:
        """Put one rendered macro into the figure's ``part`` (header, html or script)."""
        getattr(figure, part).add_child(Text(text), name=self.get_name())


class PlainGeoJson(folium.GeoJson, PlainMacro):
    """``folium.GeoJson`` (its style maps and layer statements as folium makes them), its
    rendered data put into the page as :class:`Text`."""


class LaterGeoJson(PlainGeoJson):
    """A :class:`PlainGeoJson` whose features the map adds after its first frame (layers
    no one sees on opening: the districts' hover shapes; the area cells, borders and roads,
    off until switched on). Its data goes into the page as a
    JSON block, parsed when added rather than compiled with the page's script; the layer,
    created empty, is registered in ``window.FrontlineLater`` with its ``kind`` (the
    features' ``fl`` property), and the timeline adds the features (``layers.js``)."""

    def __init__(self, data: Any, *, kind: str, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.kind = kind

    def add_part(self, figure: Figure, part: str, text: str) -> None:
        """The script without its data call, which becomes the JSON block and a
        registration."""
        if part != "script":
            super().add_part(figure, part, text)
            return
        name = self.get_name()
        call = f"{name}_add({{"
        start = text.index(call)
        end = text.index("\n", start)
        data = text[start + len(call) - 1 : end].rstrip().removesuffix(");")
        block = f'<script type="application/json" id="{name}_later">{data}</script>'
        figure.html.add_child(Text(block), name=f"{name}_later")
        later = (
            "(window.FrontlineLater = window.FrontlineLater || []).push({"
            f"kind: {json.dumps(self.kind)}, layer: {name}, add: function () {{ "
            f'{name}_add(JSON.parse(document.getElementById("{name}_later").textContent)); }} }});'
        )
        super().add_part(figure, part, text[:start] + later + text[end:])
