"""Folium elements whose text goes into the page as it is, never compiled again as Jinja.

branca renders a ``MacroElement``'s header, html and script macros and then wraps each
output in a new ``Element``, which compiles it as a Jinja template before rendering it
again: the map's megabytes of GeoJSON and run table were lexed by Jinja on every page
build (about a second at 20,000 places). These elements put the same text in directly.
Their inputs are already template-safe (:func:`dashboard.ui.map.elements.json_for_script`
escapes what would open a Jinja tag), so the page is the same, byte for byte.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

__all__ = ["PlainGeoJson", "PlainMacro", "Text"]


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
                section = getattr(figure, part)
                section.add_child(Text(str(macro(self, kwargs))), name=self.get_name())
        for child in list(self._children.values()):
            child.render(**kwargs)
        return ""


class PlainGeoJson(folium.GeoJson, PlainMacro):
    """``folium.GeoJson`` (its style maps and layer statements as folium makes them), its
    rendered data put into the page as :class:`Text`."""
