"""Per-place histories and exports built in one pass agree with the per-place reference."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard.core.export import formats as export
from dashboard.core.lru import BytesLRU
from dashboard.core.model import Model
from tests.support.paths import BUNDLED, TINY


@pytest.fixture(scope="module", params=[TINY, BUNDLED], ids=["tiny", "bundled"])
def model(request):
    return Model.load(request.param)


def reference(model: Model, place: str, until: dt.date | None) -> list[dict]:
    """The slow way: scan the events of one place."""
    events = model.place_events(place)
    if until is not None:
        events = events[events["date"].dt.date <= until]
    out = events.assign(date=events["date"].dt.strftime("%Y-%m-%d"))
    return out[list(export.EVENT_COLUMNS)].to_dict("records")


@pytest.mark.parametrize("until", [None, dt.date(2020, 1, 5), dt.date(2020, 4, 18)])
def test_place_histories_match_one_scan_per_place(model, until):
    histories = model.place_histories(until=until)
    for place in model.data.places["place"]:
        assert histories.get(place, []) == reference(model, place, until), place


def test_place_histories_of_chosen_places_only(model):
    chosen = list(model.data.places["place"])[:2]
    assert sorted(model.place_histories(chosen)) == sorted(chosen)


def test_geojson_events_match_the_reference(model):
    day = model.span()[1] - dt.timedelta(days=3)
    collection = export.feature_collection_at(model, day)
    for feature in collection["features"]:
        place = feature["properties"]["place"]
        wanted = [
            {k: (r[k] if r[k] != "" else None) for k in export.EVENT_PROPERTIES}
            for r in reference(model, place, day)
        ]
        assert feature["properties"]["events"] == wanted
        assert feature["properties"]["event_count"] == len(wanted)


def test_state_table_dates_are_iso_or_empty(model):
    table = export.state_table(model, model.span()[1])
    for column in ("since", "last_change"):
        assert all(v == "" or (len(v) == 10 and v[4] == "-") for v in table[column])


def test_bytes_lru_is_bounded_by_bytes_not_entries():
    cache: BytesLRU[bytes] = BytesLRU(max_bytes=100, max_entries=1000)
    for i in range(50):
        cache.get(i, lambda: b"x" * 30)
    assert cache.nbytes <= 100 and len(cache) == 3 and cache.keys() == [47, 48, 49]
    assert cache.get("huge", lambda: b"y" * 101) == b"y" * 101  # returned, not kept
    assert "huge" not in cache.keys() and cache.nbytes <= 100


def test_bytes_lru_under_threads_keeps_its_accounting():
    cache: BytesLRU[bytes] = BytesLRU(max_bytes=1000, max_entries=20)
    barrier = threading.Barrier(8)

    def worker(n: int) -> None:
        barrier.wait()
        for i in range(2000):
            cache.get((n + i) % 37, lambda i=i: b"z" * (i % 90))

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(worker, range(8)))
    assert cache.nbytes == sum(len(cache.get(k, bytes)) for k in cache.keys())
    assert cache.nbytes <= 1000 and len(cache) <= 20
