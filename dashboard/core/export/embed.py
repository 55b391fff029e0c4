"""The ``<iframe>`` snippet that embeds a published HTML map, opening on a day and place.

The snippet is text for the user to copy: every value in it (address, day, place, title)
is escaped for an HTML attribute, and the address must be http(s) or a relative path, so
no ``javascript:`` or ``data:`` address can be embedded.

>>> print(iframe_snippet("https://example.org/war.html", "2020-06-01", "al-Asabaa", "Libya"))
<iframe src="https://example.org/war.html#date=2020-06-01&amp;place=al-Asabaa" title="Libya" width="100%" height="640" style="border:0" loading="lazy"></iframe>
"""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import quote, urlsplit

from dashboard.core.errors import UsageError

__all__ = ["EMBED_HEIGHT", "day_fragment", "iframe_snippet", "published_address"]

EMBED_HEIGHT = 640
UNSAFE = re.compile(r"[\s\x00-\x1f\x7f<>\"'`\\]")


def published_address(raw: str) -> str:
    """The address where the HTML map is published: an http(s) URL or a relative path.

    >>> published_address(" maps/war.html ")
    'maps/war.html'
    >>> published_address("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    dashboard.core.errors.UsageError: the address must start with http:// or https://, or be a relative path
    """
    text = raw.strip()
    if not text:
        raise UsageError("no address given for the published map")
    if UNSAFE.search(text):
        raise UsageError("the address has a space, quote or control character")
    parts = urlsplit(text)
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        raise UsageError("the address must start with http:// or https://, or be a relative path")
    if parts.scheme and not parts.netloc:
        raise UsageError("the address has no host")
    if not parts.scheme and (text.startswith("//") or ":" in text.split("/", 1)[0]):
        raise UsageError("the address must start with http:// or https://, or be a relative path")
    return text.split("#", 1)[0]


def day_fragment(day: dt.date | str, place: str | None = None) -> str:
    """``#date=…&place=…``, the exported map's link to a day (see docs/links.md)."""
    iso = day if isinstance(day, str) else day.isoformat()
    text = "#date=" + quote(iso, safe="-")
    if place:
        text += "&place=" + quote(place, safe="-")
    return text


def iframe_snippet(
    address: str, day: dt.date | str, place: str | None, title: str, height: int = EMBED_HEIGHT
) -> str:
    """The HTML an article pastes to embed the published map at ``address``."""
    src = published_address(address) + day_fragment(day, place)
    return (
        f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(title, quote=True)}" '
        f'width="100%" height="{int(height)}" style="border:0" loading="lazy"></iframe>'
    )
