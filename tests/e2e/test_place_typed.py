"""The place picker of a data set with more places than it lists: a place typed by name and
entered becomes the chosen place, on the map and in the link, as a person would do it."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from bench.synth import generate
from dashboard.core.model import Model
from dashboard.ui import widgets
from tests.support.mapdom import map_frame, wait_idle
from tests.support.server import running_app

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Iterator[tuple[str, Model]]:
    """The dashboard on a synthetic folder of more places than the picker lists."""
    folder = generate(tmp_path_factory.mktemp("many"), places=widgets.PICKER_MAX + 100, events=3000)
    with running_app(folder) as url:
        yield url, Model.load(folder)


def test_a_place_outside_the_list_is_typed_and_chosen(page: Page, many):
    url, model = many
    page.goto(url)
    wait_idle(page)
    map_frame(page)
    counts = model.event_counts()
    by_events = sorted(model.data.places["place"], key=lambda p: -counts.get(p, 0))
    quiet = by_events[-1]  # the quietest place: not among the busiest listed
    picker = page.get_by_role("combobox", name="Distances from (or click a place on the map)")
    picker.click()
    expect(page.get_by_role("option").first).to_be_visible()
    picker.fill(quiet.upper())  # any spelling the gazetteer knows
    page.keyboard.press("Enter")
    page.wait_for_url(lambda u: parse_qs(urlparse(u).query).get("place") == [quiet])
    wait_idle(page)
    expect(picker).to_have_value(quiet)
    expect(page.get_by_role("heading", name=quiet, exact=True)).to_be_visible()  # its panel
