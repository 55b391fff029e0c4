"""One time budget from an upload's bytes to its drawn map (issues 22 and 24).

Work is made to cost simulated time: a clock that advances with each pixel projection
(``unit_pixel``, the unit of work of town-name placement), so the tests are deterministic and assert
where the work stopped, never how fast it ran.
"""

from __future__ import annotations

import random

from dashboard.core import budget
from dashboard.core.geo import labels
from dashboard.core.geo.labels import ZOOMS, Label, place_labels
from dashboard.core.ingest import scratch, upload
from dashboard.core.model import Model
from dashboard.ui.map import config as map_config
from dashboard.ui.map import page as map_page
from tests.support.builders import EVENT_HEADER

ROW = "E{i},2020-01-{day:02d},Place {i:05d},{lat:.5f},{lon:.5f},{who},,day,capture,confirmed,T{i},W,,,"


class WorkClock:
    """Simulated seconds: advanced by ``cost`` on every call of the wrapped function."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def costing(self, fn, cost: float):
        def wrapped(*args, **kwargs):
            self.now += cost
            return fn(*args, **kwargs)

        return wrapped


def upload_of(places: int, seed: int = 0) -> bytes:
    rng = random.Random(seed)
    rows = [
        ROW.format(
            i=i,
            day=1 + i % 28,
            lat=27 + rng.random() * 5,
            lon=11 + rng.random() * 12,
            who=("GNA", "LNA")[i % 2],
        )
        for i in range(places)
    ]
    return ("\n".join([EVENT_HEADER, *rows]) + "\n").encode()


def test_a_20000_place_upload_stays_within_its_budget(tmp_path, monkeypatch):
    clock = WorkClock()
    monkeypatch.setattr(labels, "unit_pixel", clock.costing(labels.unit_pixel, 1e-3))
    deadline = budget.Deadline(upload.MAX_SECONDS, clock=clock)
    with budget.within(deadline):
        converted = upload.convert_upload(upload_of(20_000), "big.csv", "Frontline CSV", None)
        assert converted.ok, converted.problems[:3]
        scratch.write_events(tmp_path, converted.events_csv, title="big")
        model = Model.load(tmp_path)
        factions = tuple(model.factions)
        config = map_config.timeline_config(model, factions, {})
        page = map_page.timeline_page(model, factions, None, None, config)
    assert len(model.data.places) == 20_000 and "Place 00001" in page
    assert clock.now <= deadline.seconds  # the work stopped inside the budget
    assert config.names["items"] == []  # no time was left for names: none, and said so
    assert deadline.notes == [
        "Town names shown for the first 0 of 400 names only (the busiest places first): "
        "placing the rest would run past the time limit."
    ]


def test_names_left_out_are_the_least_busy_ones():
    rng = random.Random(1)
    items = [
        Label(f"P{k:03d}", "", 30 + rng.random() * 3, 12 + rng.random() * 4, k) for k in range(300)
    ]
    full = place_labels(items, [], ZOOMS)
    clock = WorkClock()
    with budget.within(budget.Deadline(1.0, clock=clock)):
        projection = labels.unit_pixel
        try:
            labels.unit_pixel = clock.costing(projection, 1e-3)  # 7 per label: ~70 labels
            partial = place_labels(items, [], ZOOMS)
        finally:
            labels.unit_pixel = projection
        notes = budget.current().notes
    assert 0 < len(partial) < len(full)
    assert partial == full[: len(partial)]  # a prefix: the busiest places keep their names
    assert len(notes) == 1 and notes[0].startswith("Town names shown for the first ")


def test_conversion_stops_once_the_run_deadline_is_spent():
    ticks = iter(range(10_000))
    with budget.within(budget.Deadline(1.0, clock=lambda: float(next(ticks)))):
        result = upload.convert_upload(upload_of(50), "up.csv", "Frontline CSV", None)
    assert len(result.problems) == 1
    assert result.problems[0].startswith("up.csv: reading stopped after ")
    assert "(time limit 1 s)" in result.problems[0]


def test_a_header_of_200000_columns_is_refused_before_parsing():
    header = ",".join(f"c{k}" for k in range(200_000))
    raw = (header + "\n" + ",".join("x" * 200_000) + "\n").encode()
    result = upload.convert_upload(raw, "wide.csv", "Frontline CSV", None)
    assert result.problems == (
        f"wide.csv:1: a header of about 200,000 columns (at most {upload.MAX_COLUMNS})",
    )


def test_a_video_is_refused_over_any_of_its_limits_and_says_which():
    limits = budget.VideoBudget(max_days=100, max_frames=1000, max_pixels=1920 * 1080)
    assert limits.refusal(100, 1000, (1080, 1080)) is None
    assert "draw 101 days at 1080×1080" in (limits.refusal(101, 10, (1080, 1080)) or "")
    assert limits.refusal(400, 10, (540, 540)) is None  # a quarter of the pixels: 4× the days
    assert "at most 400" in (limits.refusal(401, 10, (540, 540)) or "")
    assert "1001 frames" in (limits.refusal(10, 1001, (540, 540)) or "")
    assert "larger than the app renders" in (limits.refusal(1, 1, (2160, 2160)) or "")
