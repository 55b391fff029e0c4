"""Bring your own data in the app: upload conversion, editor mode saving events."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.core.dataset import read_info
from dashboard.core.ingest import scratch
from dashboard.core.ingest import upload as core_upload
from dashboard.core.ingest.acled.factionmap import faction_map_for
from dashboard.core.io.gazetteer import load_gazetteer
from dashboard.core.model import Model
from tests.support.paths import ROOT

APP = str(ROOT / "dashboard" / "app.py")
ACLED = ROOT / "tests" / "data" / "acled" / "sample.csv"
TINY_EVENTS = ROOT / "tests" / "data" / "tiny" / "events" / "events.csv"


GAZETTEER = load_gazetteer(ROOT / "data" / "geo" / "places.csv")


RULES = faction_map_for(read_info(ROOT / "data"))  # the bundled data's ACLED actor map


def convert(raw: bytes, name: str, kind: str, **budget) -> core_upload.Converted:
    budget_ = core_upload.Budget(**budget)
    return core_upload.convert_upload(raw, name, kind, GAZETTEER, budget_, RULES)


def test_acled_upload_becomes_an_explorable_data_folder(tmp_path):
    result = convert(ACLED.read_bytes(), "sample.csv", "ACLED export")
    scratch.write_events(tmp_path, result.events_csv)
    model = Model.load(tmp_path)
    assert result.counts["control_changes"] > 0
    assert len(model.data.events) == result.counts["events"]
    assert int((model.data.events["controller"] != "").sum()) == result.counts["control_changes"]
    assert "Gharyan" in set(model.data.places["place"])


def test_frontline_upload_is_validated():
    result = convert(TINY_EVENTS.read_bytes(), "events.csv", "Frontline CSV")
    assert result.counts == {"rows_read": 7, "control_changes": 6}
    bad = b"event_id,date,place,lat,lon,source_title\nE1,2020-02-30,X,1,1,S\n"
    assert convert(bad, "mine.csv", "Frontline CSV").problems == (
        "mine.csv:2: impossible date '2020-02-30' (no such day)",
    )


def test_a_converted_upload_keeps_its_text_exactly():
    raw = TINY_EVENTS.read_text().replace(",Synthetic row\n", ",=1+1\n").encode()
    result = convert(raw, "formula.csv", "Frontline CSV")
    written = result.events_csv.decode()
    assert "=1+1" in written and "'=1+1" not in written


@pytest.mark.parametrize("fmt", ["csv", "events", "geojson", "html"])
def test_exports_are_cached_per_view(fmt):
    from dashboard.ui import data, exports

    model = data.bundled_model()
    key, day = data.model_key(model), dt.date(2020, 6, 1)
    first = exports.export_file(key, day, ("GNA",), fmt)
    assert exports.export_file(key, day, ("GNA",), fmt) is first  # cached, not rebuilt
    assert exports.export_file(key, day, ("GNA", "LNA"), fmt) != first  # another view
    assert exports._EXPORTS.nbytes <= exports.EXPORT_CACHE_BYTES


def test_the_per_day_caches_are_bounded_by_bytes():
    from dashboard.ui import data

    model = data.bundled_model()
    key = data.model_key(model)
    first = data.distance_data(key, dt.date(2020, 6, 1), ("GNA", "LNA"), "Tripoli")
    shown = len(first["table"])
    first["table"].clear()  # a caller's copy, not the cache
    again = data.distance_data(key, dt.date(2020, 6, 1), ("GNA", "LNA"), "Tripoli")
    assert len(again["table"]) == shown > 0
    for fn in (data.distance_data, data.territory_data, data.supply_data):
        assert fn.cache.max_bytes <= 192 * data.MB and fn.cache.nbytes <= fn.cache.max_bytes


def test_the_html_download_is_in_the_maps_language():
    from dashboard.ui import data, exports
    from tests.support.map_payload import payload

    model = data.bundled_model()
    key, day = data.model_key(model), dt.date(2020, 6, 1)
    english = exports.export_file(key, day, ("GNA", "LNA"), "html")
    arabic = exports.export_file(key, day, ("GNA", "LNA"), "html", "ar")
    assert payload(english.decode())["lang"] == "en"
    assert payload(arabic.decode())["lang"] == "ar"
