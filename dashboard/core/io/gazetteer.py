"""Place names: the one name normaliser, places.csv, alternate names and close candidates."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core.errors import DataError, Problem
from dashboard.core.io.csvread import read_csv_file
from dashboard.core.words import place_names

__all__ = [
    "ARTICLE",
    "ARTICLES",
    "ASCII_QUOTES",
    "Gazetteer",
    "load_gazetteer",
    "NON_WORD",
    "normalise",
    "normalise_many",
    "QUOTES",
    "read_places",
    "shown_names",
]

ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "az ", "an ", "at ", "ash ", "ath ")


QUOTES = re.compile("[\u2018\u2019\u02bb\u02bc\u02bf\u02be`'\u00b4]")
NON_WORD = re.compile(r"[^\w]+")
ARTICLE = re.compile("^(?:" + "|".join(a.strip() for a in ARTICLES) + ") ")
ASCII_QUOTES = str.maketrans("", "", "`'")


def normalise(name: str) -> str:
    """Case-, accent-, article- and punctuation-insensitive key for a place name.

    Accents are dropped (NFKD, then combining marks removed), case folded, apostrophes and
    ʿayn/hamza signs removed, other punctuation and spaces joined, and one leading Arabic
    article (al, el, ad, ash, ...) dropped. ASCII names take a shortcut to the same result.

    Examples
    --------
    >>> normalise("Al-Aşābi‘ah") == normalise("al Asabiah")
    True
    >>> normalise("  TARHŪNAH "), normalise("Al-Zawiyah"), normalise("الأصابعة")
    ('tarhunah', 'zawiyah', 'الاصابعة')
    """
    return _normalise_short(name) if len(name) <= MEMO_LENGTH else _normalise(name)


MEMO_LENGTH = 120
"""Names up to this length are normalised once per process (a loader resolves and then
registers each place name; a 20,000-place table would normalise every name twice)."""


@functools.lru_cache(maxsize=1 << 16)
def _normalise_short(name: str) -> str:
    return _normalise(name)


def _normalise(name: str) -> str:
    if name.isascii():
        text = name.lower().translate(ASCII_QUOTES)
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        text = QUOTES.sub("", text)
    text = NON_WORD.sub(" ", text).strip()
    return ARTICLE.sub("", text, count=1).replace(" ", "")


def normalise_many(names: Sequence[str] | np.ndarray) -> np.ndarray:
    """:func:`normalise` for many names (each distinct spelling normalised once).

    Examples
    --------
    >>> list(normalise_many(["Al-Aşābi‘ah", "TARHŪNAH", "ash Shatti", "TARHŪNAH"]))
    ['asabiah', 'tarhunah', 'shatti', 'tarhunah']
    """
    codes, unique = pd.factorize(np.asarray(names, dtype=object))
    keys = np.array([normalise(str(n)) for n in unique] + [""], dtype=object)
    return keys[codes]


def read_places(path: Path) -> pd.DataFrame:
    """A places.csv checked: place, alt_names (list), lat, lon, country, geonameid.

    DataError names the file for a missing column and the line of every place without a
    name or numeric lat/lon.
    """
    frame = read_csv_file(path)
    for col in ("place", "lat", "lon"):
        if col not in frame.columns:
            raise DataError.single(str(path), 1, f"missing column: {col}")
    lat = pd.to_numeric(frame["lat"], errors="coerce")
    lon = pd.to_numeric(frame["lon"], errors="coerce")
    bad = frame.loc[lat.isna() | lon.isna() | (frame["place"].str.strip() == "")]
    if len(bad):
        message = "place needs a name and numeric lat/lon"
        raise DataError([Problem(str(path), int(line), message) for line in bad["_line"]])
    empty = pd.Series("", index=frame.index)
    alts = frame.get("alt_names", empty).str.split("|")
    return pd.DataFrame(
        {
            "place": frame["place"].str.strip(),
            "alt_names": [[a.strip() for a in names if a.strip()] for names in alts],
            "lat": lat.astype(float),
            "lon": lon.astype(float),
            "country": frame.get("country", empty).str.strip().str.upper(),
            "geonameid": frame.get("geonameid", empty).str.strip(),
        }
    ).reset_index(drop=True)


def shown_names(path: Path, places: Iterable[str], lang: str) -> list[str]:
    """Each of ``places`` as a reader of ``lang`` sees it: in Arabic its first Arabic-script
    alternate name in the places.csv at ``path`` (its own name where none, or no file)."""
    alts = {}
    if lang != "en" and path.exists():
        table = read_places(path)
        alts = dict(zip(table["place"], table["alt_names"], strict=True))
    return place_names(places, alts, lang)


def load_gazetteer(path: Path) -> Gazetteer:
    """A Gazetteer of places.csv (place, alt_names separated by '|', lat, lon); empty when
    the file does not exist."""
    gazetteer = Gazetteer()
    if path.exists():
        for row in read_places(path).itertuples(index=False):
            gazetteer.add(row.place, row.lat, row.lon, row.alt_names)
    return gazetteer


@dataclass
class Gazetteer:
    """Known places with coordinates and alternate names (see data/geo/places.csv).

    Examples
    --------
    >>> places = Gazetteer()
    >>> places.add("al-Asabaa", 32.03333, 12.86667, ["Asbia", "الأصابعة"])
    >>> places.resolve("Al Asabaa"), places.resolve("الاصابعة"), places.coordinates("asbia")
    ('al-Asabaa', 'al-Asabaa', (32.03333, 12.86667))
    >>> places.resolve("Gharyan"), places.candidates("Asabia")
    (None, ['al-Asabaa'])
    """

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
