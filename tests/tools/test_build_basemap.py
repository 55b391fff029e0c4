"""The basemap build's pure parts: its description, Arabic name choice, small-part rule."""

from __future__ import annotations

import pytest
import shapely

from tests.support.paths import BUNDLED
from tools.basemap_vectors import arabic_name, keep_large_parts
from tools.build_basemap import BuildError, read_description


def test_bundled_description_drives_the_build():
    description = read_description(BUNDLED)
    assert description.focus_country == "LBY" and description.region == "lby"
    assert description.bbox == (5.0, 18.0, 30.0, 38.0)
    assert description.alpha2 == "LY"


def test_a_description_without_a_bbox_is_refused(tmp_path):
    (tmp_path / "dataset.toml").write_text('focus_country = "UKR"\n', encoding="utf-8")
    with pytest.raises(BuildError, match=r"dataset.toml: needs focus_country and \[basemap\] bbox"):
        read_description(tmp_path)


def test_arabic_name_prefers_the_standard_spelling_written_most_often():
    tripoli = ["Tripoli", "ترابلس", "ترىپولى", "طرابلس", "طرابلس، لیبیا", "طَرَابُلُس"]
    assert arabic_name(tripoli) == "طرابلس"
    assert arabic_name(["بنغازى", "بنغازي", "بنغازی"]) == "بنغازي"
    assert arabic_name(["اسكندريه", "اسکندریه", "الإسكندرية"]) == "الإسكندرية"
    assert arabic_name(["Zawiya", "Az Zawiyah"]) == ""


def test_small_parts_are_dropped_but_a_country_keeps_its_largest():
    big, small = shapely.box(0, 0, 1, 1), shapely.box(5, 5, 5.01, 5.01)
    assert keep_large_parts(shapely.MultiPolygon([small, big]), 0.01).equals(big)
    assert keep_large_parts(small, 0.01).equals(small)
