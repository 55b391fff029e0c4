"""Column names and allowed values of the event table, and the http(s) link rule."""

from __future__ import annotations

import re

__all__ = [
    "CONFIDENCES",
    "DATE_PRECISIONS",
    "EVENT_COLUMNS",
    "FACTION_COLUMNS",
    "FACTIONS_FILE",
    "HTTP_LINK",
    "is_http_link",
    "NEUTRAL",
    "NEUTRAL_COLOR",
    "NON_HOSTILE",
    "PALETTE",
    "PLACE_COLUMNS",
    "PLACES_FILE",
    "REQUIRED_COLUMNS",
    "SOURCE_KINDS",
    "UNKNOWN",
    "UNKNOWN_COLOR",
    "WEAK_SOURCE_KINDS",
]

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "date",
    "place",
    "lat",
    "lon",
    "controller",
    "previous_controller",
    "date_precision",
    "event_type",
    "confidence",
    "source_title",
    "source_publisher",
    "source_date",
    "source_url",
    "source_kind",
    "notes",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("event_id", "date", "place")
FACTION_COLUMNS: tuple[str, ...] = ("faction", "label", "color", "description", "label_ar")
PLACE_COLUMNS: tuple[str, ...] = ("place", "alt_names", "lat", "lon", "kind")

DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")
CONFIDENCES: tuple[str, ...] = ("confirmed", "claimed", "disputed")
SOURCE_KINDS: tuple[str, ...] = (
    "wire",
    "press",
    "official",
    "ngo",
    "research",
    "partisan",
    "aggregator",
    "social",
    "reference",
)
"""What kind of publisher a source is (empty = not stated)."""
WEAK_SOURCE_KINDS = frozenset({"partisan", "aggregator", "social"})
"""Kinds that cannot confirm a change on their own: it stays a claim."""

UNKNOWN = "unknown"
"""Controller of a place before its first recorded change."""
NEUTRAL = "neutral"
"""A faction name that holds places but is nobody's enemy (e.g. a neutral town)."""
NON_HOSTILE = frozenset({UNKNOWN, NEUTRAL})

FACTIONS_FILE = "factions.csv"
PLACES_FILE = "places.csv"

# Okabe-Ito colours (colour-blind safe) for factions that factions.csv does not list.
PALETTE: tuple[str, ...] = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#CC79A7",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#000000",
)
UNKNOWN_COLOR = "#BBBBBB"
NEUTRAL_COLOR = "#999999"
"""The automatic colour of faction ``neutral``."""

HTTP_LINK = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)
"""A source URL that may become a link: http(s), no spaces, quotes or angle brackets."""


def is_http_link(value: object) -> bool:
    """True when ``value`` may be shown as a link (the one rule: http or https only).

    Examples
    --------
    >>> is_http_link("https://example.org/a?b=1"), is_http_link("javascript:alert(1)")
    (True, False)
    >>> is_http_link(' http://x.org/"onmouseover=alert(1)'), is_http_link(None)
    (False, False)
    """
    return isinstance(value, str) and HTTP_LINK.match(value.strip()) is not None
