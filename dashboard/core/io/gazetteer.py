"""Place names: normalisation, alternate names and lookup with close candidates."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "az ", "an ", "at ", "ash ", "ath ")


def normalise(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key for a place name.

    Examples
    --------
    >>> normalise("Al-Aşābi‘ah") == normalise("al Asabiah")
    True
    >>> normalise("  TARHŪNAH ")
    'tarhunah'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[\u2018\u2019\u02bb\u02bc\u02bf\u02be`'\u00b4]", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    for article in ARTICLES:
        if text.startswith(article):
            text = text[len(article) :]
            break
    return text.replace(" ", "")


@dataclass
class Gazetteer:
    """Known places with coordinates and alternate names (see data/geo/places.csv)."""

    coords: dict[str, tuple[float, float]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def add(self, place: str, lat: float, lon: float, alt_names: Iterable[str] = ()) -> None:
        """Register ``place`` at (lat, lon) under its own and its alternate names."""
        self.coords.setdefault(place, (lat, lon))
        for name in (place, *alt_names):
            key = normalise(name)
            if key:
                self.aliases.setdefault(key, place)

    def resolve(self, name: str) -> str | None:
        """Canonical place for ``name`` (any spelling), or None."""
        if name in self.coords:
            return name
        return self.aliases.get(normalise(name))

    def coordinates(self, name: str) -> tuple[float, float] | None:
        """(lat, lon) of ``name`` in WGS84, or None when unknown."""
        place = self.resolve(name)
        return self.coords[place] if place else None

    def candidates(self, name: str, limit: int = 3) -> list[str]:
        """Canonical places whose names are closest to ``name``, best first."""
        keys = difflib.get_close_matches(
            normalise(name), list(self.aliases), n=limit * 3, cutoff=0.5
        )
        seen: list[str] = []
        for key in keys:
            place = self.aliases[key]
            if place not in seen:
                seen.append(place)
        return seen[:limit]
