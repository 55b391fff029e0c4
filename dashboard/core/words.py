"""The map's words in English or Arabic: one table (``strings.toml`` beside this module),
read once, and the few rules that use it (dates, holders' labels, place names).

Every user-facing text of the map page, its HTML export and the publish captions comes
from here; the browser is sent the chosen language's table (:func:`strings`) and fills
it with the same ``{placeholder}`` rule as :func:`fill`. No Streamlit, no folium.

Examples
--------
>>> text("legend_head", "en", date="1 Jun 2020")
'Control · 1 Jun 2020'
>>> long_date(dt.date(2020, 6, 1), "ar")
'1 يونيو 2020'
>>> fill("{place}: {holder}", place="{holder}", holder="GNA")
'{holder}: GNA'
>>> check_lang("xx")
Traceback (most recent call last):
...
dashboard.core.errors.UsageError: unknown language 'xx' (expected en or ar)
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

from dashboard.core.errors import UsageError

__all__ = [
    "DIRECTION",
    "LANGS",
    "PLACEHOLDER",
    "STRINGS_FILE",
    "arabic_name",
    "check_lang",
    "faction_labels",
    "fill",
    "long_date",
    "place_names",
    "short_date",
    "strings",
    "table",
    "text",
]

LANGS = ("en", "ar")
"""The languages of the map: English (the default) and Arabic."""
DIRECTION = {"en": "ltr", "ar": "rtl"}
STRINGS_FILE = Path(__file__).with_name("strings.toml")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
"""``{name}`` in a text: filled by :func:`fill` here and by ``t()`` in the browser."""
ARABIC_SCRIPT = ("\u0600", "\u06ff")


def check_lang(lang: str) -> str:
    """``lang`` if the map speaks it, else UsageError naming the choices."""
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang[:20]!r} (expected {' or '.join(LANGS)})")
    return lang


@functools.cache
def table() -> dict[str, dict[str, str]]:
    """key -> {language: text}, as read from :data:`STRINGS_FILE` (once)."""
    with STRINGS_FILE.open("rb") as handle:
        raw = tomllib.load(handle)
    return {key: {lang: str(value) for lang, value in entry.items()} for key, entry in raw.items()}


@functools.cache
def _strings(lang: str) -> tuple[tuple[str, str], ...]:
    return tuple((key, entry.get(lang, entry["en"])) for key, entry in table().items())


def strings(lang: str) -> dict[str, str]:
    """Every key's text in ``lang`` (what the browser map is sent)."""
    return dict(_strings(check_lang(lang)))


def fill(template: str, **values: object) -> str:
    """``template`` with each ``{name}`` replaced by ``values[name]`` as plain text (a
    value's own braces are never read again); an unknown name stays as written."""
    return PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template
    )


def text(key: str, lang: str = "en", **values: object) -> str:
    """The text of ``key`` in ``lang``, its placeholders filled."""
    return fill(strings(lang)[key], **values)


def long_date(day: dt.date, lang: str = "en") -> str:
    """``1 June 2020`` / ``1 يونيو 2020``, whatever the machine's locale."""
    month = text(f"month_{day.month}", lang)
    return text("date_long", lang, day=day.day, month=month, year=day.year)


def short_date(day: dt.date, lang: str = "en") -> str:
    """``1 Jun 2020`` / ``1 يونيو 2020`` (the map's date control and legend)."""
    month, mon = text(f"month_{day.month}", lang), text(f"mon_{day.month}", lang)
    return text("date_short", lang, day=day.day, month=month, mon=mon, year=day.year)


def arabic_name(alt_names: Iterable[str] | str) -> str:
    """The first name written in Arabic script ('' if none); ``alt_names`` a list or the
    ``|``-separated text of places.csv.

    >>> arabic_name("Asbia|Al Asabi`ah|الأصابعة")
    'الأصابعة'
    """
    names = alt_names.split("|") if isinstance(alt_names, str) else alt_names
    low, high = ARABIC_SCRIPT
    for name in names:
        if any(low <= ch <= high for ch in str(name)):
            return str(name).strip()
    return ""


def place_names(
    places: Iterable[str], alt_names: Mapping[str, Iterable[str]], lang: str
) -> list[str]:
    """Each place's name in ``lang``: in Arabic its first Arabic-script alternate name
    (places.csv), else its own (Latin) name; in English its own name."""
    check_lang(lang)
    if lang == "en":
        return list(places)
    return [arabic_name(alt_names.get(p, ())) or p for p in places]


def faction_labels(
    factions: Iterable[str],
    labels: Iterable[str],
    translated: Iterable[str] | None,
    lang: str,
    unknown: str,
) -> dict[str, str]:
    """Faction -> label in ``lang`` (an Arabic label from factions.csv's optional
    ``label_ar`` where given, else the label), plus the label of ``unknown``."""
    check_lang(lang)
    names, shown = list(factions), list(labels)
    if lang == "ar" and translated is not None:
        shown = [
            t if isinstance(t, str) and t else s for t, s in zip(translated, shown, strict=True)
        ]
    out = dict(zip(names, shown, strict=True))
    out[unknown] = text("holder_unknown", lang)
    return out
