"""The map's word table: every key in both languages, the same placeholders, and texts
that are only text (filling never reads a value as a template)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dashboard.core import words
from dashboard.core.errors import UsageError
from dashboard.core.schema import UNKNOWN
from tests.support.paths import ROOT

JS_DIR = ROOT / "dashboard" / "ui" / "map" / "js"


def test_every_key_has_every_language_and_the_same_placeholders():
    table = words.table()
    assert len(table) > 100
    for key, entry in table.items():
        assert set(entry) == set(words.LANGS), key
        for lang in words.LANGS:
            assert entry[lang].strip(), (key, lang)
        holes = {lang: set(words.PLACEHOLDER.findall(entry[lang])) for lang in words.LANGS}
        assert holes["ar"] == holes["en"], key


def test_arabic_texts_are_arabic_where_english_has_words():
    """A text left in English in the Arabic column would be a missed translation; only
    names (English, source names) and pure formats may be the same."""
    same = {k for k, e in words.table().items() if e["ar"] == e["en"]}
    letters = re.compile(r"[A-Za-z]{3,}")
    untranslated = {
        k for k in same if letters.search(words.PLACEHOLDER.sub("", words.table()[k]["en"]))
    }
    assert untranslated == set()


def test_every_key_the_browser_map_asks_for_is_in_the_table():
    asked = set()
    for script in JS_DIR.glob("*.js"):
        asked |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']""", script.read_text()))
    assert asked, "the map asks for no word: the pattern no longer matches its calls"
    keys = set(words.table())
    exact = {k for k in asked if not k.endswith("_")}
    prefixes = asked - exact  # t("month_" + m): some key must start so
    assert exact <= keys
    assert all(any(k.startswith(p) for k in keys) for p in prefixes), prefixes


def test_dates_in_both_languages():
    day = dt.date(2020, 6, 1)
    assert words.long_date(day) == "1 June 2020"
    assert words.short_date(day) == "1 Jun 2020"
    assert words.long_date(day, "ar") == "1 يونيو 2020"
    assert words.short_date(dt.date(2019, 12, 31), "ar") == "31 ديسمبر 2019"


def test_a_bad_language_is_one_usage_error():
    with pytest.raises(UsageError, match=r"unknown language 'xx' \(expected en or ar\)"):
        words.strings("xx")


def test_filling_is_plain_text():
    hostile = "{place}<img src=x onerror=alert(1)>"
    filled = words.text("history_title", "ar", place=hostile)
    assert filled == f"سجل السيطرة على {hostile}"


def test_place_names_take_the_first_arabic_alternate_name():
    alts = {"Tripoli": ["Tripolis", "طرابلس", "طَرَابُلُس"], "Nowhere": ["Nowhere town"]}
    assert words.place_names(["Tripoli", "Nowhere"], alts, "ar") == ["طرابلس", "Nowhere"]
    assert words.place_names(["Tripoli"], alts, "en") == ["Tripoli"]


def test_faction_labels_use_label_ar_where_given():
    got = words.faction_labels(["A", "B"], ["Alpha", "Beta"], ["ألفا", ""], "ar", UNKNOWN)
    assert got == {"A": "ألفا", "B": "Beta", UNKNOWN: "غير معروف"}
    assert words.faction_labels(["A"], ["Alpha"], ["ألفا"], "en", UNKNOWN)["A"] == "Alpha"
