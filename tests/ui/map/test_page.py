"""The map page and its run table: what the browser receives, checked without a browser."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re

import numpy as np
import pytest

from dashboard.core.model import Model
from dashboard.core.timeline import day_from_epoch, run_table, tooltip_lines
from dashboard.ui import data as _data  # noqa: F401  (the UI imports cleanly)
from dashboard.ui import scene
from dashboard.ui.map import config as map_config
from dashboard.ui.map.overlay import MAX_KM_LABELS, overlay
from dashboard.ui.map.page import timeline_page
from tests.support.map_payload import payload
from tests.support.paths import BUNDLED

GNA, LNA = "#0072B2", "#D55E00"


@pytest.fixture(scope="module")
def model():
    """The bundled dataset."""
    return Model.load(BUNDLED)


def decoded(table: dict, name: str) -> np.ndarray:
    """A typed column of the run table, as the browser decodes it."""
    kinds = {"u1": "<u1", "u2": "<u2", "i4": "<i4"}
    if name in ("day", "since", "claim_since"):
        kind = kinds[table["day_type"]]
    elif name in ("holder", "claim"):
        kind = kinds[table["code_type"]]
    elif name == "offsets":
        kind = "<i4"
    else:
        kind = "<u1"
    return np.frombuffer(base64.b64decode(table[name]), dtype=kind)


def state_from_table(table: dict, day: dt.date) -> dict[str, str]:
    """Holder of every place on ``day``, by the browser's rule (last row on or before)."""
    number = (day - dt.date(1970, 1, 1)).days - table["day0"]
    offsets, days, holders = (
        decoded(table, "offsets"),
        decoded(table, "day"),
        decoded(table, "holder"),
    )
    out = {}
    for i, place in enumerate(table["places"]):
        rows = [r for r in range(offsets[i], offsets[i + 1]) if days[r] <= number]
        out[place] = table["holders"][holders[rows[-1]]] if rows else "unknown"
    return out


@pytest.mark.parametrize("day", ["2019-04-04", "2019-05-01", "2020-06-06", "2020-10-23"])
def test_run_table_gives_the_cores_holder_on_any_day(model, day):
    table = run_table(model.index, model.factions)
    state = model.state(day).set_index("place")["controller"].to_dict()
    assert state_from_table(table, dt.date.fromisoformat(day)) == state


def test_run_table_is_compact(model):
    table = run_table(model.index, model.factions)
    assert table["day_type"] == "u2" and table["code_type"] == "u1"
    claims = decoded(table, "claim")
    none = 0xFF if table["code_type"] == "u1" else 0xFFFF
    in_force = {table["holders"][c] for c in claims if c != none}
    assert in_force and in_force <= set(table["holders"])  # claim codes name real factions
    assert len(decoded(table, "day")) == table["rows"] == len(model.index.changes)


def test_page_is_independent_of_the_day(model):
    config = map_config.timeline_config(model, tuple(model.factions), {"areas": "Areas"})
    page = timeline_page(model, tuple(model.factions), None, None, config)
    cfg = payload(page)
    assert cfg["open_on"] == (model.data.info.open_on or model.data.info.period[0]).isoformat()
    assert len(cfg["table"]["places"]) == len(model.data.places)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    sheets = re.findall(r'<link[^>]+href="([^"]+)"', page)
    assert scripts == ["/app/static/vendor/leaflet/leaflet.js"]
    assert sheets == ["/app/static/vendor/leaflet/leaflet.css"]
    assert not re.search(r"cdn\.|cdnjs|unpkg|jsdelivr|bootstrapcdn|code\.jquery", page)
    assert "tile.openstreetmap.org" not in page  # the online layer comes only with the app


def test_tooltip_lines_flag_weak_holdings():
    lines = tooltip_lines("Aziziya", "LNA", "disputed", "2019-05-03", "claimed")
    assert lines == ["Aziziya", "Held by: LNA (disputed)", "Since: 2019-05-03 (start date claimed)"]
    assert tooltip_lines("X", "Unknown", "", None, "")[2] == "Since: no record yet"


def test_overlay_labels_the_nearest_places_and_is_plain_text(model):
    day = dt.date(2020, 6, 1)
    state = model.state(day)
    table = scene.distances(state, "Tarhuna")
    ovl = overlay(day, state, "Tarhuna", table, [(1.0, 2.0, "<b>x</b> cut off")])
    assert ovl["day"] == "2020-06-01" and len(ovl["lines"]) == len(state) - 1
    assert sum(1 for line in ovl["lines"] if line["label"]) >= MAX_KM_LABELS
    assert ovl["cut"] == [{"lat": 1.0, "lon": 2.0, "title": "<b>x</b> cut off"}]
    assert json.dumps(ovl)  # plain data: the browser sets every text as text


def test_epoch_days_round_trip():
    assert day_from_epoch((dt.date(2020, 6, 1) - dt.date(1970, 1, 1)).days) == dt.date(2020, 6, 1)


def test_the_arabic_page_carries_arabic_words_names_and_direction(model):
    factions = tuple(model.factions)
    config = map_config.app_config(model, factions, "ar")
    cfg = payload(timeline_page(model, factions, None, None, config))
    assert (cfg["lang"], cfg["dir"]) == ("ar", "rtl")
    assert cfg["text"]["legend_head"] == "السيطرة · {date}"
    shown = dict(zip(cfg["table"]["places"], cfg["place_names"], strict=True))
    assert shown["Tripoli"] == "طرابلس"
    assert shown["al-Asabaa"] == "الأصابعة"
    no_arabic = [p for p in cfg["table"]["places"] if not re.search("[\u0600-\u06ff]", shown[p])]
    assert all(shown[p] == p for p in no_arabic)  # no Arabic name: the place's own name
    assert cfg["labels"]["GNA"] == "حكومة الوفاق الوطني"  # factions.csv label_ar
    assert cfg["names"]["lang"] == "ar"
    assert all(re.search("[\u0600-\u06ff]", note["text"]) for note in cfg["legend_notes"])
    english = payload(
        timeline_page(model, factions, None, None, map_config.app_config(model, factions))
    )
    assert (english["lang"], english["dir"], english["place_names"]) == ("en", "ltr", None)
    assert english["labels"]["GNA"] == "Government of National Accord"
