"""ui/map/built.py: a published page is found again by what it was built from, and only
while it is still published whole."""

from __future__ import annotations

import os

from dashboard.ui.map import built
from dashboard.ui.map.assets import publish_page


def test_a_recorded_build_gives_back_its_published_page(tmp_path):
    static = tmp_path / "static"
    html = "<html>a map</html>"
    publish_page(html, static / "maps")
    key = built.build_key(("folder", ()), False, "en")
    assert built.recall(static, "maps", key) is None  # not recorded yet
    built.record(static, key, html)
    assert built.recall(static, "maps", key) == html
    assert not (static / built.BUILT_SUBDIR).exists()  # the records are not served
    other = built.build_key(("folder", ()), False, "ar")
    assert other != key and built.recall(static, "maps", other) is None


def test_a_trimmed_or_altered_page_is_built_again(tmp_path):
    static = tmp_path / "static"
    html = "<html>a map</html>"
    page = static / "maps" / publish_page(html, static / "maps").rsplit("/", 1)[1]
    key = built.build_key("inputs")
    built.record(static, key, html)
    page.write_text("<html>another</html>", encoding="utf-8")
    assert built.recall(static, "maps", key) is None
    page.unlink()
    assert built.recall(static, "maps", key) is None


def test_the_code_version_names_the_source_and_libraries():
    version = built.code_version()
    assert len(version) == 64 and version == built.code_version()
    assert built.build_key("x") != built.build_key("y")


def test_only_the_most_recent_records_are_kept(tmp_path, monkeypatch):
    static = tmp_path / "static"
    monkeypatch.setattr(built, "MAX_RECORDS", 3)
    keys = [built.build_key(i) for i in range(5)]
    for i, key in enumerate(keys):
        built.record(static, key, f"<html>{i}</html>")
        path = static.parent / built.BUILT_SUBDIR / f"{key}.json"
        os.utime(path, ns=(i * 10**9, i * 10**9))
    built.record(static, keys[4], "<html>4</html>")  # rewritten: the newest
    left = {p.stem for p in (static.parent / built.BUILT_SUBDIR).glob("*.json")}
    assert left == set(keys[2:])
