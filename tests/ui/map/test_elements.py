"""The day-independent map page: its data survives folium's templates and the browser."""

from __future__ import annotations

import json
import re

from dashboard.core.model import Model
from dashboard.ui.map import standalone_html
from dashboard.ui.map.elements import json_for_script
from tests.support.map_payload import payload
from tests.support.paths import ROOT

HOSTILE = ROOT / "tests" / "data" / "hostile"


def test_template_syntax_in_data_is_not_evaluated():
    html = standalone_html(Model.load(HOSTILE), "2020-02-01")
    places = payload(html)["table"]["places"]
    assert "${alert(3)} {{7*7}}" in places
    assert not any("49" in p for p in places)


def test_json_for_script_cannot_close_the_script_or_open_a_template():
    text = json_for_script({"a": "</script><!-- {% raw %} {# x #} {{ 1 }}", "b": {"c": {}}})
    assert "</" not in text and "<!--" not in text
    assert not re.search(r"\{[{%#]", text)
    assert json.loads(text)["a"] == "</script><!-- {% raw %} {# x #} {{ 1 }}"


def test_export_carries_histories_with_only_http_links():
    model = Model.load(HOSTILE)
    cfg = payload(standalone_html(model, "2020-02-01"))
    urls = [row[8] for place in cfg["histories"] for row in place]
    assert urls and all(u == "" or u.startswith(("http://", "https://")) for u in urls)
    assert len(cfg["histories"]) == len(cfg["table"]["places"])
