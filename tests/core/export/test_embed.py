"""The <iframe> snippet for a published HTML map: only safe addresses, every value escaped."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from dashboard.core.errors import UsageError
from dashboard.core.export.embed import day_fragment, iframe_snippet, published_address

HOSTILE_PLACE = '"><script>alert(1)</script> & {{7*7}}'


def attributes(snippet: str) -> dict[str, str]:
    """The iframe's attributes, unescaped, as a browser would read them."""
    assert snippet.startswith("<iframe ") and snippet.endswith("></iframe>")
    return {k: html.unescape(v) for k, v in re.findall(r'(\w+)="([^"]*)"', snippet)}


def test_the_snippet_opens_the_day_and_place_of_the_view():
    snippet = iframe_snippet(
        "https://news.example/libya.html", dt.date(2020, 6, 1), "al-Asabaa", "Libya"
    )
    attrs = attributes(snippet)
    assert attrs["src"] == "https://news.example/libya.html#date=2020-06-01&place=al-Asabaa"
    assert attrs["title"] == "Libya" and attrs["height"] == "640"


def test_hostile_place_and_title_stay_inside_their_attributes():
    snippet = iframe_snippet("map.html", "2020-06-01", HOSTILE_PLACE, HOSTILE_PLACE)
    assert "<script" not in snippet and snippet.count('"') == 12  # six attributes, nothing more
    attrs = attributes(snippet)
    assert attrs["title"] == HOSTILE_PLACE
    assert "<" not in attrs["src"] and '"' not in attrs["src"]  # percent-encoded in the link
    assert attrs["src"].startswith("map.html#date=2020-06-01&place=%22%3E%3Cscript%3E")


def test_a_fragment_already_in_the_address_is_replaced():
    assert day_fragment("2020-06-01") == "#date=2020-06-01"
    snippet = iframe_snippet("https://a.example/m.html#date=2019-01-01", "2020-06-01", None, "t")
    assert attributes(snippet)["src"] == "https://a.example/m.html#date=2020-06-01"


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>x</b>",
        "//evil.example/x.html",
        "https://",
        'map.html" onload="alert(1)',
        "map.html\nx",
        "",
        "file:///etc/passwd",
    ],
)
def test_only_http_or_relative_addresses_are_accepted(address: str):
    with pytest.raises(UsageError):
        published_address(address)
